package dev.simlab.core.run;

import dev.simlab.core.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a finished (or interrupted) experiment amounts to: per-run figures and their mean, std,
 * min and max across runs. Written as {@code summary.json} and printed as the end-of-run table.
 *
 * <p>{@code final_return_mean} is the mean training return over the last 10% of a run's
 * episodes (at least 1, at most 100), the usual "where did it end up" figure for tabular runs;
 * {@code final_eval_return_mean} is the greedy evaluation at the end when the plan evaluates, and
 * {@code final_eval_<key>_mean} the same evaluation's mean at episode end of each key of the env's
 * info (e.g. {@code final_eval_crashed_mean}, the collision rate).
 */
public final class Summary {
    private final Scenario scenario;
    private final List<RunResult> results;
    private final boolean interrupted;
    private final double wallSeconds;

    public Summary(Scenario scenario, List<RunResult> results, boolean interrupted, double wallSeconds) {
        this.scenario = scenario;
        this.results = results;
        this.interrupted = interrupted;
        this.wallSeconds = wallSeconds;
    }

    public static int finalWindow(long episodes) {
        return (int) Math.max(1, Math.min(100, episodes / 10));
    }

    public static double finalReturnMean(RunResult r) {
        return r.lastReturnsMean(finalWindow(r.episodes()));
    }

    public String status() {
        if (results.stream().anyMatch(r -> r.status().equals("failed"))) return "failed";
        if (interrupted || results.size() < scenario.run().runs() || results.stream().anyMatch(r -> r.status().equals("interrupted"))) {
            return "interrupted";
        }
        return "completed";
    }

    public List<RunResult> results() {
        return results;
    }

    /** The rows of the summary table: metric name → values across runs. */
    private Map<String, double[]> columns() {
        Map<String, double[]> cols = new LinkedHashMap<>();
        int n = results.size();
        double[] fr = new double[n], ep = new double[n], st = new double[n], ws = new double[n], sps = new double[n], ev = new double[n];
        boolean hasEval = false;
        for (int i = 0; i < n; i++) {
            RunResult r = results.get(i);
            fr[i] = finalReturnMean(r);
            ep[i] = r.episodes();
            st[i] = r.envSteps();
            ws[i] = r.wallSeconds();
            sps[i] = r.wallSeconds() > 0 ? r.envSteps() / r.wallSeconds() : Double.NaN;
            ev[i] = r.finalEvalMean();
            hasEval |= !Double.isNaN(r.finalEvalMean());
        }
        cols.put("final_return_mean", fr);
        if (hasEval) cols.put("final_eval_return_mean", ev);
        for (String key : evalInfoKeys()) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = results.get(i).finalEvalInfoMeans().getOrDefault(key, Double.NaN);
            cols.put("final_eval_" + key + "_mean", v);
        }
        cols.put("episodes", ep);
        cols.put("env_steps", st);
        cols.put("wall_seconds", ws);
        cols.put("env_steps_per_second", sps);
        return cols;
    }

    /** Every info key any run's final evaluation reported, sorted. */
    private List<String> evalInfoKeys() {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>();
        for (RunResult r : results) keys.addAll(r.finalEvalInfoMeans().keySet());
        return new ArrayList<>(keys);
    }

    static Map<String, Object> stats(double[] v) {
        double mean = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (double x : v) {
            if (Double.isNaN(x)) continue;
            mean += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
            n++;
        }
        mean = n == 0 ? Double.NaN : mean / n;
        double var = 0;
        for (double x : v) if (!Double.isNaN(x)) var += (x - mean) * (x - mean);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", mean);
        m.put("std", n == 0 ? Double.NaN : Math.sqrt(var / n));
        m.put("min", n == 0 ? Double.NaN : min);
        m.put("max", n == 0 ? Double.NaN : max);
        return m;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", scenario.name());
        m.put("status", status());
        m.put("env", scenario.env().type().id());
        m.put("agent", scenario.agent().type().id());
        m.put("runs_planned", scenario.run().runs());
        m.put("runs_reported", results.size());
        m.put("total_wall_seconds", wallSeconds);
        Map<String, Object> agg = new LinkedHashMap<>();
        columns().forEach((k, v) -> agg.put(k, stats(v)));
        m.put("aggregate", agg);
        List<Object> runs = new ArrayList<>();
        for (RunResult r : results) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("run", r.run());
            rm.put("seed", r.seed());
            rm.put("status", r.status());
            if (r.error() != null) rm.put("error", r.error());
            rm.put("episodes", r.episodes());
            rm.put("env_steps", r.envSteps());
            rm.put("wall_seconds", r.wallSeconds());
            rm.put("env_steps_per_second", r.wallSeconds() > 0 ? r.envSteps() / r.wallSeconds() : null);
            rm.put("final_return_mean", finalReturnMean(r));
            rm.put("final_eval_return_mean", r.finalEvalMean());
            rm.put("final_eval_return_std", r.finalEvalStd());
            r.finalEvalInfoMeans().forEach((k, v) -> rm.put("final_eval_" + k + "_mean", v));
            runs.add(rm);
        }
        m.put("runs", runs);
        return m;
    }

    public void write(Path file) throws IOException {
        writeJson(file, toMap());
    }

    /** Writes {@code summary} as JSON through a temporary file, so a reader never sees half of it. */
    public static void writeJson(Path file, Map<String, Object> summary) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Json.write(summary), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The end-of-run table: one line per figure with its mean ± std, min and max across runs. */
    public String table() {
        List<String> failures = new ArrayList<>();
        for (RunResult r : results) if (r.error() != null) failures.add("run " + r.run() + " failed: " + r.error());
        return table(results.size(), columns(), failures, 2);
    }

    /** The table of {@link #table()} for any figures, values shown with {@code decimals} decimals. */
    static String table(int runCount, Map<String, double[]> columns, List<String> failures, int decimals) {
        StringBuilder sb = new StringBuilder();
        String fmt = "%-24s %12s %10s %12s %12s%n";
        sb.append(String.format(Locale.ROOT, fmt, "across " + runCount + " run" + (runCount == 1 ? "" : "s"), "mean", "std", "min", "max"));
        for (Map.Entry<String, double[]> e : columns.entrySet()) {
            Map<String, Object> s = stats(e.getValue());
            sb.append(String.format(Locale.ROOT, fmt, e.getKey(), f(s.get("mean"), decimals), f(s.get("std"), decimals),
                    f(s.get("min"), decimals), f(s.get("max"), decimals)));
        }
        for (String failure : failures) sb.append(failure).append('\n');
        return sb.toString();
    }

    private static String f(Object o, int decimals) {
        double v = (Double) o;
        if (Double.isNaN(v)) return "-";
        if (Math.abs(v) >= 1e5) return String.format(Locale.ROOT, "%.0f", v);
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
