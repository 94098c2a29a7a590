package dev.simlab.study;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.rng.Rng;
import dev.simlab.study.stats.Aggregates;
import dev.simlab.study.stats.Estimate;
import dev.simlab.study.stats.PerformanceProfile;
import dev.simlab.study.stats.ProbabilityOfImprovement;
import dev.simlab.study.stats.StratifiedBootstrap;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code report/} folder of a study, or of any named groups of run folders (what {@code simlab
 * compare DIR...} reports on). A pure function of the folders it reads: the bootstrap draws are
 * seeded by each configuration's name, so the same folders give the same files.
 *
 * <pre>
 *   stats.csv                        name,statistic,value,ci_low,ci_high
 *   index.html                       static page: objective, top configurations, statistics, plots
 *   param-KEY.png                    (searches) the objective against each searched parameter
 *   learning-curves.png              the top configurations' mean learning curves, 95% bands
 *   iqm.png                          IQM per configuration with its 95% CI
 *   probability-of-improvement.png   P(a > b) for pairs of the top configurations, 95% CIs
 *   performance-profile.png          fraction of seeds above each threshold τ, 95% bands
 * </pre>
 *
 * <p><b>Statistics.</b> A configuration's scores are its seeds' objective values (one task, in
 * rliable's terms). {@code mean}, {@code median} (of the seeds: rliable's median of task means would
 * repeat the mean with one task) and {@code iqm} are in the objective's units, with
 * 95% percentile stratified bootstrap intervals over the seeds ({@value StratifiedBootstrap#DEFAULT_REPS}
 * replicates). For a {@code min} objective the scores are <em>not</em> negated: those three
 * statistics read the same either way, and the ones that need a direction take it from the
 * objective. {@code optimality_gap} needs a target γ: the report uses the best per-seed score
 * observed across all its configurations (the highest, or the lowest for {@code min}), so the gap is
 * the mean shortfall of a configuration's seeds from the best seed seen anywhere, {@code
 * max(0, γ − score)} (or {@code max(0, score − γ)}); 0 only when every seed matched it, lower is
 * better. {@code probability_of_improvement} rows are named {@code a>b}: the chance that a seed of
 * {@code a} beats a seed of {@code b} (scores higher, or lower for {@code min}), for every ordered
 * pair of compared scenarios, or of a search's {@value #TOP} best configurations.
 *
 * <p>Configurations are ranked by their objective (the mean over seeds, as {@code trials.csv} and
 * {@code best.yaml} rank them), best first; stats.csv lists them in that order.
 */
public final class Report {
    /** A search's best this many configurations get plots and probability-of-improvement rows. */
    public static final int TOP = 5;

    /** Rows of the page's table of top configurations (stats.csv has every configuration). */
    public static final int TABLE = 10;

    /** The statistics of stats.csv, in the order each configuration's rows come. */
    public static final List<String> STATISTICS = List.of("mean", "median", "iqm", "optimality_gap");

    public static final String IMPROVEMENT = "probability_of_improvement";

    private Report() {}

    /**
     * One configuration: a trial, a compared scenario, or a folder given to {@code simlab compare}.
     *
     * @param name how the report names it (a trial id, a scenario name)
     * @param runFolders its SimLab run folders, each with one or more runs (seeds)
     * @param scores each seed's objective value, in folder then run order
     * @param params the searched parameters' values as trials.csv writes them (empty outside searches)
     * @param wallSeconds its wall-clock time, NaN when unknown
     */
    public record Group(String name, List<Path> runFolders, double[] scores, Map<String, String> params, double wallSeconds) {
        public Group {
            runFolders = List.copyOf(runFolders);
            scores = scores.clone();
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        /** The objective: the mean of the seeds' scores. */
        public double objective() {
            return Scoring.mean(scores);
        }

        public int seeds() {
            return scores.length;
        }

        @Override
        public double[] scores() {
            return scores.clone();
        }
    }

    /**
     * A searched parameter: a {@code range:} (on a log scale when {@code log}) or, when {@code
     * values} is not empty, a {@code values:} list, plotted as categories in that order.
     */
    public record Param(String key, boolean log, List<String> values) {
        public Param {
            values = List.copyOf(values);
        }

        /** The parameter of a study file's {@code search.space} entry. */
        static Param of(String key, Map<String, Object> entry) {
            List<String> values = new ArrayList<>();
            if (entry.get("values") instanceof List<?> l) for (Object v : l) values.add(String.valueOf(v));
            return new Param(key, "true".equals(String.valueOf(entry.get("log"))), values);
        }
    }

    /** A trial of any status, as trials.csv lists it: what the objective-versus-parameter plots draw. */
    public record TrialPoint(String trial, String status, double objective, Map<String, String> params) {}

    /**
     * What a report is about.
     *
     * @param title the page's heading (the study's name)
     * @param description a line under it (what was searched or compared, on how many seeds)
     * @param compare true when the groups are alternatives compared as a whole (every pair gets a
     *     probability of improvement), false for a search's configurations (its top {@value #TOP})
     * @param space the searched parameters (empty for comparisons)
     * @param trials every trial with its status (empty for comparisons of plain run folders)
     */
    public record Subject(String title, String description, StudySpec.Objective objective, boolean compare, List<Param> space, List<TrialPoint> trials) {
        public Subject {
            space = List.copyOf(space);
            trials = List.copyOf(trials);
        }
    }

    /** One row of stats.csv: a configuration's (or a pair's, {@code a>b}) statistic with its 95% CI. */
    public record Stat(String name, String statistic, Estimate estimate) {}

    /**
     * Writes {@code studyDir/report/} from the study's {@code trials.csv} and trial folders.
     * Completed trials are the configurations; a completed trial whose folder has no summary.json
     * (deleted since) is left out.
     *
     * @return the report folder
     */
    public static Path writeStudy(Path studyDir, StudySpec spec) throws IOException {
        Path csv = studyDir.resolve("trials.csv");
        if (!Files.isRegularFile(csv)) throw new ConfigException(studyDir.toString(), "", "no trials.csv: the study has not finished a first pass yet");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> header = csvFields(lines.get(0));
        List<String> keys = header.subList(3, header.size() - 2);
        List<TrialPoint> trials = new ArrayList<>();
        List<Group> groups = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int missing = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            List<String> f = csvFields(line);
            Map<String, String> params = new LinkedHashMap<>();
            for (int k = 0; k < keys.size(); k++) params.put(keys.get(k), f.get(3 + k));
            String id = f.get(0), status = f.get(1);
            double objective = f.get(2).isEmpty() ? Double.NaN : Double.parseDouble(f.get(2));
            double wall = f.get(f.size() - 1).isEmpty() ? Double.NaN : Double.parseDouble(f.get(f.size() - 1));
            // a configuration proposed twice is one trial listed twice: report it once
            if (trials.stream().anyMatch(t -> t.trial().equals(id))) continue;
            trials.add(new TrialPoint(id, status, objective, spec.compare() ? Map.of() : params));
            if (!status.equals("completed")) continue;
            Path dir = studyDir.resolve("trials").resolve(id);
            try {
                String name = spec.compare() ? scenarioName(params.getOrDefault("scenario", id)) : id;
                if (names.contains(name)) name = params.get("scenario") + " (" + id + ")";
                names.add(name);
                groups.add(group(name, List.of(dir), spec.objective(), spec.compare() ? Map.of() : params, wall));
            } catch (NoSuchFileException e) {
                missing++;
            }
        }
        List<Param> space = new ArrayList<>();
        if (!spec.compare()) spec.space().forEach((k, m) -> space.add(Param.of(k, m)));
        String what = spec.compare()
                ? "Comparison of " + spec.scenarios().size() + " scenarios on the same " + seeds(spec.seeds())
                : methodName(spec.method()) + " search over " + spec.space().size() + " parameter" + (spec.space().size() == 1 ? "" : "s")
                        + " of " + spec.scenarios().get(0) + ", " + seeds(spec.seeds()) + " per trial";
        if (missing > 0) what += "; " + missing + " completed trial folder" + (missing == 1 ? " has" : "s have") + " no summary.json and is left out";
        Path out = studyDir.resolve("report");
        write(out, new Subject(spec.name(), what, spec.objective(), spec.compare(), space, trials), groups);
        return out;
    }

    /** A group from run folders: its scores are each folder's runs' objective values, in order. */
    public static Group group(String name, List<Path> runFolders, StudySpec.Objective objective, Map<String, String> params, double wallSeconds)
            throws IOException {
        List<Double> scores = new ArrayList<>();
        for (Path dir : runFolders) for (double s : Scoring.perRun(objective, dir)) scores.add(s);
        return new Group(name, runFolders, scores.stream().mapToDouble(Double::doubleValue).toArray(), params, wallSeconds);
    }

    /**
     * Writes the report of {@code groups} into {@code reportDir} (created if needed; files of an
     * earlier report are replaced). Seeds without a finite score (a run that reported no such
     * figure) are left out of the statistics, and groups with none at all of the report.
     */
    public static void write(Path reportDir, Subject subject, List<Group> groups) throws IOException {
        // Java2D needs no display for off-screen images, but without this an unset DISPLAY can
        // still make AWT's toolkit try one; a no-op once AWT is up
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        Files.createDirectories(reportDir);
        StudySpec.Objective o = subject.objective();
        List<Group> ranked = rank(groups, o.maximise());
        List<Stat> stats = statistics(ranked, o.maximise(), subject.compare());
        Files.writeString(reportDir.resolve("stats.csv"), statsCsv(stats), StandardCharsets.UTF_8);
        List<String[]> plots = plots(reportDir, subject, ranked, stats);
        Files.writeString(reportDir.resolve("index.html"), html(subject, ranked, stats, plots), StandardCharsets.UTF_8);
    }

    /** Groups with their finite scores only, best objective first (ties keep their order). */
    static List<Group> rank(List<Group> groups, boolean maximise) {
        List<Group> out = new ArrayList<>();
        for (Group g : groups) {
            double[] finite = Arrays.stream(g.scores()).filter(Double::isFinite).toArray();
            if (finite.length > 0) out.add(new Group(g.name(), g.runFolders(), finite, g.params(), g.wallSeconds()));
        }
        Comparator<Group> byObjective = Comparator.comparingDouble(Group::objective);
        out.sort(maximise ? byObjective.reversed() : byObjective);
        return out;
    }

    /**
     * The rows of stats.csv for groups ranked best first: each group's {@link #STATISTICS}, then
     * {@code a>b} probabilities of improvement for every ordered pair of the groups when {@code
     * compare}, else of the best {@value #TOP}.
     */
    public static List<Stat> statistics(List<Group> ranked, boolean maximise, boolean compare) {
        double sign = maximise ? 1 : -1;
        // γ in oriented units (higher is better): the best seed of any configuration
        double gamma = Double.NEGATIVE_INFINITY;
        for (Group g : ranked) for (double s : g.scores()) gamma = Math.max(gamma, sign * s);
        double target = gamma;
        List<Stat> out = new ArrayList<>();
        for (Group g : ranked) {
            double[][] oriented = oriented(g, sign);
            // one set of replicates for all four, so the rows of a configuration agree with each other
            Estimate[] e = StratifiedBootstrap.intervals(oriented, s -> new double[] {Aggregates.mean(s), medianOfSeeds(s), Aggregates.iqm(s),
                Aggregates.optimalityGap(s, target)}, StratifiedBootstrap.DEFAULT_REPS, StratifiedBootstrap.DEFAULT_CONFIDENCE, new Rng(seed(g.name())));
            for (int i = 0; i < 3; i++) out.add(new Stat(g.name(), STATISTICS.get(i), unoriented(e[i], sign)));
            out.add(new Stat(g.name(), STATISTICS.get(3), e[3]));
        }
        List<Group> pairs = compare ? ranked : ranked.subList(0, Math.min(TOP, ranked.size()));
        for (Group a : pairs) {
            for (Group b : pairs) {
                if (a == b) continue;
                String name = a.name() + ">" + b.name();
                out.add(new Stat(name, IMPROVEMENT, ProbabilityOfImprovement.interval(oriented(a, sign), oriented(b, sign), seed(name))));
            }
        }
        return out;
    }

    /** The best per-seed score across the groups: the optimality gap's target γ, in objective units. */
    public static double gamma(List<Group> groups, boolean maximise) {
        double best = Double.NaN;
        for (Group g : groups) {
            for (double s : g.scores()) if (Double.isFinite(s) && (Double.isNaN(best) || (maximise ? s > best : s < best))) best = s;
        }
        return best;
    }

    /**
     * The median of the seeds' scores. rliable's median ({@link Aggregates#median}) is the median
     * over tasks of each task's mean, which with a report's single task would repeat the mean.
     */
    static double medianOfSeeds(double[][] scores) {
        double[] v = new double[scores.length];
        for (int i = 0; i < v.length; i++) v[i] = scores[i][0];
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static double[][] oriented(Group g, double sign) {
        double[] s = g.scores();
        double[][] m = new double[s.length][1];
        for (int i = 0; i < s.length; i++) m[i][0] = sign * s[i];
        return m;
    }

    private static Estimate unoriented(Estimate e, double sign) {
        return sign > 0 ? e : new Estimate(-e.value(), -e.ciHigh(), -e.ciLow());
    }

    /** A seed from a name (FNV-1a): a configuration's intervals do not change when others join the report. */
    private static long seed(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static String statsCsv(List<Stat> stats) {
        StringBuilder sb = new StringBuilder("name,statistic,value,ci_low,ci_high\n");
        for (Stat s : stats) {
            sb.append(csv(s.name())).append(',').append(s.statistic()).append(',').append(num(s.estimate().value())).append(',')
                    .append(num(s.estimate().ciLow())).append(',').append(num(s.estimate().ciHigh())).append('\n');
        }
        return sb.toString();
    }

    // ---- plots

    /** Draws every plot the data allows; returns each one's file name and caption, in page order. */
    private static List<String[]> plots(Path dir, Subject subject, List<Group> ranked, List<Stat> stats) throws IOException {
        StudySpec.Objective o = subject.objective();
        String objective = objectiveLabel(o);
        List<String[]> plots = new ArrayList<>();
        for (String old : List.of("learning-curves.png", "iqm.png", "probability-of-improvement.png", "performance-profile.png")) {
            Files.deleteIfExists(dir.resolve(old));
        }
        try (var s = Files.newDirectoryStream(dir, "param-*.png")) {
            for (Path p : s) Files.delete(p);
        }
        for (Param p : subject.space()) {
            String file = paramPlot(dir, p, subject.trials(), o);
            if (file != null) {
                plots.add(new String[] {file, "The objective against " + p.key() + ", one point per completed (blue) or pruned (grey) trial; the best trial in orange."});
            }
        }
        List<Group> shown = ranked.subList(0, Math.min(TOP, ranked.size()));
        if (shown.isEmpty()) return plots;
        List<Integer> colours = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) colours.add(i);
        // compared scenarios and trials keep their colour and their short name in every plot
        List<Group> named = subject.compare() ? ranked.subList(0, Math.min(15, ranked.size())) : shown;
        List<String> shortNames = ReportCharts.shortNames(named.stream().map(Group::name).toList());

        List<List<Path>> folders = shown.stream().map(Group::runFolders).toList();
        LearningCurves.Axes axes = LearningCurves.axes(folders, Scoring.intermediateColumn(o));
        if (axes != null) {
            List<LearningCurves.Curve> curves = new ArrayList<>();
            List<Integer> curveColours = new ArrayList<>();
            List<String> curveNames = new ArrayList<>();
            for (int i = 0; i < shown.size(); i++) {
                LearningCurves.Curve c = LearningCurves.of(shown.get(i).name(), shown.get(i).runFolders(), axes, seed(shown.get(i).name()));
                if (c != null) {
                    curves.add(c);
                    curveColours.add(i);
                    curveNames.add(shortNames.get(i));
                }
            }
            if (!curves.isEmpty()) {
                ReportCharts.curves(dir.resolve("learning-curves.png"), curves, curveNames, curveColours, axes);
                plots.add(new String[] {"learning-curves.png", "Learning curves of the " + (subject.compare() && shown.size() == ranked.size() ? "compared scenarios"
                        : shown.size() == 1 ? "best configuration" : shown.size() + " best configurations")
                        + ": the mean over seeds of " + axes.yColumn() + " against " + axes.xTitle()
                        + (axes.xColumn().equals("iteration") ? "" : ", each seed's " + axes.yColumn() + " averaged over the trailing 10% of the " + axes.xTitle() + " range")
                        + "; bands are pointwise 95% percentile bootstrap intervals over seeds (" + LearningCurves.BAND_REPS + " replicates)."
                        + " The y axis fits the last " + Math.round(100 * (1 - ReportCharts.EARLY)) + "% of the x range: the first steps of learning may run below it."});
            }
        }

        // IQM intervals: every compared scenario (up to 15 rows stay readable), a search's best
        List<Group> iqmRows = named;
        List<Estimate> iqms = new ArrayList<>();
        List<Integer> iqmColours = new ArrayList<>();
        for (int i = 0; i < iqmRows.size(); i++) {
            iqms.add(find(stats, iqmRows.get(i).name(), "iqm"));
            iqmColours.add(i);
        }
        ReportCharts.intervals(dir.resolve("iqm.png"), "interquartile mean over seeds, 95% stratified bootstrap CI", "IQM of " + objective + (o.maximise() ? " (higher is better)" : " (lower is better)"),
                shortNames, iqms, iqmColours, Double.NaN, null, null);
        plots.add(new String[] {"iqm.png", "Interquartile mean of the objective over seeds (bar: 95% CI, diamond: the IQM)."});

        if (shown.size() >= 2) {
            List<String> labels = new ArrayList<>();
            List<Estimate> pois = new ArrayList<>();
            List<Integer> poiColours = new ArrayList<>();
            for (int i = 0; i < shown.size(); i++) {
                for (int j = i + 1; j < shown.size(); j++) {
                    String name = shown.get(i).name() + ">" + shown.get(j).name();
                    labels.add(shortNames.get(i) + " > " + shortNames.get(j));
                    pois.add(find(stats, name, IMPROVEMENT));
                    poiColours.add(i);
                }
            }
            ReportCharts.intervals(dir.resolve("probability-of-improvement.png"), "probability of improvement, 95% bootstrap CI",
                    "P(a seed of a " + (o.maximise() ? "scores higher" : "scores lower") + " than a seed of b)", labels, pois, poiColours, 0.5, 0.0, 1.0);
            plots.add(new String[] {"probability-of-improvement.png", "Probability of improvement P(a &gt; b) for each pair of the best configurations "
                    + "(0.5: neither is better; the dashed line), with 95% CIs."});
        }

        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Group g : shown) {
            for (double s : g.scores()) {
                lo = Math.min(lo, s);
                hi = Math.max(hi, s);
            }
        }
        if (hi == lo) {
            lo -= 1;
            hi += 1;
        }
        double pad = 0.05 * (hi - lo);
        double sign = o.maximise() ? 1 : -1;
        double[] taus = new double[101];
        for (int i = 0; i < taus.length; i++) taus[i] = sign * (lo - pad + (hi - lo + 2 * pad) * i / (taus.length - 1));
        if (!o.maximise()) {
            // ascending for PerformanceProfile's readers; ReportCharts turns them back
            double[] rev = new double[taus.length];
            for (int i = 0; i < taus.length; i++) rev[i] = taus[taus.length - 1 - i];
            taus = rev;
        }
        List<List<PerformanceProfile.Point>> profiles = new ArrayList<>();
        for (Group g : shown) profiles.add(PerformanceProfile.withBands(oriented(g, sign), taus, seed(g.name() + "/profile")));
        ReportCharts.profiles(dir.resolve("performance-profile.png"), shortNames.subList(0, shown.size()), profiles, colours, o.maximise(), objective);
        plots.add(new String[] {"performance-profile.png", "Performance profiles: the fraction of each configuration's seeds whose objective is "
                + (o.maximise() ? "above" : "below") + " τ, with 95% bootstrap bands (" + PerformanceProfile.DEFAULT_REPS + " replicates)."});
        return plots;
    }

    /** The objective-versus-parameter plot of one searched key, or null when no trial has a value for it. */
    private static String paramPlot(Path dir, Param p, List<TrialPoint> trials, StudySpec.Objective o) throws IOException {
        List<TrialPoint> scored = trials.stream().filter(t -> Double.isFinite(t.objective()) && (t.status().equals("completed") || t.status().equals("pruned"))
                && t.params().get(p.key()) != null && !t.params().get(p.key()).isEmpty()).toList();
        if (scored.isEmpty()) return null;
        // a values: list is categories even when numeric: 32 and 64 units are two choices, not a scale
        boolean numeric = p.values().isEmpty() && scored.stream().allMatch(t -> isNumber(t.params().get(p.key())));
        List<String> categories = null;
        if (!numeric) {
            categories = new ArrayList<>(p.values());
            for (String v : new TreeSet<>(scored.stream().map(t -> t.params().get(p.key())).toList())) if (!categories.contains(v)) categories.add(v);
        }
        TrialPoint best = null;
        for (TrialPoint t : scored) if (t.status().equals("completed") && (best == null || o.better(t.objective(), best.objective()))) best = t;
        boolean log = numeric && p.log() && scored.stream().allMatch(t -> Double.parseDouble(t.params().get(p.key())) > 0);
        List<ReportCharts.Dot> dots = new ArrayList<>();
        for (TrialPoint t : scored) {
            String v = t.params().get(p.key());
            double x = numeric ? Double.parseDouble(v) : categories.indexOf(v);
            dots.add(new ReportCharts.Dot(x, t.objective(), t.status().equals("pruned"), t == best));
        }
        String file = "param-" + p.key().replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
        ReportCharts.scatter(dir.resolve(file), p.key(), log, categories, dots, objectiveLabel(o));
        return file;
    }

    private static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Estimate find(List<Stat> stats, String name, String statistic) {
        for (Stat s : stats) if (s.name().equals(name) && s.statistic().equals(statistic)) return s.estimate();
        throw new IllegalStateException("no " + statistic + " for " + name);
    }

    // ---- the page

    private static String html(Subject subject, List<Group> ranked, List<Stat> stats, List<String[]> plots) {
        StudySpec.Objective o = subject.objective();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(subject.title())).append(" report</title>\n");
        h.append("<style>\nbody{font-family:sans-serif;margin:24px;color:#222;max-width:1100px}\n"
                + "table{border-collapse:collapse;margin:8px 0 20px}th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}\n"
                + "th{background:#f0f0f0}td.name,th.name{text-align:left;font-family:monospace}\n"
                + "img{display:block;border:1px solid #ddd;margin:6px 0 2px;max-width:100%}figure{margin:0 0 22px}figcaption{color:#555;font-size:90%}\n"
                + "p.note{color:#555;font-size:90%}\n</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(subject.title())).append("</h1>\n");
        h.append("<p>").append(esc(subject.description())).append(".</p>\n");
        h.append("<p><b>Objective:</b> ").append(esc(objectiveLabel(o))).append(" — ").append(o.maximise() ? "higher" : "lower").append(" is better.");
        if (!subject.trials().isEmpty()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (TrialPoint t : subject.trials()) counts.merge(t.status(), 1, Integer::sum);
            h.append(" <b>Trials:</b> ").append(subject.trials().size());
            List<String> parts = new ArrayList<>();
            counts.forEach((k, v) -> parts.add(v + " " + k));
            h.append(" (").append(esc(String.join(", ", parts))).append(")");
        }
        h.append("</p>\n");

        List<String> keys = subject.space().stream().map(Param::key).toList();
        List<Group> top = ranked.subList(0, Math.min(TABLE, ranked.size()));
        h.append("<h2>").append(subject.compare() ? "Scenarios" : "Top configurations").append("</h2>\n");
        if (ranked.isEmpty()) {
            h.append("<p>No configuration has a score yet.</p>\n");
        } else {
            h.append("<table>\n<tr><th>rank</th><th class=\"name\">").append(subject.compare() ? "scenario" : "trial").append("</th><th>objective</th><th>IQM [95% CI]</th>");
            for (String k : keys) h.append("<th class=\"name\">").append(esc(k)).append("</th>");
            h.append("<th>seeds</th><th>wall seconds</th></tr>\n");
            for (int i = 0; i < top.size(); i++) {
                Group g = top.get(i);
                Estimate iqm = find(stats, g.name(), "iqm");
                h.append("<tr><td>").append(i + 1).append("</td><td class=\"name\">").append(esc(g.name())).append("</td><td>").append(fmt(g.objective()))
                        .append("</td><td>").append(fmt(iqm.value())).append(" [").append(fmt(iqm.ciLow())).append(", ").append(fmt(iqm.ciHigh())).append("]</td>");
                for (String k : keys) h.append("<td class=\"name\">").append(esc(g.params().getOrDefault(k, ""))).append("</td>");
                h.append("<td>").append(g.seeds()).append("</td><td>").append(fmt(g.wallSeconds())).append("</td></tr>\n");
            }
            h.append("</table>\n");
            if (ranked.size() > top.size()) h.append("<p class=\"note\">").append(ranked.size() - top.size()).append(" more completed configurations are in stats.csv.</p>\n");
        }

        if (!ranked.isEmpty()) {
            h.append("<h2>Statistics</h2>\n<table>\n<tr><th class=\"name\">name</th><th class=\"name\">statistic</th><th>value</th><th>95% CI low</th><th>95% CI high</th></tr>\n");
            Set<String> listed = new HashSet<>(top.stream().map(Group::name).toList());
            for (Stat s : stats) {
                if (!s.statistic().equals(IMPROVEMENT) && !listed.contains(s.name())) continue;
                h.append("<tr><td class=\"name\">").append(esc(s.name())).append("</td><td class=\"name\">").append(s.statistic()).append("</td><td>")
                        .append(fmt(s.estimate().value())).append("</td><td>").append(fmt(s.estimate().ciLow())).append("</td><td>").append(fmt(s.estimate().ciHigh()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
            double gamma = gamma(ranked, o.maximise());
            h.append("<p class=\"note\">Scores are the seeds' objective values. Intervals are 95% percentile stratified bootstrap CIs over seeds (")
                    .append(StratifiedBootstrap.DEFAULT_REPS).append(" replicates; ").append(ProbabilityOfImprovement.DEFAULT_REPS)
                    .append(" for probabilities of improvement), as in rliable (Agarwal et al., 2021). The optimality gap's target γ = ").append(fmt(gamma))
                    .append(" is the best per-seed score observed across all configurations; the gap is the mean of max(0, ")
                    .append(o.maximise() ? "γ − score" : "score − γ").append(") over seeds (lower is better). A row a&gt;b is the probability that a seed of a scores ")
                    .append(o.maximise() ? "higher" : "lower").append(" than a seed of b.")
                    .append(o.maximise() ? "" : " Scores of this lower-is-better objective are not negated: mean, median and IQM are in its units.")
                    .append(" The median is the seeds' median. All values: stats.csv.</p>\n");
        }

        if (!plots.isEmpty()) h.append("<h2>Plots</h2>\n");
        for (String[] p : plots) {
            h.append("<figure><img src=\"").append(esc(p[0])).append("\" width=\"").append(ReportCharts.WIDTH).append("\" height=\"").append(ReportCharts.HEIGHT)
                    .append("\" alt=\"").append(esc(p[0])).append("\"><figcaption>").append(p[1]).append("</figcaption></figure>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** The objective as the page and the axes name it: the figure, or the column and its episode window. */
    static String objectiveLabel(StudySpec.Objective o) {
        return o.windowed() ? o.metric() + " over episodes " + o.firstEpisode() + "–" + o.lastEpisode() : o.metric();
    }

    private static String scenarioName(String scenario) {
        String base = Path.of(scenario).getFileName().toString();
        return base.replaceFirst("\\.ya?ml$", "");
    }

    private static String seeds(int n) {
        return n + " seed" + (n == 1 ? "" : "s");
    }

    private static String methodName(String method) {
        return switch (method) {
            case "tpe" -> "TPE";
            case "grid" -> "Grid";
            case "random" -> "Random";
            default -> method;
        };
    }

    /** Four significant digits for the page: enough to tell configurations apart, short enough to scan. */
    static String fmt(double v) {
        if (Double.isNaN(v)) return "–";
        if (v == 0) return "0";
        if (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3) return String.format(Locale.ROOT, "%.3e", v);
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** The fields of one CSV line as {@link Study} writes them: quoted where they hold a comma or a quote. */
    static List<String> csvFields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }
}
