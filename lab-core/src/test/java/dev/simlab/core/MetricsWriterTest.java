package dev.simlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.core.run.EpisodeRecord;
import dev.simlab.core.run.MetricsWriter;
import dev.simlab.core.run.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsWriterTest {
    @TempDir
    Path dir;

    private static EpisodeRecord row(int run, long episode) {
        return new EpisodeRecord(run, episode, -episode, 3, episode * 3, 0.5, Map.of("epsilon", 0.1), Double.NaN, Double.NaN);
    }

    private static RunResult done(int run) {
        return new RunResult(run, run, "completed", null, 0, Map.of(), new double[0]);
    }

    @Test
    void laterRunsWriteToPartFilesAndLandInRunOrder() throws Exception {
        Path csv = dir.resolve("metrics.csv");
        try (MetricsWriter w = new MetricsWriter(csv, 3)) {
            for (long e = 1; e <= 50; e++) w.episode(row(2, e));
            for (long e = 1; e <= 50; e++) w.episode(row(1, e));
            w.runFinished(done(2));
            assertThat(dir.resolve(".metrics-run-002.part")).exists();
            for (long e = 1; e <= 50; e++) w.episode(row(0, e));
            w.runFinished(done(0));
            for (long e = 51; e <= 60; e++) w.episode(row(1, e));
            w.runFinished(done(1));
            w.finished(false);
        }
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(1 + 50 + 60 + 50);
        for (int i = 1; i < lines.size(); i++) {
            int run = Integer.parseInt(lines.get(i).split(",")[0]);
            int expected = i <= 50 ? 0 : i <= 110 ? 1 : 2;
            assertThat(run).as("line " + i).isEqualTo(expected);
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("metrics.csv");
        }
    }

    @Test
    void interruptionWritesEveryCompleteRowInRunOrder() throws Exception {
        Path csv = dir.resolve("metrics.csv");
        try (MetricsWriter w = new MetricsWriter(csv, 2)) {
            w.episode(row(1, 1));
            w.episode(row(0, 1));
            w.finished(true);
        }
        assertThat(Files.readAllLines(csv)).hasSize(3).element(1).asString().startsWith("0,1,");
    }
}
