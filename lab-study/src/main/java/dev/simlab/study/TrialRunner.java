package dev.simlab.study;

import dev.simlab.core.plugin.Registry;
import dev.simlab.core.run.EpisodeRecord;
import dev.simlab.core.run.Experiment;
import dev.simlab.core.run.RunListener;
import dev.simlab.core.scenario.Scenario;
import dev.simlab.core.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one trial into its folder, as every launcher does (in a worker JVM, in a Slurm array task,
 * in {@code simlab trial}): a complete run folder by {@link Experiment#run()}. A finished folder is
 * only scored; what a crashed or killed attempt left is replaced by a fresh run, which reports its
 * evaluations from the first again (the same values: runs are deterministic). Intermediate
 * evaluations are reported to a {@link Gate}, which may prune the trial.
 */
public final class TrialRunner {
    /** Asked at each intermediate evaluation whether the trial goes on. */
    public interface Gate {
        /** @param step the trial's evaluation count so far (run 0's evaluations first, then run 1's…) */
        boolean proceed(Trial trial, int step, double value) throws InterruptedException;

        Gate ALWAYS = (t, s, v) -> true;
    }

    /** How a trial ended: {@code completed} (with its objective), {@code pruned} or {@code failed} (with the error). */
    public record Outcome(String status, double objective, double wallSeconds, String error) {
        public Map<String, Object> toMap(Trial t) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "finished");
            m.put("trial", t.number());
            m.put("id", t.id());
            m.put("status", status);
            m.put("objective", objective);
            m.put("wall_seconds", wallSeconds);
            if (error != null) m.put("error", error);
            return m;
        }

        /** The outcome {@link #toMap} wrote. */
        public static Outcome fromMap(Map<String, Object> m) {
            Object obj = m.get("objective");
            return new Outcome((String) m.get("status"), obj instanceof Number n ? n.doubleValue() : Double.NaN,
                    m.get("wall_seconds") instanceof Number w ? w.doubleValue() : 0, (String) m.get("error"));
        }

        /** Writes {@code trial.json} into the trial's folder in one move: a reader on another node sees all of it or nothing. */
        public void write(Path trialDir, Trial t) throws IOException {
            Files.createDirectories(trialDir);
            Study.atomically(trialDir.resolve(RESULT), dev.simlab.core.run.Json.write(toMap(t)));
        }

        /** The outcome a cluster task left in {@code trial.json}, or null when there is none (yet). */
        @SuppressWarnings("unchecked")
        public static Outcome read(Path trialDir) throws IOException {
            Path f = trialDir.resolve(RESULT);
            if (!Files.isRegularFile(f)) return null;
            try {
                return fromMap((Map<String, Object>) dev.simlab.core.run.Json.parse(Files.readString(f, StandardCharsets.UTF_8)));
            } catch (java.nio.file.NoSuchFileException e) {
                return null; // replaced between the two looks
            }
        }
    }

    /** The file a trial run outside the coordinator (a Slurm or Kubernetes task) leaves its outcome in. */
    public static final String RESULT = "trial.json";

    private final Registry registry;
    private final StudySpec spec;

    public TrialRunner(Registry registry, StudySpec spec) {
        this.registry = registry;
        this.spec = spec;
    }

    /** The trial's resolved scenario. */
    public Scenario scenario(Trial t) {
        return new ScenarioLoader(registry).load(t.scenario(), t.overrides(spec.seeds()));
    }

    public Outcome run(Trial trial, Path dir, Gate gate) throws IOException {
        long start = System.nanoTime();
        Scenario s = scenario(trial);
        String column = Scoring.intermediateColumn(spec.objective());
        String status = summaryStatus(dir);
        if (!"completed".equals(status)) {
            if (Files.isDirectory(dir)) deleteTree(dir);
            Experiment<?> e = Experiment.of(s, dir);
            boolean[] pruned = {false};
            int[] step = {0};
            e.listen(new RunListener() {
                @Override
                public void episode(EpisodeRecord r) {
                    double v = Scoring.intermediate(column, r);
                    if (Double.isNaN(v) || pruned[0]) return;
                    try {
                        if (!gate.proceed(trial, step[0]++, v)) {
                            pruned[0] = true;
                            e.requestStop();
                        }
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        e.requestStop();
                    }
                }
            });
            Experiment.Outcome o = e.run();
            double wall = (System.nanoTime() - start) / 1e9;
            if (pruned[0]) return new Outcome("pruned", Double.NaN, wall, null);
            if (!o.status().equals("completed")) {
                String error = o.results().stream().filter(r -> r.error() != null).map(r -> "run " + r.run() + ": " + r.error()).findFirst()
                        .orElse(o.status());
                return new Outcome(o.status().equals("interrupted") ? "interrupted" : "failed", Double.NaN, wall, error);
            }
        }
        return new Outcome("completed", Scoring.objective(spec.objective(), dir), (System.nanoTime() - start) / 1e9, null);
    }

    /** {@code completed}, {@code interrupted}… from a folder's summary.json; null when it has none. */
    static String summaryStatus(Path dir) throws IOException {
        Path f = dir.resolve("summary.json");
        if (!Files.isRegularFile(f)) return null;
        Object m = dev.simlab.core.run.Json.parse(Files.readString(f, StandardCharsets.UTF_8));
        return m instanceof Map<?, ?> map ? String.valueOf(map.get("status")) : null;
    }

    static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
