package dev.simlab.core.run;

import dev.simlab.core.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a finished (or interrupted) experiment amounts to, for any kind of run: each run's figures
 * ({@link RunResult#figures()}) and their mean, std, min and max across runs. Written as
 * {@code summary.json} and printed as the end-of-run table.
 */
public final class Summary {
    private final Scenario scenario;
    private final List<RunResult> results;
    private final boolean interrupted;
    private final double wallSeconds;

    public Summary(Scenario scenario, List<RunResult> results, boolean interrupted, double wallSeconds) {
        this.scenario = scenario;
        this.results = List.copyOf(results);
        this.interrupted = interrupted;
        this.wallSeconds = wallSeconds;
    }

    /** {@code failed} if any run failed, {@code interrupted} if any run did not finish, else {@code completed}. */
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

    /** Every figure any run reported, in the first-seen order, with its value per run (NaN where missing). */
    private Map<String, double[]> columns() {
        Set<String> names = new LinkedHashSet<>();
        for (RunResult r : results) names.addAll(r.figures().keySet());
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (String name : names) {
            double[] v = new double[results.size()];
            for (int i = 0; i < v.length; i++) v[i] = results.get(i).figure(name);
            boolean any = false;
            for (double x : v) any |= !Double.isNaN(x);
            if (any) cols.put(name, v);
        }
        return cols;
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
        for (Scenario.Part p : scenario.parts()) m.put(p.role(), p.id());
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
            rm.putAll(r.figures());
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
        StringBuilder sb = new StringBuilder();
        String fmt = "%-24s %12s %10s %12s %12s%n";
        int n = results.size();
        sb.append(String.format(Locale.ROOT, fmt, "across " + n + " run" + (n == 1 ? "" : "s"), "mean", "std", "min", "max"));
        int decimals = scenario instanceof dev.simlab.core.scenario.GanScenario ? 3 : 2;
        for (Map.Entry<String, double[]> e : columns().entrySet()) {
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
