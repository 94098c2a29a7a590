package dev.simlab.core.run;

import dev.simlab.core.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a GAN experiment amounts to, the counterpart of {@link Summary}: per run the final
 * evaluation (modes covered, high-quality fraction, KL for mixtures; the dataset's scores for
 * images), iterations, wall-clock seconds and iterations per second, with mean, std, min and max
 * across runs. Written as {@code summary.json} and printed as the end-of-run table.
 */
public final class GanSummary {
    private final Scenario scenario;
    private final List<GanResult> results;
    private final boolean interrupted;
    private final double wallSeconds;

    public GanSummary(Scenario scenario, List<GanResult> results, boolean interrupted, double wallSeconds) {
        this.scenario = scenario;
        this.results = results;
        this.interrupted = interrupted;
        this.wallSeconds = wallSeconds;
    }

    public String status() {
        if (results.stream().anyMatch(r -> r.status().equals("failed"))) return "failed";
        if (interrupted || results.size() < scenario.run().runs() || results.stream().anyMatch(r -> r.status().equals("interrupted"))) {
            return "interrupted";
        }
        return "completed";
    }

    /** Final figures without the {@code eval_} prefix, e.g. {@code modes_covered}. */
    private static String figure(String column) {
        return column.startsWith("eval_") ? column.substring(5) : column;
    }

    private Map<String, double[]> columns() {
        Map<String, double[]> cols = new LinkedHashMap<>();
        TreeSet<String> keys = new TreeSet<>();
        List<String> ordered = new ArrayList<>();
        for (GanResult r : results) for (String k : r.finalMetrics().keySet()) if (keys.add(k)) ordered.add(k);
        int n = results.size();
        for (String k : ordered) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = results.get(i).finalMetrics().getOrDefault(k, Double.NaN);
            cols.put(figure(k), v);
        }
        double[] it = new double[n], ws = new double[n], ips = new double[n];
        for (int i = 0; i < n; i++) {
            it[i] = results.get(i).iterations();
            ws[i] = results.get(i).wallSeconds();
            ips[i] = results.get(i).iterationsPerSecond();
        }
        cols.put("iterations", it);
        cols.put("wall_seconds", ws);
        cols.put("iterations_per_second", ips);
        return cols;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", scenario.name());
        m.put("status", status());
        m.put("gan", scenario.gan().type().id());
        m.put("dataset", scenario.dataset().type().id());
        m.put("runs_planned", scenario.run().runs());
        m.put("runs_reported", results.size());
        m.put("total_wall_seconds", wallSeconds);
        Map<String, Object> agg = new LinkedHashMap<>();
        columns().forEach((k, v) -> agg.put(k, Summary.stats(v)));
        m.put("aggregate", agg);
        List<Object> runs = new ArrayList<>();
        for (GanResult r : results) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("run", r.run());
            rm.put("seed", r.seed());
            rm.put("status", r.status());
            if (r.error() != null) rm.put("error", r.error());
            r.finalMetrics().forEach((k, v) -> rm.put(figure(k), v));
            rm.put("iterations", r.iterations());
            rm.put("wall_seconds", r.wallSeconds());
            rm.put("iterations_per_second", r.wallSeconds() > 0 ? r.iterationsPerSecond() : null);
            runs.add(rm);
        }
        m.put("runs", runs);
        return m;
    }

    public void write(Path file) throws IOException {
        Summary.writeJson(file, toMap());
    }

    public String table() {
        List<String> failures = new ArrayList<>();
        for (GanResult r : results) if (r.error() != null) failures.add("run " + r.run() + " failed: " + r.error());
        return Summary.table(results.size(), columns(), failures, 3);
    }
}
