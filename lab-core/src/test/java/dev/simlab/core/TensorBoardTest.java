package dev.simlab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.run.Experiment;
import dev.simlab.core.scenario.Scenario;
import dev.simlab.core.tb.EventFileReader;
import dev.simlab.core.tb.proto.Event;
import dev.simlab.core.tb.proto.Summary;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every run writes TensorBoard event files that hold exactly its metrics.csv rows: read back
 * here through TFRecord framing implemented from the format's description (not SimLab's writer)
 * and TensorBoard's own schema, and kept exact across interrupt and resume.
 */
class TensorBoardTest {
    @TempDir
    Path tmp;

    /** ResumeTest's scenario: 3 runs on 3 env copies, periodic checkpoints and evaluations. */
    private static final String RL = ResumeTest.RL;

    private static Scenario parse(String yaml, String... sets) {
        return ResumeTest.parse(yaml, sets);
    }

    /**
     * TFRecord framing as TensorFlow documents it: uint64 length (little-endian), masked CRC32C
     * of those 8 bytes, the data, masked CRC32C of the data; mask = rotate right 15, add 0xa282ead8.
     */
    static List<Event> readRecords(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> out = new ArrayList<>();
        while (b.hasRemaining()) {
            byte[] len = new byte[8];
            b.get(len);
            assertThat(b.getInt()).as("length checksum").isEqualTo(masked(len));
            long n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
            byte[] data = new byte[Math.toIntExact(n)];
            b.get(data);
            assertThat(b.getInt()).as("data checksum").isEqualTo(masked(data));
            Event e = Event.parseFrom(data);
            // the schema, strictly: no field the generated class does not know, and the bytes
            // are those the generated class writes for the same event
            assertThat(e.getUnknownFields().asMap()).as("unknown fields").isEmpty();
            assertThat(e.toByteArray()).as("encoding of event %d", out.size()).isEqualTo(data);
            out.add(e);
        }
        return out;
    }

    private static byte[] record(byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(16 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        byte[] len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
        return b.put(len).putInt(masked(len)).put(data).putInt(masked(data)).array();
    }

    private static int masked(byte[] data) {
        CRC32C c = new CRC32C();
        c.update(data);
        int crc = (int) c.getValue();
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }

    /** The run's only event file. */
    static Path eventFile(Path dir, int run) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve(String.format("tb/run-%03d", run)))) {
            List<Path> files = s.toList();
            assertThat(files).hasSize(1);
            assertThat(files.get(0).getFileName().toString()).matches("events\\.out\\.tfevents\\.\\d{10}\\.[A-Za-z0-9._-]+");
            return files.get(0);
        }
    }

    /** The TensorBoard tag a metrics.csv column is written under; null for the columns that are the step or not scalars. */
    static String tag(String column, boolean gan) {
        return switch (column) {
            case "run", "episode", "env_steps", "wall_seconds", "iteration" -> null;
            case "return", "length" -> "episode/" + column;
            default -> column.startsWith("eval_") ? "eval/" + column.substring(5) : (gan ? "gan/" : "agent/") + column;
        };
    }

    /**
     * Checks that run {@code run}'s events are its metrics.csv rows: the file version first, then
     * one summary per row at its env steps (GAN: iteration), each non-empty figure as a float.
     */
    static void assertEventsAreTheRows(Path dir, int run, boolean gan) throws IOException {
        List<Event> events = readRecords(eventFile(dir, run));
        assertThat(events.get(0).getFileVersion()).isEqualTo("brain.Event:2");
        List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
        String[] header = lines.get(0).split(",", -1);
        int stepColumn = List.of(header).indexOf(gan ? "iteration" : "env_steps");
        List<String[]> rows = lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).filter(c -> c[0].equals(String.valueOf(run))).toList();
        assertThat(events).hasSize(1 + rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            Event e = events.get(i + 1);
            assertThat(e.getStep()).as("row %d's step", i).isEqualTo(Long.parseLong(row[stepColumn]));
            Map<String, Float> expected = new TreeMap<>();
            for (int c = 0; c < header.length; c++) {
                String t = tag(header[c], gan);
                if (t != null && !row[c].isEmpty()) expected.put(t, (float) Double.parseDouble(row[c]));
            }
            Map<String, Float> got = new TreeMap<>();
            for (Summary.Value v : e.getSummary().getValueList()) got.put(v.getTag(), v.getSimpleValue());
            assertThat(got).as("run %d row %d", run, i).isEqualTo(expected);
        }
    }

    @Test
    void everyRlRunWritesItsRowsAsScalarsAtItsEnvSteps() throws Exception {
        Path dir = tmp.resolve("rl");
        Experiment.of(parse(RL), dir).run();
        for (int k = 0; k < 3; k++) assertEventsAreTheRows(dir, k, false);
        List<Event> events = readRecords(eventFile(dir, 0));
        assertThat(events.stream().flatMap(e -> e.getSummary().getValueList().stream()).map(Summary.Value::getTag).distinct())
                .contains("episode/return", "episode/length", "eval/return_mean", "eval/return_std");
    }

    @Test
    void everyGanRunWritesItsRowsAsScalarsAtItsIterations() throws Exception {
        Path dir = tmp.resolve("gan");
        Experiment.of(GanRunTest.parse(GanRunTest.GOOD, "run.log_every=5", "run.runs=2"), dir).run();
        for (int k = 0; k < 2; k++) assertEventsAreTheRows(dir, k, true);
        assertThat(readRecords(eventFile(dir, 1)).stream().flatMap(e -> e.getSummary().getValueList().stream()).map(Summary.Value::getTag))
                .anyMatch(t -> t.startsWith("gan/")).anyMatch(t -> t.startsWith("eval/"));
    }

    @Test
    void runTensorboardFalseWritesNoEventFiles() throws Exception {
        Path dir = tmp.resolve("off");
        Experiment.of(parse(RL, "run.tensorboard=false"), dir).run();
        assertThat(dir.resolve("metrics.csv")).exists();
        assertThat(dir.resolve("tb")).doesNotExist();
    }

    private static Experiment<?> stopAt(Experiment<?> e, int run, long at) {
        return ResumeTest.stopAt(e, run, at);
    }

    /** Steps and values of a run's events, without their wall-clock times. */
    private static List<String> withoutWallTime(Path dir, int run) throws IOException {
        return readRecords(eventFile(dir, run)).stream().map(e -> e.toBuilder().clearWallTime().build().toString()).toList();
    }

    @Test
    void aResumedRunWritesTheUninterruptedRunsEventsInOneFile() throws Exception {
        // resume cuts each file back to what its checkpoint counted, so events written after it appear once
        Scenario s = parse(RL);
        Experiment.of(s, tmp.resolve("whole")).run();
        Path cut = tmp.resolve("cut");
        assertThat(stopAt(Experiment.of(s, cut), 1, 45).run().status()).isEqualTo("interrupted");
        // as after kill -9: events past the checkpoint reached the file (a full buffer), the last one half
        Path f = eventFile(cut, 1);
        List<Event> later = readRecords(eventFile(tmp.resolve("whole"), 1));
        java.io.ByteArrayOutputStream orphans = new java.io.ByteArrayOutputStream();
        for (Event e : later.subList(later.size() - 6, later.size())) orphans.write(record(e.toByteArray()));
        Files.write(f, java.util.Arrays.copyOf(orphans.toByteArray(), orphans.size() - 5), java.nio.file.StandardOpenOption.APPEND);
        assertThat(stopAt(Experiment.of(s, cut).resume(), 2, 30).run().status()).isEqualTo("interrupted");
        assertThat(Experiment.of(s, cut).resume().run().status()).isEqualTo("completed");
        for (int k = 0; k < 3; k++) {
            assertThat(withoutWallTime(cut, k)).as("run %d", k).isEqualTo(withoutWallTime(tmp.resolve("whole"), k));
            assertEventsAreTheRows(cut, k, false);
        }
    }

    @Test
    void aResumedGanRunWritesTheUninterruptedRunsEvents() throws Exception {
        Scenario s = GanRunTest.parse(GanRunTest.GOOD, "run.checkpoint_every=15", "run.log_every=5");
        Experiment.of(s, tmp.resolve("whole")).run();
        Path cut = tmp.resolve("cut");
        assertThat(stopAt(Experiment.of(s, cut), 0, 5).run().status()).isEqualTo("interrupted");
        assertThat(Experiment.of(s, cut).resume().run().status()).isEqualTo("completed");
        assertThat(withoutWallTime(cut, 0)).isEqualTo(withoutWallTime(tmp.resolve("whole"), 0));
    }

    @Test
    void whereTheEventFileIsGoneAResumeStartsANewOneWithASessionStart() throws Exception {
        Scenario s = parse(RL, "run.runs=1");
        Path cut = tmp.resolve("cut");
        stopAt(Experiment.of(s, cut), 0, 50).run();
        Path first = eventFile(cut, 0);
        Files.move(first, first.resolveSibling("old-" + first.getFileName()));
        Files.writeString(first.resolveSibling("events.out.tfevents.1.elsewhere"), ""); // another file TensorBoard would read
        Experiment.of(s, cut).resume().run();
        Path renewed;
        try (Stream<Path> files = Files.list(cut.resolve("tb/run-000"))) {
            renewed = files.filter(p -> p.getFileName().toString().matches("events\\.out\\.tfevents\\.\\d{10}\\..*")).findFirst().orElseThrow();
        }
        List<Event> events = readRecords(renewed);
        assertThat(events.get(0).getFileVersion()).isEqualTo("brain.Event:2");
        assertThat(events.get(1).getSessionLog().getStatus()).isEqualTo(dev.simlab.core.tb.proto.SessionLog.SessionStatus.START);
        assertThat(events.get(2).getStep()).isGreaterThanOrEqualTo(events.get(1).getStep());
    }

    @Test
    void aDamagedRecordIsRefusedByTheReader() throws Exception {
        Path dir = tmp.resolve("rl");
        Experiment.of(parse(RL, "run.runs=1"), dir).run();
        Path f = eventFile(dir, 0);
        assertThat(EventFileReader.read(f)).hasSize(readRecords(f).size());
        byte[] b = Files.readAllBytes(f);
        b[b.length / 2] ^= 0x10;
        Files.write(f, b);
        assertThatThrownBy(() -> EventFileReader.read(f)).isInstanceOf(IOException.class).hasMessageContaining("checksum");
    }
}
