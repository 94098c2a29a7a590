package dev.simlab.study;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.scenario.ScenarioLoader;
import dev.simlab.study.prune.History;
import dev.simlab.study.prune.Pruner;
import dev.simlab.study.search.Direction;
import dev.simlab.study.search.GridSampler;
import dev.simlab.study.search.Observation;
import dev.simlab.study.search.Pending;
import dev.simlab.study.search.Sampler;
import dev.simlab.study.search.SearchSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A study folder: {@code study.yaml} (the resolved study with provenance), {@code journal.jsonl},
 * {@code trials/<id>/} (each a normal run folder), {@code trials.csv}, {@code best.yaml} and
 * {@code report/}. The default folder is {@code results/studies/<name>}: running the same study
 * file again continues it.
 */
public final class StudyFolder {
    private final Path dir;
    private final StudySpec spec;

    private StudyFolder(Path dir, StudySpec spec) {
        this.dir = dir;
        this.spec = spec;
    }

    public Path dir() {
        return dir;
    }

    public StudySpec spec() {
        return spec;
    }

    /** The study a folder's {@code study.yaml} describes. */
    public static StudySpec read(Path dir) {
        Path f = dir.resolve("study.yaml");
        if (!Files.isRegularFile(f)) throw new ConfigException(dir.toString(), "", "not a SimLab study folder (no study.yaml)");
        return StudyLoader.load(f);
    }

    /** Loads every scenario once with a first proposal's parameters, so a bad key or value is reported before any folder exists. */
    public static void validate(StudySpec spec, TrialRunner runner) {
        for (int i = 0; i < (spec.compare() ? spec.scenarios().size() : 1); i++) {
            Map<String, Object> params = spec.compare() ? Map.of() : proposals(spec).propose(0, List.of(), List.of());
            runner.scenario(new Trial(0, "", spec.scenarios().get(i), params));
        }
    }

    /** A new study folder, or the existing folder of the same study (which then continues). */
    public static StudyFolder create(StudySpec spec, Path out, String command) throws IOException {
        Path dir = out != null ? out : Path.of("results", "studies", spec.name());
        if (Files.isRegularFile(dir.resolve("study.yaml"))) {
            StudySpec existing = read(dir);
            if (!existing.toMap().equals(spec.toMap())) {
                throw new ConfigException(dir.toString(), "", "holds another study (its study.yaml differs from " + spec.source()
                        + "); choose another folder with --out, or --resume " + dir + " to continue that one");
            }
            return new StudyFolder(dir, existing);
        }
        if (Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                if (s.findAny().isPresent()) throw new ConfigException(dir.toString(), "", "exists and is not a study folder; choose another with --out");
            }
        }
        Files.createDirectories(dir);
        Map<String, Object> doc = new LinkedHashMap<>(spec.toMap());
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("source", spec.source());
        prov.put("simlab_version", dev.simlab.core.plugin.PluginHost.apiVersion());
        prov.put("command", command);
        prov.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        prov.put("started_at", OffsetDateTime.now().withNano(0).toString());
        doc.put("provenance", prov);
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setSplitLines(false);
        Study.atomically(dir.resolve("study.yaml"), "# Resolved study written by SimLab (provenance is ignored when loading).\n"
                + "# Continue it with: simlab study --resume " + dir + "\n" + new Yaml(o).dump(doc));
        return new StudyFolder(dir, read(dir));
    }

    public static StudyFolder open(Path dir, StudySpec spec) {
        return new StudyFolder(dir, spec);
    }

    /** The coordinator for this folder, with the study's sampler and pruner. */
    public Study study(TrialRunner runner) {
        return new Study(spec, dir, runner, proposals(spec), pruning(spec));
    }

    /** The report, written when the study's trials have ended. */
    public void finish(Study study) throws IOException {
        Report.writeStudy(dir, spec);
    }

    static Direction direction(StudySpec spec) {
        return direction(!spec.objective().maximise());
    }

    static Direction direction(boolean minimise) {
        return minimise ? Direction.MIN : Direction.MAX;
    }

    /** The sampler of {@code search.method}, seen through the coordinator's interface. */
    static Study.Proposals proposals(StudySpec spec) {
        if (spec.compare()) return (n, f, p) -> Map.of();
        SearchSpace space = SearchSpace.parse(spec.source(), spec.space());
        Sampler sampler = Sampler.create(spec.source(), spec.method(), space, spec.searchSeed(), direction(spec));
        return new Study.Proposals() {
            @Override
            public Map<String, Object> propose(int number, List<Study.Done> finished, List<Map<String, Object>> pending) {
                List<Observation> obs = new ArrayList<>();
                for (Study.Done d : finished) {
                    obs.add(switch (d.status()) {
                        case "completed" -> Observation.complete(d.number(), d.params(), d.objective());
                        case "pruned" -> d.curve().isEmpty() ? Observation.failed(d.number(), d.params())
                                : Observation.pruned(d.number(), d.params(), d.curve().size() - 1, d.curve().get(d.curve().size() - 1));
                        default -> Observation.failed(d.number(), d.params());
                    });
                }
                List<Pending> pend = new ArrayList<>();
                for (int i = 0; i < pending.size(); i++) pend.add(new Pending(number - pending.size() + i, pending.get(i)));
                return sampler.propose(number, obs, pend);
            }

            @Override
            public int size() {
                return sampler instanceof GridSampler g ? g.size() : -1;
            }

            @Override
            public boolean independent() {
                return !spec.method().equals("tpe");
            }
        };
    }

    static Study.Pruning pruning(StudySpec spec) {
        Pruner pruner = Pruner.fromSpec(spec.source(), spec.prune(), direction(spec));
        return (number, step, value, earlier) -> {
            List<History.Curve> curves = new ArrayList<>();
            for (int m = 0; m < earlier.size(); m++) curves.add(new History.Curve(m, History.State.COMPLETE, earlier.get(m)));
            return pruner.prune(number, step, value, new History(curves));
        };
    }

    /** The top {@code k} completed trials as a table: id, objective, parameters. */
    public static String table(Study study, int k) {
        List<Study.State> done = new ArrayList<>(study.states().stream().filter(s -> s.status.equals("completed")).toList());
        StudySpec.Objective o = study.spec().objective();
        done.sort((a, b) -> o.better(a.objective, b.objective) ? -1 : o.better(b.objective, a.objective) ? 1 : Integer.compare(a.trial.number(), b.trial.number()));
        StringBuilder sb = new StringBuilder();
        List<String> keys = study.spec().compare() ? List.of("scenario") : new ArrayList<>(study.spec().space().keySet());
        sb.append(String.format(Locale.ROOT, "%-14s %14s", "top trials", o.metric()));
        for (String key : keys) sb.append(String.format(Locale.ROOT, "  %-16s", key));
        sb.append('\n');
        int shown = 0;
        for (Study.State s : study.states()) {
            if (s.status.equals("failed") && shown++ < 3) sb.append("trial ").append(s.trial.id()).append(" failed: ").append(s.error).append('\n');
        }
        for (Study.State s : done.subList(0, Math.min(k, done.size()))) {
            sb.append(String.format(Locale.ROOT, "%-14s %14.4g", s.trial.id(), s.objective));
            for (String key : keys) {
                Object v = study.spec().compare() ? Path.of(s.trial.scenario()).getFileName() : s.trial.params().get(key);
                sb.append(String.format(Locale.ROOT, "  %-16s", v instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : String.valueOf(v)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** {@code simlab study status DIR}: progress from the journal (and, on a cluster, the trials' own outcome files). */
    @SuppressWarnings("unchecked")
    public static String status(Path dir) throws IOException {
        StudySpec spec = read(dir);
        List<Map<String, Object>> events = Journal.read(dir.resolve("journal.jsonl"));
        Map<Integer, String> status = new LinkedHashMap<>();
        Map<Integer, Object> objective = new LinkedHashMap<>();
        Map<Integer, String> ids = new LinkedHashMap<>();
        for (Map<String, Object> e : events) {
            int n = ((Number) e.get("trial")).intValue();
            switch ((String) e.get("event")) {
                case "proposed" -> {
                    status.put(n, "queued");
                    ids.put(n, (String) ((Map<String, Object>) e.get("trial_spec")).get("id"));
                }
                case "attempt" -> status.put(n, "running");
                case "ended" -> {
                    status.put(n, (String) e.get("status"));
                    objective.put(n, e.get("objective"));
                }
                default -> { }
            }
        }
        // a cluster task that finished after the coordinator stopped watching has left its outcome beside its run folder
        for (Map.Entry<Integer, String> s : status.entrySet()) {
            if (s.getValue().equals("running") || s.getValue().equals("queued")) {
                TrialRunner.Outcome o = TrialRunner.Outcome.read(dir.resolve("trials").resolve(ids.get(s.getKey())));
                if (o != null) {
                    s.setValue(o.status());
                    objective.put(s.getKey(), o.objective());
                }
            }
        }
        long completed = status.values().stream().filter("completed"::equals).count();
        long pruned = status.values().stream().filter("pruned"::equals).count();
        long failed = status.values().stream().filter("failed"::equals).count();
        long running = status.values().stream().filter(v -> v.equals("running") || v.equals("queued")).count();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: %d trials proposed: %d completed, %d running or queued, %d pruned, %d failed%n", spec.name(), status.size(),
                completed, running, pruned, failed));
        double best = Double.NaN;
        int bestN = -1;
        for (Map.Entry<Integer, Object> e : objective.entrySet()) {
            if (!"completed".equals(status.get(e.getKey())) || !(e.getValue() instanceof Number v)) continue;
            if (spec.objective().better(v.doubleValue(), best)) {
                best = v.doubleValue();
                bestN = e.getKey();
            }
        }
        if (bestN >= 0) sb.append(String.format(Locale.ROOT, "best: trial %s, %s = %.6g%n", ids.get(bestN), spec.objective().metric(), best));
        return sb.toString();
    }
}
