package dev.simlab.core.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code metrics.csv}: one row per training episode per run, columns
 * {@code run,episode,return,length,env_steps,wall_seconds}, the agent's metrics (sorted by name),
 * then {@code eval_return_mean,eval_return_std} (empty where no evaluation happened).
 *
 * <p>Runs of a batch finish in any order, but rows are written grouped by run, in run order,
 * so the same seed gives the same file. A run's rows are held until all earlier runs are written;
 * {@link #finished} (also on Ctrl-C) writes whatever complete rows remain, in run order. Every
 * row is written whole: an interrupted file never ends in half a line.
 */
public final class MetricsWriter implements RunListener, AutoCloseable {
    private final Writer out;
    private final StringBuilder[] pending;
    private final boolean[] done;
    private int nextRun;
    private List<String> metricKeys;

    public MetricsWriter(Path file, int runs) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.pending = new StringBuilder[runs];
        this.done = new boolean[runs];
        for (int i = 0; i < runs; i++) pending[i] = new StringBuilder();
    }

    /** Skips runs that are already written (resume): their rows are copied by the caller. */
    public synchronized void startAt(int firstRun) {
        nextRun = firstRun;
    }

    @Override
    public synchronized void episode(EpisodeRecord r) {
        if (metricKeys == null) {
            metricKeys = new ArrayList<>(r.agentMetrics().keySet());
            metricKeys.sort(null);
            StringBuilder header = new StringBuilder("run,episode,return,length,env_steps,wall_seconds");
            for (String k : metricKeys) header.append(',').append(k);
            header.append(",eval_return_mean,eval_return_std\n");
            write(header);
        }
        StringBuilder sb = pending[r.run()];
        sb.append(r.run()).append(',').append(r.episode()).append(',');
        num(sb, r.episodeReturn());
        sb.append(',').append(r.length()).append(',').append(r.envSteps()).append(',');
        sb.append(String.format(Locale.ROOT, "%.3f", r.wallSeconds()));
        for (String k : metricKeys) {
            sb.append(',');
            Double v = r.agentMetrics().get(k);
            if (v != null) num(sb, v);
        }
        sb.append(',');
        if (r.hasEvaluation()) num(sb, r.evalReturnMean());
        sb.append(',');
        if (r.hasEvaluation()) num(sb, r.evalReturnStd());
        sb.append('\n');
        if (r.run() == nextRun) drain();
    }

    private static void num(StringBuilder sb, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) sb.append((long) v);
        else sb.append(String.format(Locale.ROOT, "%.6g", v));
    }

    @Override
    public synchronized void runFinished(RunResult result) {
        done[result.run()] = true;
        drain();
    }

    /** Writes the rows of the current run and of every following run already finished. */
    private void drain() {
        while (nextRun < pending.length) {
            if (pending[nextRun].length() > 0) {
                write(pending[nextRun]);
                pending[nextRun].setLength(0);
            }
            if (!done[nextRun]) break;
            nextRun++;
        }
        flush();
    }

    @Override
    public synchronized void finished(boolean interrupted) {
        for (int i = nextRun; i < pending.length; i++) {
            if (pending[i].length() > 0) write(pending[i]);
            pending[i].setLength(0);
        }
        nextRun = pending.length;
        flush();
    }

    private void write(CharSequence s) {
        try {
            out.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
