package dev.simlab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.rng.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RngAndCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void restoredGeneratorContinuesTheSameStream() throws IOException {
        Rng rng = new Rng(123);
        for (int i = 0; i < 10; i++) rng.nextLong();
        Path f = dir.resolve("c.ckpt");
        try (CheckpointWriter w = new CheckpointWriter(f)) {
            w.putLongs("rng", rng.state()).putDoubles("q", new double[] {1.5, -2}).putString("name", "x").putLong("episodes", 42);
        }
        long expected = rng.nextLong();
        CheckpointReader r = new CheckpointReader(f);
        Rng restored = Rng.fromState(r.getLongs("rng"));
        assertThat(restored.nextLong()).isEqualTo(expected);
        assertThat(r.getDoubles("q")).containsExactly(1.5, -2);
        assertThat(r.getLong("episodes")).isEqualTo(42);
        assertThatThrownBy(() -> r.getLong("missing")).hasMessageContaining("no entry 'missing'");
    }

    @Test
    void truncatedOrForeignFilesAreRefusedClearly() throws IOException {
        Path f = dir.resolve("c.ckpt");
        try (CheckpointWriter w = new CheckpointWriter(f)) {
            w.putDoubles("q", new double[1000]);
        }
        byte[] all = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.ckpt");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> new CheckpointReader(cut)).hasMessageContaining("truncated");
        Path foreign = dir.resolve("foreign.ckpt");
        Files.writeString(foreign, "rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcA==");
        assertThatThrownBy(() -> new CheckpointReader(foreign)).hasMessageContaining("not a SimLab checkpoint");
    }

    @Test
    void nextIntIsUniform() {
        Rng rng = new Rng(1);
        int[] counts = new int[3];
        for (int i = 0; i < 30_000; i++) counts[rng.nextInt(3)]++;
        for (int c : counts) assertThat(c).isBetween(9_500, 10_500);
    }
}
