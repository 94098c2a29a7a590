package dev.simlab.core.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code metrics.csv}: one row per training episode per run, columns
 * {@code run,episode,return,length,env_steps,wall_seconds}, the agent's metrics (sorted by name),
 * then {@code eval_return_mean,eval_return_std} (empty where no evaluation happened), then one
 * {@code eval_<key>_mean} column per key of the env's info when the plan evaluates (the
 * evaluation's mean of that value at episode end, e.g. {@code eval_crashed_mean}: the collision
 * rate; sorted by key, empty where no evaluation happened).
 *
 * <p>Runs of a batch finish in any order, but rows are written grouped by run, in run order,
 * so the same seed gives the same file. The lowest unfinished run streams straight into the
 * file; later runs hold their rows in memory and spill them to {@code .metrics-run-NNN.part}
 * files beside it past {@value #SPILL_CHARS} characters (bounded memory however long the runs),
 * and are appended when their turn comes. {@link #finished} (also on Ctrl-C)
 * appends whatever remains, in run order. Every row is written whole: an interrupted file never
 * ends in half a line.
 */
public final class MetricsWriter implements RunListener, AutoCloseable {
    private final Path file;
    private final Writer out;
    static final int SPILL_CHARS = 1 << 20;
    private final int spillChars;
    private final StringBuilder[] pending;
    private final Writer[] parts;
    private final boolean[] done;
    private int head;
    private List<String> metricKeys;
    private List<String> evalInfoKeys = new ArrayList<>();
    private final StringBuilder row = new StringBuilder(256);

    public MetricsWriter(Path file, int runs) throws IOException {
        this(file, runs, SPILL_CHARS);
    }

    /** @param spillChars characters a waiting run keeps in memory before spilling to its part file */
    public MetricsWriter(Path file, int runs, int spillChars) throws IOException {
        this.spillChars = spillChars;
        this.file = file;
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.parts = new Writer[runs];
        this.pending = new StringBuilder[runs];
        this.done = new boolean[runs];
    }

    private Path partFile(int run) {
        return file.resolveSibling(String.format(".metrics-run-%03d.part", run));
    }

    /**
     * Re-emits rows an earlier attempt wrote (resume), before any new episode: {@code header} is
     * that file's header line, {@code rows} its kept rows for {@code run}, already formatted.
     */
    public synchronized void preload(String header, int run, List<String> rows) {
        try {
            if (metricKeys == null) {
                String[] cols = header.split(",", -1);
                // a GAN run's header has its own columns; only RL headers carry agent metric keys
                boolean rl = cols.length >= 8 && "episode".equals(cols[1]);
                int eval = List.of(cols).indexOf("eval_return_mean");
                if (eval < 6) eval = cols.length - 2;
                metricKeys = rl ? new ArrayList<>(List.of(cols).subList(6, eval)) : new ArrayList<>();
                if (rl) {
                    for (int c = eval + 2; c < cols.length; c++) {
                        String col = cols[c];
                        evalInfoKeys.add(col.startsWith("eval_") && col.endsWith("_mean") ? col.substring(5, col.length() - 5) : col);
                    }
                }
                out.append(header).append('\n');
            }
            for (String r : rows) {
                if (run == head) {
                    out.append(r).append('\n');
                } else {
                    if (pending[run] == null) pending[run] = new StringBuilder();
                    pending[run].append(r).append('\n');
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void episode(EpisodeRecord r) {
        try {
            if (metricKeys == null) {
                metricKeys = new ArrayList<>(r.agentMetrics().keySet());
                metricKeys.sort(null);
                StringBuilder header = new StringBuilder("run,episode,return,length,env_steps,wall_seconds");
                for (String k : metricKeys) header.append(',').append(k);
                header.append(",eval_return_mean,eval_return_std");
                evalInfoKeys = new ArrayList<>(r.evalInfoMeans().keySet());
                evalInfoKeys.sort(null);
                for (String k : evalInfoKeys) header.append(",eval_").append(k).append("_mean");
                out.append(header).append('\n');
            }
            format(r);
            emit(r.run(), row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A row formatted by the caller, for runs whose columns are not an RL episode's (GAN
     * iterations): {@code header} is written if the file has none yet; {@code line} ends in a
     * newline. Ordering by run and spilling work as for episodes.
     */
    public synchronized void row(int run, String header, CharSequence line) {
        try {
            if (metricKeys == null) {
                metricKeys = new ArrayList<>();
                out.append(header).append('\n');
            }
            emit(run, line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void emit(int k, CharSequence line) throws IOException {
        if (k == head) {
            out.append(line);
            out.flush();
        } else {
            if (pending[k] == null) pending[k] = new StringBuilder();
            pending[k].append(line);
            if (pending[k].length() > spillChars) {
                if (parts[k] == null) parts[k] = Files.newBufferedWriter(partFile(k), StandardCharsets.UTF_8);
                parts[k].append(pending[k]);
                pending[k].setLength(0);
            }
        }
    }

    private void format(EpisodeRecord r) {
        StringBuilder sb = row;
        sb.setLength(0);
        sb.append(r.run()).append(',').append(r.episode()).append(',');
        num(sb, r.episodeReturn());
        sb.append(',').append(r.length()).append(',').append(r.envSteps()).append(',');
        sb.append(Math.round(r.wallSeconds() * 1000) / 1000.0);
        for (String k : metricKeys) {
            sb.append(',');
            Double v = r.agentMetrics().get(k);
            if (v != null) num(sb, v);
        }
        sb.append(',');
        if (r.hasEvaluation()) num(sb, r.evalReturnMean());
        sb.append(',');
        if (r.hasEvaluation()) num(sb, r.evalReturnStd());
        for (String k : evalInfoKeys) {
            sb.append(',');
            Double v = r.evalInfoMeans().get(k);
            if (v != null && !Double.isNaN(v)) num(sb, v);
        }
        sb.append('\n');
    }

    /** Integers without ".0", other numbers in Java's shortest round-trip form (String.format is far slower). */
    private static void num(StringBuilder sb, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) sb.append((long) v);
        else sb.append(v);
    }

    @Override
    public synchronized void runFinished(RunResult result) {
        done[result.run()] = true;
        try {
            while (head < done.length && done[head]) {
                head++;
                if (head < done.length) appendPart(head);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves what run {@code run} wrote so far (its part file, then the rows in memory) into the main file. */
    private void appendPart(int run) throws IOException {
        if (parts[run] != null) {
            parts[run].close();
            parts[run] = null;
            Path part = partFile(run);
            out.flush();
            try (var in = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
                in.transferTo(out);
            }
            Files.delete(part);
        }
        if (pending[run] != null) {
            out.append(pending[run]);
            pending[run] = null;
        }
    }

    @Override
    public synchronized void finished(boolean interrupted) {
        try {
            for (int i = head + 1; i < parts.length; i++) appendPart(i);
            head = parts.length;
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
