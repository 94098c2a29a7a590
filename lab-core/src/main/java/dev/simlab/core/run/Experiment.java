package dev.simlab.core.run;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns a scenario into a complete run folder: {@link #run()} alone probes the scenario, locks and
 * fills the folder ({@code scenario.yaml} with provenance, {@code metrics.csv}, checkpoints,
 * {@code summary.json}, plots), training the runs in parallel (one worker per core by default;
 * run {@code k} is seeded with {@code seed + k}, so the same scenario gives the same files
 * whatever the thread count). The CLI, a plugin author's JUnit test and the study runner all call
 * it the same way. {@link #requestStop()} (Ctrl-C, with {@link #stopOnShutdown()}) makes every
 * run stop after its current step; what was written stays complete, each run is checkpointed and
 * the summary says {@code interrupted}. {@link #resume()} continues such a folder exactly.
 */
public final class Experiment<S extends Scenario> {
    private final S scenario;
    private final RunKind<S> kind;
    private final Path dir;
    private final List<RunListener> listeners = new ArrayList<>();
    private final List<Runnable> onStop = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private boolean resume;
    private boolean probed;
    private String command = "";
    private String backend = "";
    private RunMonitor monitor;

    private Experiment(S scenario, Path dir) {
        this.scenario = scenario;
        this.kind = RunKind.of(scenario);
        this.dir = dir;
    }

    public static <S extends Scenario> Experiment<S> of(S scenario, Path dir) {
        return new Experiment<>(scenario, dir);
    }

    /** What the run folder's finished experiment amounts to. */
    public record Outcome(Summary summary, List<RunResult> results, Path dir) {
        public String status() {
            return summary.status();
        }
    }

    public Experiment<S> listen(RunListener l) {
        listeners.add(l);
        return this;
    }

    /** Lets a viewer pause the runs and take scene snapshots of them. */
    public Experiment<S> monitor(RunMonitor m) {
        this.monitor = m;
        return this;
    }

    /** Also called when a stop is requested (a viewer closes its window). */
    public Experiment<S> onStop(Runnable r) {
        onStop.add(r);
        return this;
    }

    /** The command line and compute backend recorded in {@code scenario.yaml}'s provenance. */
    public Experiment<S> provenance(String commandLine, String backendDescription) {
        this.command = commandLine;
        this.backend = backendDescription;
        return this;
    }

    /**
     * Until the returned guard is closed, Ctrl-C or SIGTERM stops the runs and the JVM waits (up to
     * 30 s) for {@link #run()} to write the checkpoints, rows and summary, and for the caller to
     * print what it reports: close the guard after that, e.g. in try-with-resources.
     */
    public AutoCloseable stopOnShutdown() {
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            requestStop();
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "simlab-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waited for the latch above
            }
        };
    }

    /**
     * Continue an interrupted experiment in its own folder: each run restarts from its checkpoint,
     * the rows each checkpoint counts are kept (later ones dropped), and the run goes on exactly as
     * it would have uninterrupted. Every checkpoint is checked before any file is touched.
     */
    public Experiment<S> resume() {
        this.resume = true;
        return this;
    }

    public S scenario() {
        return scenario;
    }

    public void requestStop() {
        if (stop.compareAndSet(false, true)) for (Runnable r : onStop) r.run();
    }

    public boolean stopRequested() {
        return stop.get();
    }

    public Path outDir() {
        return dir;
    }

    /** Builds the scenario's parts once: bad input is a {@link dev.simlab.core.param.ConfigException} before anything is written. */
    public Experiment<S> probe() {
        if (!probed) kind.probe(scenario);
        probed = true;
        return this;
    }

    /** Trains every run and writes the whole run folder; returns the summary and the runs' results in run order. */
    public Outcome run() throws IOException {
        probe();
        return runInFolder();
    }

    private Outcome runInFolder() throws IOException {
        long start = System.nanoTime();
        int runs = scenario.run().runs();
        List<CheckpointReader> checkpoints = new ArrayList<>();
        RunFolder folder;
        MetricsWriter metrics;
        if (resume) {
            int[] head = new int[1];
            String[] header = new String[1];
            folder = RunFolder.resume(dir, scenario, checkpoints, head, header);
            metrics = MetricsWriter.resume(folder.metrics(), runs, head[0], header[0]);
        } else {
            folder = RunFolder.create(dir);
            Provenance.write(folder.dir().resolve("scenario.yaml"), scenario, Provenance.of(scenario, backend, command));
            metrics = new MetricsWriter(folder.metrics(), runs);
            for (int k = 0; k < runs; k++) checkpoints.add(null);
        }
        try (folder; metrics) {
            RunListener all = fanOut();
            all.started(scenario);
            String fingerprint = RunFolder.fingerprint(scenario);
            List<RunResult> results = inParallel(runs, k -> {
                RunContext c = new RunContext(k, scenario.run().seed(k), all, metrics, stop::get, monitor, folder, checkpoints.get(k), fingerprint);
                Run r = kind.create(scenario, c);
                return () -> {
                    RunResult result = r.call();
                    metrics.runFinished(result);
                    all.runFinished(result);
                    return result;
                };
            });
            metrics.finished(stop.get());
            all.finished(stop.get());
            Summary summary = new Summary(scenario, results, stop.get(), (System.nanoTime() - start) / 1e9);
            summary.write(folder.dir().resolve("summary.json"));
            kind.plot(scenario, results, folder);
            return new Outcome(summary, results, folder.dir());
        } catch (UncheckedIOException e) {
            throw writeFailure(folder, e.getCause());
        } catch (IOException e) {
            throw writeFailure(folder, e);
        }
    }

    /** A folder that cannot be written (a full disk, a vanished mount): rows are trimmed to whole ones, and the message says so. */
    private RunFolder.WriteFailure writeFailure(RunFolder folder, IOException cause) {
        requestStop();
        RunFolder.trimToWholeRows(folder.metrics(), scenario.run().runs());
        return new RunFolder.WriteFailure(folder.dir(), cause);
    }

    /**
     * Builds run {@code k}'s task (on this thread, in run order), trains them on the worker pool and
     * returns their results in run order. An interrupt sets the stop flag; runs not yet started then
     * return nothing. A folder that cannot be written stops every run.
     */
    private List<RunResult> inParallel(int runs, java.util.function.IntFunction<Callable<RunResult>> task) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(scenario.run().workers(), r -> {
            Thread t = new Thread(r, "simlab-run");
            t.setDaemon(true);
            return t;
        });
        List<RunResult> results = new ArrayList<>();
        try {
            List<Future<RunResult>> futures = new ArrayList<>();
            for (int k = 0; k < runs; k++) {
                Callable<RunResult> c = task.apply(k);
                futures.add(pool.submit(() -> stop.get() ? null : c.call()));
            }
            for (Future<RunResult> f : futures) {
                RunResult r;
                try {
                    r = f.get();
                } catch (ExecutionException e) {
                    stop.set(true);
                    if (e.getCause() instanceof UncheckedIOException io) throw io.getCause();
                    throw new IllegalStateException(e.getCause());
                }
                if (r != null) results.add(r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            requestStop();
        } finally {
            pool.shutdownNow();
        }
        return results;
    }

    private RunListener fanOut() {
        List<RunListener> ls = List.copyOf(listeners);
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
