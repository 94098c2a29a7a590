package dev.simlab.study;

import dev.simlab.core.param.ConfigNode;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.scenario.ScenarioLoader;
import dev.simlab.study.stats.Estimate;
import dev.simlab.study.stats.StratifiedBootstrap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The learning curves of a report, read from run folders' {@code metrics.csv}: each seed's curve
 * sampled on one grid, then their mean over seeds with a pointwise 95% percentile bootstrap band
 * (seeds resampled with replacement, {@link #BAND_REPS} replicates), the same kind of interval
 * as the report's statistics.
 *
 * <ul>
 *   <li>RL runs: the training {@code return} against the episode, or against {@code env_steps}
 *       when a run has a step budget ({@code run.steps} in its {@code scenario.yaml}), since
 *       episode counts then differ between seeds and configurations. Each point is the mean return
 *       of the episodes that ended in the trailing {@link #WINDOW} of the x range before it.</li>
 *   <li>GAN runs: an {@code eval_} score against the iteration, at the evaluation points, unsmoothed
 *       (evaluations are already sparse and averaged over many samples).</li>
 * </ul>
 */
final class LearningCurves {
    /** The smoothing window as a fraction of the x range: wide enough to see trends through RL's noise. */
    static final double WINDOW = 0.10;

    /** At most this many points per curve: a 800-pixel plot shows no more, and the bootstrap stays cheap. */
    static final int MAX_POINTS = 200;

    /** Replicates for the bands: a band's edges wobble by a few percent of its width, invisible on a plot. */
    static final int BAND_REPS = 2_000;

    private LearningCurves() {}

    /** What the curves are drawn against and of: column names and axis titles with units. */
    record Axes(String xColumn, String yColumn, String xTitle, String yTitle) {}

    /** A group's mean curve over {@code seeds} seeds, with its pointwise band {@code [low, high]}. */
    record Curve(String name, double[] x, double[] mean, double[] low, double[] high, int seeds) {}

    /** One seed's raw curve: x ascending, y the column's values (rows with an empty cell left out). */
    private record Seed(double[] x, double[] y) {}

    /** One run folder's {@code metrics.csv}, by column, rows grouped by run. */
    private record Metrics(List<String> header, Map<Integer, List<String[]>> runs) {}

    /**
     * The axes every group's curves can share: GAN folders plot {@code gan_column} against the
     * iteration; RL folders the return against the episode, or against env steps when any of them
     * trains on a step budget. Null when the folders have no metrics.
     */
    static Axes axes(List<List<Path>> groups, String ganColumn) throws IOException {
        boolean steps = false;
        for (List<Path> folders : groups) {
            for (Path dir : folders) {
                Path csv = dir.resolve("metrics.csv");
                if (!Files.isRegularFile(csv)) continue;
                List<String> header = header(csv);
                if (header.size() > 1 && header.get(1).equals("iteration")) {
                    String y = header.contains(ganColumn) ? ganColumn : header.stream().filter(c -> c.startsWith("eval_")).findFirst().orElse(null);
                    return y == null ? null : new Axes("iteration", y, "iteration", y.substring("eval_".length()) + " (evaluation score)");
                }
                steps |= stepBudget(dir);
            }
        }
        return steps ? new Axes("env_steps", "return", "environment steps", "training return (trailing 10% of steps)")
                : new Axes("episode", "return", "episode", "training return (trailing 10% of episodes)");
    }

    /** The group's curve, or null when its folders have no rows for the axes. */
    static Curve of(String name, List<Path> runFolders, Axes axes, long seed) throws IOException {
        List<Seed> seeds = new ArrayList<>();
        for (Path dir : runFolders) {
            Path csv = dir.resolve("metrics.csv");
            if (!Files.isRegularFile(csv)) continue;
            Metrics m = read(csv);
            int xc = m.header().indexOf(axes.xColumn()), yc = m.header().indexOf(axes.yColumn());
            if (xc < 0 || yc < 0) continue;
            for (List<String[]> rows : m.runs().values()) {
                List<double[]> points = new ArrayList<>();
                for (String[] r : rows) {
                    if (r.length <= Math.max(xc, yc) || r[xc].isEmpty() || r[yc].isEmpty()) continue;
                    double x = Double.parseDouble(r[xc]), y = Double.parseDouble(r[yc]);
                    if (Double.isFinite(x) && Double.isFinite(y)) points.add(new double[] {x, y});
                }
                if (points.isEmpty()) continue;
                points.sort((a, b) -> Double.compare(a[0], b[0]));
                double[] xs = new double[points.size()], ys = new double[points.size()];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = points.get(i)[0];
                    ys[i] = points.get(i)[1];
                }
                seeds.add(new Seed(xs, ys));
            }
        }
        if (seeds.isEmpty()) return null;
        // the range every seed covers: past it the mean would silently be over fewer seeds
        double first = Double.NEGATIVE_INFINITY, last = Double.POSITIVE_INFINITY;
        for (Seed s : seeds) {
            first = Math.max(first, s.x()[0]);
            last = Math.min(last, s.x()[s.x().length - 1]);
        }
        if (last < first) return null;
        boolean gan = axes.xColumn().equals("iteration");
        double window = gan ? 0 : WINDOW * last;
        double[] grid = gan ? evaluationPoints(seeds.get(0).x(), first, last) : grid(first, last, axes.xColumn().equals("episode"));
        double[][] values = new double[seeds.size()][grid.length];
        for (int s = 0; s < seeds.size(); s++) values[s] = sample(seeds.get(s), grid, window);
        // a point counts only where every seed has a value
        List<Integer> keep = new ArrayList<>();
        for (int g = 0; g < grid.length; g++) {
            boolean all = true;
            for (double[] v : values) all &= Double.isFinite(v[g]);
            if (all) keep.add(g);
        }
        if (keep.isEmpty()) return null;
        double[] x = new double[keep.size()];
        double[][] matrix = new double[seeds.size()][keep.size()];
        for (int k = 0; k < keep.size(); k++) {
            x[k] = grid[keep.get(k)];
            for (int s = 0; s < seeds.size(); s++) matrix[s][k] = values[s][keep.get(k)];
        }
        // every grid point is a "task" of the bootstrap: each point resamples seeds on its own,
        // which gives each point's band the same distribution as resampling whole seeds
        Estimate[] bands = StratifiedBootstrap.intervals(matrix, LearningCurves::columnMeans, BAND_REPS, StratifiedBootstrap.DEFAULT_CONFIDENCE, new Rng(seed));
        double[] mean = new double[x.length], low = new double[x.length], high = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            mean[k] = bands[k].value();
            low[k] = bands[k].ciLow();
            high[k] = bands[k].ciHigh();
        }
        return new Curve(name, x, mean, low, high, seeds.size());
    }

    private static double[] columnMeans(double[][] m) {
        double[] out = new double[m[0].length];
        for (double[] row : m) for (int j = 0; j < out.length; j++) out[j] += row[j];
        for (int j = 0; j < out.length; j++) out[j] /= m.length;
        return out;
    }

    /** Every episode from first to last when there are few, else {@link #MAX_POINTS} evenly spaced points. */
    static double[] grid(double first, double last, boolean integers) {
        if (integers && last - first + 1 <= MAX_POINTS) {
            double[] g = new double[(int) (last - first) + 1];
            for (int i = 0; i < g.length; i++) g[i] = first + i;
            return g;
        }
        if (last == first) return new double[] {first};
        double[] g = new double[MAX_POINTS];
        for (int i = 0; i < g.length; i++) g[i] = first + (last - first) * i / (g.length - 1);
        if (integers) for (int i = 0; i < g.length; i++) g[i] = Math.round(g[i]);
        return g;
    }

    /** The first seed's evaluation points within the common range, thinned to {@link #MAX_POINTS}. */
    private static double[] evaluationPoints(double[] xs, double first, double last) {
        List<Double> in = new ArrayList<>();
        for (double x : xs) if (x >= first && x <= last && (in.isEmpty() || in.get(in.size() - 1) != x)) in.add(x);
        int step = Math.max(1, (in.size() + MAX_POINTS - 1) / MAX_POINTS);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i += step) out.add(in.get(i));
        if (out.get(out.size() - 1) != last && in.get(in.size() - 1) == last) out.add(last);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The seed's value at each grid point: the mean of its values with x in {@code (g - window, g]},
     * or when none fall there its last value at or before {@code g} (an episode longer than the
     * window), or NaN before its first point.
     */
    static double[] sample(double[] xs, double[] ys, double[] grid, double window) {
        return sample(new Seed(xs, ys), grid, window);
    }

    private static double[] sample(Seed s, double[] grid, double window) {
        double[] prefix = new double[s.y().length + 1];
        for (int i = 0; i < s.y().length; i++) prefix[i + 1] = prefix[i] + s.y()[i];
        double[] out = new double[grid.length];
        for (int g = 0; g < grid.length; g++) {
            int hi = countAtMost(s.x(), grid[g]);
            int lo = window > 0 ? countAtMost(s.x(), grid[g] - window) : hi;
            if (hi > lo) out[g] = (prefix[hi] - prefix[lo]) / (hi - lo);
            else out[g] = hi > 0 ? s.y()[hi - 1] : Double.NaN;
        }
        return out;
    }

    private static int countAtMost(double[] sorted, double v) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** Whether the folder's run trained on a step budget ({@code run.steps > 0} in its scenario.yaml). */
    private static boolean stepBudget(Path dir) {
        Path yaml = dir.resolve("scenario.yaml");
        if (!Files.isRegularFile(yaml)) return false;
        try {
            ConfigNode run = ScenarioLoader.readYaml(yaml).get("run");
            ConfigNode steps = run == null || !run.isMapping() ? null : run.get("steps");
            return steps != null && steps.isScalar() && Long.parseLong(steps.text().trim()) > 0;
        } catch (RuntimeException e) {
            // a scenario.yaml the report cannot read costs only the choice of x axis
            return false;
        }
    }

    private static List<String> header(Path csv) throws IOException {
        try (var r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String h = r.readLine();
            return h == null ? List.of() : List.of(h.split(",", -1));
        }
    }

    private static Metrics read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) return new Metrics(List.of(), Map.of());
        Map<Integer, List<String[]>> runs = new LinkedHashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            if (l.isEmpty()) continue;
            String[] c = l.split(",", -1);
            runs.computeIfAbsent(Integer.parseInt(c[0]), k -> new ArrayList<>()).add(c);
        }
        return new Metrics(List.of(lines.get(0).split(",", -1)), runs);
    }
}
