package dev.simlab.core.run;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.data.Dataset;
import dev.simlab.core.gan.Gan;
import dev.simlab.core.gan.GanContext;
import dev.simlab.core.gan.ModeCoverage;
import dev.simlab.core.param.ConfigException;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.scenario.GanPlan;
import dev.simlab.core.scenario.GanScenario;
import dev.simlab.core.scene.HudModel;
import dev.simlab.core.scene.SceneBuilder;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run of a GAN scenario: builds the dataset and the GAN from the run's seed and calls
 * {@link Gan#trainIteration()} until {@code run.iterations} are done or a stop is requested.
 *
 * <p>Every {@code run.log_every} iterations it writes one {@code metrics.csv} row
 * ({@code run,iteration,wall_seconds}, the GAN's losses averaged since the previous row, then the
 * {@code eval_*} columns, filled at evaluation points). It evaluates before training (iteration 0),
 * every {@code run.eval_every} iterations and at the end on {@code run.eval_samples} generated
 * samples: mode coverage for mixtures ({@link ModeCoverage}) and the dataset's own scores; before
 * the final evaluation it calls {@link Gan#finish()}, whose figures join the run's summary. A GAN
 * scored on held-out images ({@link Gan#evaluate()} non-null: inpainting, super-resolution) is not
 * sampled: its own figures become the {@code eval_*} columns and {@code final_eval_*} in the summary,
 * its grids the sample grids, and it writes no {@code samples.csv}.
 * The run's folder {@code run-NNN/} gets {@code samples.csv} (the final samples), a scatter plot
 * of real vs generated (2D) or sample grids at each evaluation (images), and {@code losses.png}.
 * Its checkpoint holds the GAN and the run's own state (loss sums of the row in progress, the rows
 * written, the last evaluation), so a resumed run writes the uninterrupted run's rows.
 */
final class GanRun extends RunBase {
    private final GanScenario scenario;
    private final Path runDir;

    // the run's state: all of it goes into the checkpoint
    private long iteration;
    private String header;
    private final List<String> evalNames = new ArrayList<>();
    private final TreeMap<String, double[]> sums = new TreeMap<>();
    private int sinceRow;
    private final List<Long> logged = new ArrayList<>();
    private final List<Map<String, Double>> loggedLosses = new ArrayList<>();
    private Map<String, Double> finalMetrics = Map.of();
    /** The GAN repairs or upsamples held-out images ({@link Gan#evaluate()}): its figures are {@code final_eval_*} in the summary. */
    private boolean repairs;
    private TensorBoardLog tb = TensorBoardLog.OFF;

    GanRun(GanScenario scenario, RunContext ctx) {
        super(ctx);
        this.scenario = scenario;
        this.runDir = ctx.folder() == null ? null : ctx.folder().runDir(ctx.run());
    }

    static Dataset makeDataset(GanScenario scenario) {
        return scenario.dataset().type().factory().create(scenario.dataset().params());
    }

    static Gan makeGan(GanScenario scenario, Dataset data, Rng rng) {
        return scenario.gan().type().factory().create(new GanContext(data, rng), scenario.gan().params());
    }

    /** Builds the dataset and the GAN once, so bad input (a missing IDX file, options the GAN refuses together) stops before any run. */
    static void probe(GanScenario scenario) {
        Dataset data;
        try {
            data = makeDataset(scenario);
        } catch (ConfigException e) {
            throw e.in(scenario.source(), "dataset.id");
        }
        try (Gan gan = makeGan(scenario, data, new Rng(0))) {
            // built fine
        } catch (ConfigException e) {
            throw e.in(scenario.source(), "gan.id");
        }
    }

    @Override
    protected String train() throws IOException {
        GanPlan plan = scenario.plan();
        long checkpointEvery = scenario.run().checkpointEvery();
        long evalEvery = scenario.run().evalEvery();
        Rng rng = new Rng(ctx.seed());
        long evalSeed = rng.nextLong() >>> 1;
        Rng ganRng = rng.split();
        String status = "completed";
        if (runDir != null) Files.createDirectories(runDir);
        Dataset data = makeDataset(scenario);
        try (Gan gan = makeGan(scenario, data, ganRng);
             // the TensorBoard log opened below, closed before the GAN
             java.io.Closeable closeTb = () -> tb.close()) {
            Evaluator eval = new Evaluator(data, plan.evalSamples(), evalSeed);
            if (ctx.resume() != null) restore(ctx.resume(), gan);
            tb = TensorBoardLog.open(ctx, scenario.run().tensorboard(), iteration);
            if (ctx.resume() == null) checkpoint(gan);
            boolean finishedBefore = finished; // resumed after its end: its files are complete already
            Map<String, Double> pending = null;
            if (iteration == 0 && !finished) {
                pending = eval.evaluate(gan, 0);
                finalMetrics = pending;
            }
            while (!finished) {
                if (ctx.stopRequested() || !ctx.gate()) {
                    status = "interrupted";
                    break;
                }
                if (ctx.wantsScene()) showScene(gan, false);
                Map<String, Double> losses = gan.trainIteration();
                iteration++;
                sinceRow++;
                for (Map.Entry<String, Double> e : losses.entrySet()) sums.computeIfAbsent(e.getKey(), k -> new double[1])[0] += e.getValue();
                if (header == null) header = header(sums.keySet(), evalNames);
                if (pending != null) {
                    writeRow(0, wall(), null, pending);
                    pending = null;
                }
                finished = iteration >= plan.iterations();
                // the GAN may switch to the generator it ends on (gan.keep_best) before the final evaluation
                Map<String, Double> ending = finished ? gan.finish() : Map.of();
                boolean evalDue = finished || (evalEvery > 0 && iteration % evalEvery == 0);
                if (evalDue || iteration % plan.logEvery() == 0) {
                    Map<String, Double> ev = evalDue ? eval.evaluate(gan, iteration) : null;
                    if (ev != null) {
                        finalMetrics = ev;
                        if (!ending.isEmpty()) {
                            finalMetrics = new LinkedHashMap<>(ev);
                            finalMetrics.putAll(ending);
                        }
                    }
                    Map<String, Double> mean = new TreeMap<>();
                    for (Map.Entry<String, double[]> e : sums.entrySet()) mean.put(e.getKey(), e.getValue()[0] / sinceRow);
                    writeRow(iteration, wall(), mean, ev);
                    logged.add(iteration);
                    loggedLosses.add(mean);
                    for (double[] s : sums.values()) s[0] = 0;
                    sinceRow = 0;
                }
                if (!finished && checkpointEvery > 0 && iteration % checkpointEvery == 0) checkpoint(gan);
            }
            if (ctx.monitor() != null) showScene(gan, true); // a viewer ends on what was learned
            if (finishedBefore) return status;
            if (finished) eval.writeFinal();
            writeLossCurves();
            // the final checkpoint last: a finished checkpoint means the run's files are complete
            checkpoint(gan);
        }
        return status;
    }

    @Override
    protected RunResult result(String status, String error) {
        double wall = wall();
        Map<String, Double> f = new LinkedHashMap<>();
        // a generating GAN's scores drop the eval_ prefix (modes_covered); held-out figures keep it as RL's do (final_eval_psnr)
        finalMetrics.forEach((k, v) -> f.put(!k.startsWith("eval_") ? k : repairs ? "final_" + k : k.substring(5), v));
        f.put("iterations", (double) iteration);
        f.put("wall_seconds", wall);
        f.put("iterations_per_second", wall > 0 ? iteration / wall : Double.NaN);
        return new RunResult(ctx.run(), ctx.seed(), status, error, wall, Collections.unmodifiableMap(f), new double[0]);
    }

    private static String header(Iterable<String> losses, List<String> evalNames) {
        StringBuilder h = new StringBuilder("run,iteration,wall_seconds");
        for (String k : losses) h.append(',').append(k);
        for (String k : evalNames) h.append(',').append(k);
        return h.toString();
    }

    private final StringBuilder row = new StringBuilder(256);

    private void writeRow(long it, double wall, Map<String, Double> losses, Map<String, Double> eval) throws IOException {
        row.setLength(0);
        row.append(ctx.run()).append(',').append(it).append(',').append(Math.round(wall * 1000) / 1000.0);
        for (String k : sums.keySet()) {
            row.append(',');
            if (losses != null && losses.get(k) != null) num(row, losses.get(k));
        }
        for (String k : evalNames) {
            row.append(',');
            if (eval != null && eval.get(k) != null) num(row, eval.get(k));
        }
        row.append('\n');
        ctx.metrics().row(ctx.run(), header, row);
        tb.ganRow(it, losses, eval);
        rows++;
        // listeners (a study's pruner) see the evaluation's scores by their metrics.csv column names
        ctx.listener().episode(new EpisodeRecord(ctx.run(), it, Double.NaN, 0, it, wall, losses == null ? Map.of() : losses, Double.NaN, Double.NaN,
                eval == null ? Map.of() : eval));
    }

    private static void num(StringBuilder sb, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) sb.append((long) v);
        else sb.append((float) v);
    }

    private void writeLossCurves() throws IOException {
        if (runDir == null) return;
        List<String> names = new ArrayList<>(new TreeMap<>(loggedLosses.isEmpty() ? Map.of() : loggedLosses.get(loggedLosses.size() - 1)).keySet());
        long[] its = new long[logged.size()];
        List<double[]> series = new ArrayList<>();
        for (String n : names) series.add(new double[its.length]);
        for (int i = 0; i < its.length; i++) {
            its[i] = logged.get(i);
            for (int s = 0; s < names.size(); s++) {
                Double v = loggedLosses.get(i).get(names.get(s));
                series.get(s)[i] = v == null ? Double.NaN : v;
            }
        }
        GanPlots.curves(runDir.resolve("losses.png"), scenario.name() + " run " + ctx.run() + ": losses", its, names, series);
    }

    /** Hands the viewer the GAN's picture; {@link Gan#describe} draws from its own generator, so watching changes nothing. */
    private void showScene(Gan gan, boolean done) {
        SceneBuilder b = new SceneBuilder();
        gan.describe(b);
        Map<String, Double> scores = new LinkedHashMap<>();
        finalMetrics.forEach((k, v) -> scores.put(k.startsWith("eval_") ? k.substring(5) : k, v));
        b.model(new HudModel.Gan(ctx.run(), rows, done, iteration, loggedLosses.isEmpty() ? Map.of() : loggedLosses.get(loggedLosses.size() - 1), scores));
        ctx.monitor().scene(ctx.run(), b.build());
    }

    private void checkpoint(Gan gan) throws IOException {
        try (CheckpointWriter w = openCheckpoint()) {
            if (w == null) return;
            tb.checkpoint(w, !finished && rows > 0);
            w.putLong("iterations", iteration);
            w.putString("header", header == null ? "" : header);
            w.putString("eval_names", String.join("\n", evalNames));
            w.putString("loss_names", String.join("\n", sums.keySet()));
            double[] s = new double[sums.size()];
            int i = 0;
            for (double[] v : sums.values()) s[i++] = v[0];
            w.putDoubles("loss_sums", s);
            w.putLong("since_row", sinceRow);
            long[] its = new long[logged.size()];
            double[] vals = new double[logged.size() * sums.size()];
            for (int r = 0; r < its.length; r++) {
                its[r] = logged.get(r);
                int c = 0;
                for (String k : sums.keySet()) vals[r * sums.size() + c++] = loggedLosses.get(r).getOrDefault(k, Double.NaN);
            }
            w.putLongs("logged_iterations", its);
            w.putDoubles("logged_losses", vals);
            w.putString("final_names", String.join("\n", finalMetrics.keySet()));
            double[] fv = new double[finalMetrics.size()];
            i = 0;
            for (double v : finalMetrics.values()) fv[i++] = v;
            w.putDoubles("final_values", fv);
            w.putLong("repairs", repairs ? 1 : 0);
            gan.save(w);
        }
    }

    private static List<String> lines(String s) {
        return s.isEmpty() ? List.of() : List.of(s.split("\n", -1));
    }

    private void restore(CheckpointReader r, Gan gan) throws IOException {
        restoreShared(r);
        iteration = r.getLong("iterations");
        header = r.getString("header").isEmpty() ? null : r.getString("header");
        evalNames.addAll(lines(r.getString("eval_names")));
        List<String> lossNames = lines(r.getString("loss_names"));
        double[] s = r.getDoubles("loss_sums");
        if (s.length != lossNames.size()) throw new IOException("checkpoint's loss sums do not match their names");
        for (int i = 0; i < s.length; i++) sums.put(lossNames.get(i), new double[] {s[i]});
        sinceRow = (int) r.getLong("since_row");
        long[] its = r.getLongs("logged_iterations");
        double[] vals = r.getDoubles("logged_losses");
        if (vals.length != its.length * lossNames.size()) throw new IOException("checkpoint's logged losses do not match their names");
        for (int row = 0; row < its.length; row++) {
            logged.add(its[row]);
            Map<String, Double> m = new TreeMap<>();
            for (int c = 0; c < lossNames.size(); c++) m.put(lossNames.get(c), vals[row * lossNames.size() + c]);
            loggedLosses.add(m);
        }
        List<String> fn = lines(r.getString("final_names"));
        double[] fv = r.getDoubles("final_values");
        if (fv.length != fn.size()) throw new IOException("checkpoint's final figures do not match their names");
        Map<String, Double> f = new LinkedHashMap<>();
        for (int i = 0; i < fv.length; i++) f.put(fn.get(i), fv[i]);
        finalMetrics = f;
        repairs = r.has("repairs") && r.getLong("repairs") == 1;
        gan.restore(r);
    }

    /** Scores {@code n} generated samples, for evaluation points and {@code simlab eval}: mode coverage for mixtures, the dataset's own scores. */
    static Map<String, Double> score(Dataset data, float[] samples, int n, int[] requested) {
        Map<String, Double> out = new LinkedHashMap<>();
        float[] modes = data.modes();
        if (modes != null) {
            ModeCoverage c = ModeCoverage.of(samples, n, data.dimension(), modes, data.modeStddev());
            out.put("eval_modes_covered", (double) c.modesCovered());
            out.put("eval_high_quality", c.highQuality());
            out.put("eval_kl", c.kl());
        }
        Map<String, Double> own = requested == null ? data.score(samples, n) : data.score(samples, n, requested);
        for (Map.Entry<String, Double> e : own.entrySet()) out.put("eval_" + e.getKey(), e.getValue());
        return out;
    }

    /**
     * The classes a conditional GAN is asked for at evaluation: each class in turn for rows of
     * {@link #GRID_COLUMNS} samples, so the sample grids show one class per row and every class
     * gets the same share; null for an unconditional GAN.
     */
    static int[] requestedLabels(Gan gan, int n) {
        int k = gan.classes();
        if (k <= 0) return null;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = (i / GRID_COLUMNS) % k;
        return labels;
    }

    /** Samples per row of the image grids. */
    static final int GRID_COLUMNS = 10;

    /** {@code n} samples of {@code gan}: for the classes {@code labels} when conditional (non-null), else unconditional. */
    static void generate(Gan gan, int n, float[] out, int[] labels) {
        if (labels == null) gan.generate(n, out);
        else gan.generate(n, out, labels);
    }

    /** Scores generated samples at evaluation points and writes the run's sample files. */
    private final class Evaluator {
        private final Dataset data;
        private final int n;
        private final long evalSeed;
        private final float[] samples;
        private final boolean image;
        /** The classes asked of a conditional GAN (null: unconditional). */
        private int[] labels;

        Evaluator(Dataset data, int n, long evalSeed) {
            this.data = data;
            this.n = n;
            this.evalSeed = evalSeed;
            this.samples = new float[n * data.dimension()];
            this.image = data.shape().length == 2;
        }

        Map<String, Double> evaluate(Gan gan, long it) throws IOException {
            Gan.Evaluation task = gan.evaluate();
            if (task != null) {
                repairs = true;
                Map<String, Double> out = new LinkedHashMap<>();
                task.figures().forEach((k, v) -> out.put("eval_" + k, v));
                for (String k : out.keySet()) if (!evalNames.contains(k)) evalNames.add(k);
                if (runDir != null) {
                    GanPlots.imageGrid(runDir.resolve(String.format("samples-%08d.png", it)), task.grid(), task.rows() * task.columns(),
                            task.h(), task.w(), 0f, 1f, task.columns());
                }
                return out;
            }
            if (labels == null) labels = requestedLabels(gan, n);
            generate(gan, n, samples, labels);
            Map<String, Double> out = score(data, samples, n, labels);
            for (String k : out.keySet()) if (!evalNames.contains(k)) evalNames.add(k);
            if (image && runDir != null) {
                int[] s = data.shape();
                int shown = Math.min(n, labels == null ? 100 : GRID_COLUMNS * Math.min(gan.classes(), 10));
                GanPlots.imageGrid(runDir.resolve(String.format("samples-%08d.png", it)), samples, shown, s[0], s[1], 0f, 1f, GRID_COLUMNS);
            }
            return out;
        }

        /** samples.csv (the last evaluation's samples, one per row) and, for 2D data, the scatter plot. */
        void writeFinal() throws IOException {
            if (runDir == null || repairs) return; // a repairing GAN's pictures are its grids; it generates no samples

            int dim = data.dimension();
            try (Writer w = Files.newBufferedWriter(runDir.resolve("samples.csv"), StandardCharsets.UTF_8)) {
                StringBuilder sb = new StringBuilder();
                if (labels != null) sb.append("label,");
                if (dim == 2) sb.append("x,y\n");
                else {
                    for (int j = 0; j < dim; j++) sb.append(j == 0 ? "" : ",").append('p').append(j);
                    sb.append('\n');
                }
                for (int i = 0; i < n; i++) {
                    if (labels != null) sb.append(labels[i]).append(',');
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
                GanPlots.scatter(runDir.resolve("samples.png"), scenario.name() + " run " + ctx.run() + ": real vs generated", real, n, samples, n, data.modes());
            }
        }
    }

    /**
     * {@code simlab eval} on a GAN run folder: fresh samples from the checkpoint's generator, scored
     * as at evaluation points.
     */
    static Map<String, Double> evaluateCheckpoint(GanScenario scenario, CheckpointReader checkpoint, int samples) throws IOException {
        Dataset data = makeDataset(scenario);
        try (Gan gan = makeGan(scenario, data, new Rng(0))) {
            gan.restore(checkpoint); // samples continue the checkpoint's own sample stream
            Gan.Evaluation task = gan.evaluate();
            if (task != null) return new LinkedHashMap<>(task.figures());
            float[] out = new float[samples * data.dimension()];
            int[] labels = requestedLabels(gan, samples);
            generate(gan, samples, out, labels);
            Map<String, Double> m = new LinkedHashMap<>();
            score(data, out, samples, labels).forEach((k, v) -> m.put(k.substring(5), v));
            return m;
        }
    }
}
