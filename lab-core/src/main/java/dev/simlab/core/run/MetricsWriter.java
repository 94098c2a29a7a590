package dev.simlab.core.run;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code metrics.csv}. RL runs: one row per training episode per run, columns
 * {@code run,episode,return,length,env_steps,wall_seconds}, the agent's metrics (sorted by name),
 * then {@code eval_return_mean,eval_return_std} (empty where no evaluation happened), then one
 * {@code eval_<key>_mean} column per key of the env's info when the plan evaluates. GAN runs write
 * rows they format themselves ({@link #row}).
 *
 * <p>Runs of a batch finish in any order, but rows are written grouped by run, in run order, so
 * the same seed gives the same file. The lowest unfinished run streams straight into the file;
 * later runs write to {@code .metrics-run-NNN.part} beside it, appended when their turn comes.
 * Every row is written whole. {@link #sync} hands a run's rows to the OS (and, for periodic
 * checkpoints, to the disk) before its checkpoint is written, so a checkpoint never counts rows a crash could lose: after
 * {@code kill -9} each run's rows are a prefix of what it would have written, at least as long as
 * its checkpoint says (see {@link RunFolder#resume}).
 */
public final class MetricsWriter implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final Writer out;
    private final FileChannel[] partChannels;
    private final Writer[] parts;
    private final boolean[] done;
    private int head;
    private String header;
    private List<String> metricKeys;
    private List<String> evalInfoKeys = new ArrayList<>();
    private final StringBuilder row = new StringBuilder(256);

    /** A new, empty {@code metrics.csv}. */
    public MetricsWriter(Path file, int runs) throws IOException {
        this(file, runs, 0, null, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private MetricsWriter(Path file, int runs, int head, String header, StandardOpenOption mode) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
        if (mode == StandardOpenOption.APPEND) channel.position(channel.size());
        this.out = writer(channel, 1 << 16);
        this.partChannels = new FileChannel[runs];
        this.parts = new Writer[runs];
        this.done = new boolean[runs];
        this.head = head;
        for (int k = 0; k < head; k++) done[k] = true;
        if (header != null) useHeader(header);
    }

    /**
     * Continues a folder {@link RunFolder#resume} has laid out: {@code metrics.csv} holds the header
     * and the kept rows of runs {@code 0..head}, each later run's kept rows are in its part file.
     */
    static MetricsWriter resume(Path file, int runs, int head, String header) throws IOException {
        return new MetricsWriter(file, runs, head, header, StandardOpenOption.APPEND);
    }

    private static Writer writer(FileChannel ch, int chars) {
        OutputStream os = Channels.newOutputStream(ch);
        return new java.io.BufferedWriter(new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8), chars);
    }

    static Path partFile(Path metrics, int run) {
        return metrics.resolveSibling(String.format(".metrics-run-%03d.part", run));
    }

    /** Reads the RL columns of an existing header by name, so resumed rows line up with the kept ones. */
    private void useHeader(String h) {
        header = h;
        String[] cols = h.split(",", -1);
        metricKeys = new ArrayList<>();
        int eval = List.of(cols).indexOf("eval_return_mean");
        if (cols.length > 6 && "episode".equals(cols[1]) && eval >= 6) {
            metricKeys.addAll(List.of(cols).subList(6, eval));
            for (int c = eval + 2; c < cols.length; c++) {
                String col = cols[c];
                evalInfoKeys.add(col.startsWith("eval_") && col.endsWith("_mean") ? col.substring(5, col.length() - 5) : col);
            }
        }
    }

    private void writeHeader(String h) throws IOException {
        header = h;
        out.append(h).append('\n');
    }

    public synchronized void episode(EpisodeRecord r) {
        try {
            if (header == null) {
                metricKeys = new ArrayList<>(r.agentMetrics().keySet());
                metricKeys.sort(null);
                StringBuilder h = new StringBuilder("run,episode,return,length,env_steps,wall_seconds");
                for (String k : metricKeys) h.append(',').append(k);
                h.append(",eval_return_mean,eval_return_std");
                evalInfoKeys = new ArrayList<>(r.evalInfoMeans().keySet());
                evalInfoKeys.sort(null);
                for (String k : evalInfoKeys) h.append(",eval_").append(k).append("_mean");
                writeHeader(h.toString());
            }
            format(r);
            emit(r.run(), row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A row formatted by the caller, for runs whose columns are not an RL episode's (GAN
     * iterations): {@code header} is written if the file has none yet; {@code line} ends in a newline.
     */
    public synchronized void row(int run, String header, CharSequence line) {
        try {
            if (this.header == null) {
                metricKeys = new ArrayList<>();
                writeHeader(header);
            }
            emit(run, line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void emit(int k, CharSequence line) throws IOException {
        if (k == head) {
            out.append(line);
        } else {
            part(k).append(line);
        }
    }

    private Writer part(int k) throws IOException {
        if (parts[k] == null) {
            partChannels[k] = FileChannel.open(partFile(file, k), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            // small buffers: a batch of 50 short runs opens 49 of these
            parts[k] = writer(partChannels[k], 1 << 12);
        }
        return parts[k];
    }

    /**
     * Hands run {@code run}'s buffered rows to the OS before its checkpoint is written, so a killed
     * process never loses a row its checkpoint counts; with {@code force} also waits until they are
     * on disk (fsync), so a power cut loses nothing before a periodic checkpoint either.
     */
    public synchronized void sync(int run, boolean force) {
        try {
            out.flush();
            if (force) channel.force(false);
            if (parts[run] != null) {
                parts[run].flush();
                if (force) partChannels[run].force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flushes what is buffered so that a reader of the file (a progress watcher, a test) sees every row so far. */
    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void format(EpisodeRecord r) {
        StringBuilder sb = row;
        sb.setLength(0);
        sb.append(r.run()).append(',').append(r.episode()).append(',');
        num(sb, r.episodeReturn());
        sb.append(',').append(r.length()).append(',').append(r.envSteps()).append(',');
        sb.append(Math.round(r.wallSeconds() * 1000) / 1000.0);
        Map<String, Double> m = r.agentMetrics();
        for (String k : metricKeys) {
            sb.append(',');
            Double v = m.get(k);
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
    static void num(StringBuilder sb, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) sb.append((long) v);
        else sb.append(v);
    }

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

    /**
     * Moves run {@code run}'s part file into the main file. The part is deleted only after its rows
     * were handed to the OS in the main file: a crash in between leaves them twice, and resume keeps
     * the longer copy. (No fsync here: one per run cost the classic 50-run workload 10%; the end of
     * the experiment and every periodic checkpoint fsync.)
     */
    private void appendPart(int run) throws IOException {
        if (parts[run] != null) {
            parts[run].close();
            parts[run] = null;
            partChannels[run] = null;
        }
        Path part = partFile(file, run);
        if (!Files.exists(part)) return;
        out.flush();
        try (FileChannel in = FileChannel.open(part, StandardOpenOption.READ)) {
            // bytes to bytes in the kernel: no decoding and re-encoding of every row
            for (long pos = 0, n = in.size(); pos < n; ) pos += in.transferTo(pos, n - pos, channel);
        }
        Files.delete(part);
    }

    public synchronized void finished(boolean interrupted) {
        try {
            for (int i = head + 1; i < parts.length; i++) appendPart(i);
            head = parts.length;
            out.flush();
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            out.close();
        } finally {
            for (Writer p : parts) if (p != null) p.close();
        }
    }
}
