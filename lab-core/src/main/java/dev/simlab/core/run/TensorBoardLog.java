package dev.simlab.core.run;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.tb.EventFileWriter;
import dev.simlab.core.tb.proto.Event;
import dev.simlab.core.tb.proto.SessionLog;
import dev.simlab.core.tb.proto.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One run's TensorBoard scalars, in {@code tb/run-NNN/} of its folder: one event per
 * {@code metrics.csv} row, at the row's env steps (RL) or iteration (GAN), holding the row's
 * figures as float32 {@code simple_value}s. Tags group the columns as TensorBoard shows them:
 * {@code episode/return}, {@code episode/length}, {@code agent/<figure>} (RL), {@code gan/<loss>}
 * (GAN) and {@code eval/<name>} for each {@code eval_<name>} column; empty cells are left out.
 *
 * <p>Events are buffered and reach the OS when the run's rows do: at each checkpoint (fsynced
 * when the rows are) and at the end. The checkpoint records the file and its length, so a resumed
 * run cuts the file back to that length and appends: the file then holds exactly the events of
 * the rows resume kept, once each. Where that file is gone, the run starts a new one whose first
 * event after the file version is a {@code SessionLog START} just past the checkpoint's step
 * (TensorBoard's own rule to drop events of an earlier session past it).
 */
final class TensorBoardLog implements AutoCloseable {
    /** A run that writes no TensorBoard files (off, or a run without a folder). */
    static final TensorBoardLog OFF = new TensorBoardLog(null);
    private static final int BUFFER = 1 << 14;

    private final EventFileWriter out;
    private final Tag episodeReturn = new Tag("episode/return"), episodeLength = new Tag("episode/length");
    private final Tag evalReturnMean = new Tag("eval/return_mean"), evalReturnStd = new Tag("eval/return_std");
    private final Group agent = new Group("agent/", "", ""), gan = new Group("gan/", "", "");
    private final Group evalInfo = new Group("eval/", "", "_mean"), evalScores = new Group("eval/", "eval_", "");
    /** The row being assembled: its tags and values, encoded when the row is complete. */
    private Tag[] rowTags = new Tag[16];
    private float[] rowValues = new float[16];
    private int rowSize;
    private final RowEncoding encoding = new RowEncoding();

    private TensorBoardLog(EventFileWriter out) {
        this.out = out;
    }

    /**
     * The log of run {@code ctx.run()}: OFF when {@code enabled} is false or the run writes no
     * folder; on resume, the file the checkpoint names, cut back to what it counted.
     */
    static TensorBoardLog open(RunContext ctx, boolean enabled, long resumedStep) throws IOException {
        if (!enabled || ctx.folder() == null) return OFF;
        Path dir = ctx.folder().tensorboard(ctx.run());
        CheckpointReader r = ctx.resume();
        if (r != null && r.has("tensorboard.file")) {
            Path f = dir.resolve(r.getString("tensorboard.file"));
            if (Files.isRegularFile(f)) return new TensorBoardLog(EventFileWriter.continueAt(f, r.getLong("tensorboard.bytes"), BUFFER));
        }
        boolean earlier = hasEventFiles(dir);
        TensorBoardLog log = new TensorBoardLog(EventFileWriter.create(dir, now(), BUFFER));
        if (r != null && earlier) {
            log.out.write(Event.newBuilder().setWallTime(now()).setStep(resumedStep + 1)
                    .setSessionLog(SessionLog.newBuilder().setStatus(SessionLog.SessionStatus.START)).build());
        }
        return log;
    }

    private static boolean hasEventFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(EventFileWriter.PREFIX));
        }
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    /** An RL row: return and length, the agent's figures, the evaluation's figures where one ran. */
    void episode(EpisodeRecord r) throws IOException {
        if (out == null) return;
        add(episodeReturn, r.episodeReturn());
        add(episodeLength, r.length());
        agent.addAll(r.agentMetrics());
        if (r.hasEvaluation()) {
            add(evalReturnMean, r.evalReturnMean());
            add(evalReturnStd, r.evalReturnStd());
            evalInfo.addAll(r.evalInfoMeans());
        }
        emit(r.envSteps());
    }

    /** A GAN row: the losses averaged since the last row (null at iteration 0) and the evaluation's {@code eval_*} scores (null: none). */
    void ganRow(long iteration, Map<String, Double> losses, Map<String, Double> eval) throws IOException {
        if (out == null) return;
        if (losses != null) gan.addAll(losses);
        if (eval != null) evalScores.addAll(eval);
        emit(iteration);
    }

    private void add(Tag t, double v) {
        if (rowSize == rowTags.length) {
            rowTags = java.util.Arrays.copyOf(rowTags, 2 * rowSize);
            rowValues = java.util.Arrays.copyOf(rowValues, 2 * rowSize);
        }
        rowTags[rowSize] = t;
        rowValues[rowSize++] = (float) v;
    }

    private void emit(long step) throws IOException {
        encoding.wallTime = now();
        encoding.step = step;
        out.write(encoding.size(), encoding);
        rowSize = 0;
    }

    /**
     * The row as an {@link Event} with a {@link Summary} of {@code simple_value}s, encoded as the
     * generated classes encode it (field numbers from them; proto3 leaves out a zero step or wall
     * time, while {@code simple_value} sits in a oneof and is always written) but without building
     * a message per value and row: building them cost about 7 µs a row with the launcher's C1
     * compiler, more than a late cliff episode's training. {@code TensorBoardTest} parses the
     * files with the generated {@code Event} class.
     */
    private final class RowEncoding implements EventFileWriter.Encoding {
        double wallTime;
        long step;
        private int summaryBytes;

        int size() {
            int values = 0;
            for (int i = 0; i < rowSize; i++) {
                int v = rowTags[i].valueBytes();
                values += CodedOutputStream.computeTagSize(Summary.VALUE_FIELD_NUMBER) + CodedOutputStream.computeUInt32SizeNoTag(v) + v;
            }
            summaryBytes = values;
            int n = CodedOutputStream.computeTagSize(Event.SUMMARY_FIELD_NUMBER) + CodedOutputStream.computeUInt32SizeNoTag(values) + values;
            if (wallTime != 0) n += CodedOutputStream.computeDoubleSize(Event.WALL_TIME_FIELD_NUMBER, wallTime);
            if (step != 0) n += CodedOutputStream.computeInt64Size(Event.STEP_FIELD_NUMBER, step);
            return n;
        }

        @Override
        public void writeTo(CodedOutputStream o) throws IOException {
            if (wallTime != 0) o.writeDouble(Event.WALL_TIME_FIELD_NUMBER, wallTime);
            if (step != 0) o.writeInt64(Event.STEP_FIELD_NUMBER, step);
            o.writeTag(Event.SUMMARY_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            o.writeUInt32NoTag(summaryBytes);
            for (int i = 0; i < rowSize; i++) {
                Tag t = rowTags[i];
                o.writeTag(Summary.VALUE_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                o.writeUInt32NoTag(t.valueBytes());
                o.writeRawBytes(t.field());
                o.writeFloat(Summary.Value.SIMPLE_VALUE_FIELD_NUMBER, rowValues[i]);
            }
        }
    }

    /**
     * The tags of one group of columns by column name, each made once: building tag strings per
     * row (string concatenation, with the C1 compiler the launcher uses) cost more than the
     * protobuf messages.
     */
    private final class Group {
        private final String prefix, strip, suffix;
        private final Map<String, Tag> tags = new HashMap<>();

        Group(String prefix, String strip, String suffix) {
            this.prefix = prefix;
            this.strip = strip;
            this.suffix = suffix;
        }

        /** Every figure of {@code m}; empty cells (null, and NaN evaluation info) are left out as metrics.csv leaves them empty. */
        void addAll(Map<String, Double> m) {
            for (Map.Entry<String, Double> e : m.entrySet()) {
                Double v = e.getValue();
                if (v == null || (this == evalInfo && v.isNaN())) continue;
                Tag t = tags.get(e.getKey());
                if (t == null) {
                    String k = e.getKey();
                    if (k.startsWith(strip)) k = k.substring(strip.length());
                    tags.put(e.getKey(), t = new Tag(prefix + k + suffix));
                }
                add(t, v);
            }
        }
    }

    /** A tag, with its {@code Summary.Value.tag} field encoded once. */
    private static final class Tag {
        private final String text;
        /** Made at the first value: a log that is off never loads protobuf. */
        private byte[] field;

        Tag(String text) {
            this.text = text;
        }

        byte[] field() {
            if (field == null) {
                byte[] f = new byte[CodedOutputStream.computeStringSize(Summary.Value.TAG_FIELD_NUMBER, text)];
                CodedOutputStream o = CodedOutputStream.newInstance(f);
                try {
                    o.writeString(Summary.Value.TAG_FIELD_NUMBER, text);
                    o.checkNoSpaceLeft();
                } catch (IOException e) {
                    throw new IllegalStateException(e); // an array of the computed size holds it
                }
                field = f;
            }
            return field;
        }

        /** The encoded {@code Summary.Value}: the tag field and a float {@code simple_value}. */
        int valueBytes() {
            return field().length + CodedOutputStream.computeFloatSize(Summary.Value.SIMPLE_VALUE_FIELD_NUMBER, 0f);
        }
    }

    /**
     * Before a checkpoint: the events so far reach the OS (with {@code force}, the disk), and the
     * checkpoint records the file and its length, what a resume keeps.
     */
    void checkpoint(CheckpointWriter w, boolean force) throws IOException {
        if (out == null) return;
        out.flush(force);
        w.putString("tensorboard.file", out.file().getFileName().toString());
        w.putLong("tensorboard.bytes", out.bytes());
    }

    @Override
    public void close() throws IOException {
        if (out != null) out.close();
    }
}
