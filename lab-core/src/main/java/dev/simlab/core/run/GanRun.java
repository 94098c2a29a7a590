package dev.simlab.core.run;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.data.Dataset;
import dev.simlab.core.gan.Gan;
import dev.simlab.core.gan.GanContext;
import dev.simlab.core.gan.ModeCoverage;
import dev.simlab.core.param.ConfigException;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.scenario.RunPlan;
import dev.simlab.core.scenario.Scenario;
import dev.simlab.core.scene.SceneBuilder;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * One run of a GAN scenario, the counterpart of {@link TrainingRun}: builds the dataset and the
 * GAN from the run's seed and calls {@link Gan#trainIteration()} until {@code run.iterations} are
 * done or a stop is requested.
 *
 * <p>Every {@code run.log_every} iterations it writes one {@code metrics.csv} row
 * ({@code run,iteration,wall_seconds}, the GAN's losses averaged since the previous row, then the
 * {@code eval_*} columns, filled at evaluation points). It evaluates before training (iteration 0),
 * every {@code run.eval_every} iterations and at the end on {@code run.eval_samples} generated
 * samples: mode coverage for mixtures ({@link ModeCoverage}) and the dataset's own scores.
 * The run's folder {@code run-NNN/} gets {@code samples.csv} (the final samples), a scatter plot
 * of real vs generated (2D) or sample grids at each evaluation (images), and {@code losses.png}.
 */
public final class GanRun {
    private final Scenario scenario;
    private final int run;
    private final long seed;
    private final MetricsWriter metrics;
    private final RunListener listener;
    private final BooleanSupplier stopRequested;
    private final Path checkpointFile;
    private final Path runDir;
    private Resume resume;
    private RunMonitor monitor;

    /** Where an interrupted attempt stopped: its checkpoint's iteration and the rows kept in metrics.csv. */
    public record Resume(long iterations, double wallSeconds, long[] loggedIterations, List<Map<String, Double>> loggedLosses) {}

    /**
     * @param metrics receives this run's rows
     * @param listener progress events (one {@link EpisodeRecord} per row: {@code episode} and
     *     {@code envSteps} are the iteration count, the return is NaN)
     * @param outDir the experiment folder; this run writes {@code checkpoints/run-NNN.ckpt} and {@code run-NNN/}
     */
    public GanRun(Scenario scenario, int run, MetricsWriter metrics, RunListener listener, BooleanSupplier stopRequested, Path outDir) {
        this.scenario = scenario;
        this.run = run;
        this.seed = scenario.run().seed() + run;
        this.metrics = metrics;
        this.listener = listener;
        this.stopRequested = stopRequested;
        this.checkpointFile = outDir == null ? null : outDir.resolve("checkpoints").resolve(TrainingRun.checkpointName(run));
        this.runDir = outDir == null ? null : outDir.resolve(String.format("run-%03d", run));
    }

    public GanRun resumeFrom(Resume state) {
        this.resume = state;
        return this;
    }

    public GanRun monitor(RunMonitor m) {
        this.monitor = m;
        return this;
    }

    public static Dataset makeDataset(Scenario scenario) {
        return scenario.dataset().type().factory().create(scenario.dataset().params());
    }

    /**
     * Builds the dataset and the GAN once, so bad input (a missing IDX file, options the GAN refuses
     * together) is reported in one line before any run starts, as {@link TrainingRun#probe} does for agents.
     */
    public static void probe(Scenario scenario) {
        Dataset data;
        try {
            data = makeDataset(scenario);
        } catch (ConfigException e) {
            throw e.in(scenario.source(), "dataset.id");
        }
        try (Gan gan = scenario.gan().type().factory().create(new GanContext(data, new Rng(0)), scenario.gan().params())) {
            // built fine
        } catch (ConfigException e) {
            throw e.in(scenario.source(), "gan.id");
        }
    }

    public GanResult call() {
        RunPlan plan = scenario.run();
        long start = System.nanoTime();
        Rng rng = new Rng(seed);
        long evalSeed = rng.nextLong() >>> 1;
        Rng ganRng = rng.split();
        long iteration = resume == null ? 0 : resume.iterations();
        double wallOffset = resume == null ? 0 : resume.wallSeconds();
        List<Long> logged = new ArrayList<>();
        List<Map<String, Double>> loggedLosses = new ArrayList<>();
        if (resume != null) {
            for (long it : resume.loggedIterations()) logged.add(it);
            loggedLosses.addAll(resume.loggedLosses());
        }
        Map<String, Double> finalMetrics = Map.of();
        String status = "completed";
        try {
            if (runDir != null) Files.createDirectories(runDir);
            Dataset data = makeDataset(scenario);
            try (Gan gan = scenario.gan().type().factory().create(new GanContext(data, ganRng), scenario.gan().params())) {
                Evaluator eval = new Evaluator(data, plan.evalSamples(), evalSeed);
                Map<String, Double> pending = null;
                if (resume != null) {
                    gan.restore(new CheckpointReader(checkpointFile));
                    eval.evaluate(gan, -1); // learns the dataset's score names, so the header matches the kept rows
                } else {
                    pending = eval.evaluate(gan, 0);
                    finalMetrics = pending;
                }
                Map<String, double[]> sums = new TreeMap<>();
                int sinceRow = 0;
                String header = null;
                while (iteration < plan.iterations()) {
                    if (stopRequested.getAsBoolean() || (monitor != null && !watch(gan, iteration))) {
                        status = "interrupted";
                        break;
                    }
                    Map<String, Double> losses = gan.trainIteration();
                    iteration++;
                    sinceRow++;
                    for (Map.Entry<String, Double> e : losses.entrySet()) sums.computeIfAbsent(e.getKey(), k -> new double[1])[0] += e.getValue();
                    if (header == null) {
                        header = header(sums.keySet(), eval.names());
                        if (pending != null) {
                            writeRow(header, 0, wallOffset + (System.nanoTime() - start) / 1e9, sums.keySet(), null, 0, pending);
                            pending = null;
                        }
                    }
                    boolean last = iteration == plan.iterations();
                    boolean evalDue = last || (plan.evalEvery() > 0 && iteration % plan.evalEvery() == 0);
                    if (evalDue || iteration % plan.logEvery() == 0) {
                        Map<String, Double> ev = evalDue ? eval.evaluate(gan, iteration) : null;
                        if (ev != null) finalMetrics = ev;
                        Map<String, Double> mean = new TreeMap<>();
                        for (Map.Entry<String, double[]> e : sums.entrySet()) mean.put(e.getKey(), e.getValue()[0] / sinceRow);
                        writeRow(header, iteration, wallOffset + (System.nanoTime() - start) / 1e9, sums.keySet(), mean, sinceRow, ev);
                        logged.add(iteration);
                        loggedLosses.add(mean);
                        for (double[] s : sums.values()) s[0] = 0;
                        sinceRow = 0;
                    }
                    if (plan.checkpointEvery() > 0 && iteration % plan.checkpointEvery() == 0) checkpoint(gan, iteration);
                }
                checkpoint(gan, iteration);
                if ("completed".equals(status)) eval.writeFinal(gan);
                writeLossCurves(logged, loggedLosses);
            }
        } catch (IOException e) {
            return failed(start, iteration, "checkpoint or output: " + e.getMessage());
        } catch (RuntimeException e) {
            return failed(start, iteration, TrainingRun.describe(e));
        }
        return new GanResult(run, seed, status, null, iteration, wallOffset + (System.nanoTime() - start) / 1e9, finalMetrics);
    }

    private GanResult failed(long start, long iterations, String error) {
        return new GanResult(run, seed, "failed", error, iterations, (System.nanoTime() - start) / 1e9, Map.of());
    }

    private static String header(Iterable<String> losses, List<String> evalNames) {
        StringBuilder h = new StringBuilder("run,iteration,wall_seconds");
        for (String k : losses) h.append(',').append(k);
        for (String k : evalNames) h.append(',').append(k);
        return h.toString();
    }

    private final StringBuilder row = new StringBuilder(256);

    private void writeRow(String header, long iteration, double wall, Iterable<String> lossNames, Map<String, Double> losses, int count,
                          Map<String, Double> eval) {
        row.setLength(0);
        row.append(run).append(',').append(iteration).append(',').append(Math.round(wall * 1000) / 1000.0);
        for (String k : lossNames) {
            row.append(',');
            if (losses != null && losses.get(k) != null) num(row, losses.get(k));
        }
        String[] cols = header.split(",");
        for (int j = 3; j < cols.length; j++) {
            if (!cols[j].startsWith("eval_")) continue;
            row.append(',');
            if (eval != null && eval.get(cols[j]) != null) num(row, eval.get(cols[j]));
        }
        row.append('\n');
        metrics.row(run, header, row);
        listener.episode(new EpisodeRecord(run, iteration, Double.NaN, 0, iteration, wall, losses == null ? Map.of() : losses, Double.NaN, Double.NaN));
    }

    private static void num(StringBuilder sb, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) sb.append((long) v);
        else sb.append((float) v);
    }

    private void writeLossCurves(List<Long> logged, List<Map<String, Double>> losses) throws IOException {
        if (runDir == null) return;
        List<String> names = new ArrayList<>(new TreeMap<>(losses.isEmpty() ? Map.of() : losses.get(losses.size() - 1)).keySet());
        long[] its = new long[logged.size()];
        List<double[]> series = new ArrayList<>();
        for (String n : names) series.add(new double[its.length]);
        for (int i = 0; i < its.length; i++) {
            its[i] = logged.get(i);
            for (int s = 0; s < names.size(); s++) {
                Double v = losses.get(i).get(names.get(s));
                series.get(s)[i] = v == null ? Double.NaN : v;
            }
        }
        GanPlots.curves(runDir.resolve("losses.png"), scenario.name() + " run " + run + ": losses", its, names, series);
    }

    /** Waits while the viewer pauses this run and hands it a snapshot of the GAN when it asks; false to stop. */
    private boolean watch(Gan gan, long iteration) {
        try {
            if (!monitor.gate(run)) return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (monitor.wantsScene(run)) {
            SceneBuilder b = new SceneBuilder();
            gan.describe(b);
            b.hud("run", run).hud("iteration", iteration);
            monitor.scene(run, b.build());
        }
        return true;
    }

    private void checkpoint(Gan gan, long iteration) throws IOException {
        if (checkpointFile == null) return;
        Files.createDirectories(checkpointFile.getParent());
        try (CheckpointWriter w = new CheckpointWriter(checkpointFile)) {
            w.putString("scenario", scenario.name());
            w.putLong("run", run);
            w.putLong("seed", seed);
            w.putLong("iterations", iteration);
            gan.save(w);
        }
    }

    /** Scores generated samples at evaluation points and writes the run's sample files. */
    private final class Evaluator {
        private final Dataset data;
        private final int n;
        private final long evalSeed;
        private final float[] samples;
        private final float[] modes;
        private final boolean image;
        private final List<String> names = new ArrayList<>();

        Evaluator(Dataset data, int n, long evalSeed) {
            this.data = data;
            this.n = n;
            this.evalSeed = evalSeed;
            this.samples = new float[n * data.dimension()];
            this.modes = data.modes();
            this.image = data.shape().length == 2;
            if (modes != null) names.addAll(List.of("eval_modes_covered", "eval_high_quality", "eval_kl"));
        }

        List<String> names() {
            return names;
        }

        Map<String, Double> evaluate(Gan gan, long iteration) throws IOException {
            gan.generate(n, samples);
            Map<String, Double> out = new LinkedHashMap<>();
            if (modes != null) {
                ModeCoverage c = ModeCoverage.of(samples, n, data.dimension(), modes, data.modeStddev());
                out.put("eval_modes_covered", (double) c.modesCovered());
                out.put("eval_high_quality", c.highQuality());
                out.put("eval_kl", c.kl());
            }
            for (Map.Entry<String, Double> e : data.score(samples, n).entrySet()) {
                String k = "eval_" + e.getKey();
                out.put(k, e.getValue());
                if (!names.contains(k)) names.add(k);
            }
            if (image && runDir != null && iteration >= 0) {
                int[] s = data.shape();
                GanPlots.imageGrid(runDir.resolve(String.format("samples-%08d.png", iteration)), samples, Math.min(n, 100), s[0], s[1], 0f, 1f, 10);
            }
            return out;
        }

        /** samples.csv (the last evaluation's samples, one per row) and, for 2D data, the scatter plot. */
        void writeFinal(Gan gan) throws IOException {
            if (runDir == null) return;
            int dim = data.dimension();
            try (Writer w = Files.newBufferedWriter(runDir.resolve("samples.csv"), StandardCharsets.UTF_8)) {
                StringBuilder sb = new StringBuilder();
                if (dim == 2) sb.append("x,y\n");
                else {
                    for (int j = 0; j < dim; j++) sb.append(j == 0 ? "" : ",").append('p').append(j);
                    sb.append('\n');
                }
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < dim; j++) {
                        if (j > 0) sb.append(',');
                        sb.append(samples[i * dim + j]);
                    }
                    sb.append('\n');
                    if (sb.length() > 1 << 16) {
                        w.append(sb);
                        sb.setLength(0);
                    }
                }
                w.append(sb);
            }
            if (dim == 2) {
                float[] real = new float[2 * n];
                data.sample(new Rng(evalSeed), n, real);
                GanPlots.scatter(runDir.resolve("samples.png"), scenario.name() + " run " + run + ": real vs generated", real, n, samples, n, modes);
            }
        }
    }
}
