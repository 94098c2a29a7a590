package dev.simlab.core.run;

import dev.simlab.core.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs every run of a scenario (in parallel, one worker per core by default) and writes the run
 * folder: {@code metrics.csv} as episodes finish, a checkpoint per run, then
 * {@code summary.json} and {@code learning-curve.png}. {@link #requestStop()} (Ctrl-C) makes
 * every run stop after its current step; what was written stays complete and the summary says
 * {@code interrupted}.
 */
public final class Experiment {
    private final Scenario scenario;
    private final Path outDir;
    private final List<RunListener> listeners = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private boolean resume;
    private RunMonitor monitor;

    public Experiment(Scenario scenario, Path outDir) {
        this.scenario = scenario;
        this.outDir = outDir;
    }

    public Experiment listen(RunListener l) {
        listeners.add(l);
        return this;
    }

    /** Lets a viewer pause the runs and take scene snapshots of them. */
    public Experiment monitor(RunMonitor m) {
        this.monitor = m;
        return this;
    }

    /**
     * Continue an interrupted experiment in its own folder: each run restarts from its checkpoint,
     * the rows {@code metrics.csv} has up to that checkpoint are kept (later ones dropped), and runs
     * whose budget was already spent are only re-evaluated.
     */
    public Experiment resume() {
        this.resume = true;
        return this;
    }

    public void requestStop() {
        stop.set(true);
    }

    public boolean stopRequested() {
        return stop.get();
    }

    public Path outDir() {
        return outDir;
    }

    /** Trains all runs; returns their results in run order (for GAN scenarios, see also {@link #ganResults()}). */
    public List<RunResult> run() throws IOException {
        if (scenario.isGan()) return runGans();
        Files.createDirectories(outDir);
        int runs = scenario.run().runs();
        List<RunResult> results = new ArrayList<>();
        Path checkpoints = outDir.resolve("checkpoints");
        ResumeState previous = resume ? ResumeState.read(outDir, checkpoints, runs) : null;
        try (MetricsWriter metrics = new MetricsWriter(outDir.resolve("metrics.csv"), runs)) {
            if (previous != null) previous.preload(metrics);
            RunListener all = fanOut(metrics);
            all.started(scenario);
            results.addAll(inParallel(runs, "simlab-run", k -> {
                TrainingRun tr = new TrainingRun(scenario, k, all, stop::get, checkpoints);
                if (previous != null && previous.has(k)) tr.resumeFrom(previous.of(k));
                if (monitor != null) tr.monitor(monitor);
                return () -> {
                    RunResult r = tr.call();
                    all.runFinished(r);
                    return r;
                };
            }));
            all.finished(stop.get());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (previous != null) previous.discardBackup();
        return results;
    }

    /** The GAN runs' results in run order, after {@link #run()} trained a GAN scenario. */
    public List<GanResult> ganResults() {
        return ganResults;
    }

    private final List<GanResult> ganResults = new ArrayList<>();

    /** The GAN counterpart of the RL loop above: one {@link GanRun} per run, rows written by the runs themselves. */
    private List<RunResult> runGans() throws IOException {
        Files.createDirectories(outDir);
        int runs = scenario.run().runs();
        ganResults.clear();
        GanResumeState previous = resume ? GanResumeState.read(outDir, outDir.resolve("checkpoints"), runs) : null;
        try (MetricsWriter metrics = new MetricsWriter(outDir.resolve("metrics.csv"), runs)) {
            if (previous != null) previous.preload(metrics);
            RunListener others = fanOut(null);
            others.started(scenario);
            ganResults.addAll(inParallel(runs, "simlab-gan-run", k -> {
                GanRun gr = new GanRun(scenario, k, metrics, others, stop::get, outDir);
                if (previous != null && previous.has(k)) gr.resumeFrom(previous.of(k));
                if (monitor != null) gr.monitor(monitor);
                return () -> {
                    GanResult r = gr.call();
                    metrics.runFinished(r.asRunResult());
                    others.runFinished(r.asRunResult());
                    return r;
                };
            }));
            metrics.finished(stop.get());
            others.finished(stop.get());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (previous != null) previous.discardBackup();
        List<RunResult> out = new ArrayList<>();
        for (GanResult r : ganResults) out.add(r.asRunResult());
        return out;
    }

    /**
     * Builds run {@code k}'s task with {@code task} (on this thread, in run order), trains them on
     * the worker pool and returns their results in run order. An interrupt sets the stop flag;
     * runs not yet started then return nothing.
     */
    private <R> List<R> inParallel(int runs, String threadName, IntFunction<Callable<R>> task) {
        ExecutorService pool = Executors.newFixedThreadPool(scenario.run().workers(), r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        List<R> results = new ArrayList<>();
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (int k = 0; k < runs; k++) {
                Callable<R> c = task.apply(k);
                futures.add(pool.submit(() -> stop.get() ? null : c.call()));
            }
            for (Future<R> f : futures) {
                R r = f.get();
                if (r != null) results.add(r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.set(true);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return results;
    }

    private RunListener fanOut(MetricsWriter metrics) {
        List<RunListener> ls = new ArrayList<>();
        if (metrics != null) ls.add(metrics);
        ls.addAll(listeners);
        return new RunListener() {
            @Override
            public void started(Scenario s) {
                for (RunListener l : ls) l.started(s);
            }

            @Override
            public void episode(EpisodeRecord r) {
                for (RunListener l : ls) l.episode(r);
            }

            @Override
            public void runFinished(RunResult r) {
                for (RunListener l : ls) l.runFinished(r);
            }

            @Override
            public void finished(boolean interrupted) {
                for (RunListener l : ls) l.finished(interrupted);
            }
        };
    }
}
