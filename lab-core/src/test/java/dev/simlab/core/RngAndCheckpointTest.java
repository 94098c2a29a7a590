package dev.simlab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.rng.Rng;
import java.io.DataOutputStream;
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

    /** A checkpoint whose one entry is {@code q}, of the given type byte, declaring {@code length} elements and holding {@code bytes}. */
    private Path craft(String name, int type, int length, int bytes) throws IOException {
        Path f = dir.resolve(name);
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(f))) {
            out.writeLong(0x53494D4C41424350L);
            out.writeInt(1);
            out.writeUTF("q");
            out.writeByte(type);
            out.writeInt(length);
            out.write(new byte[bytes]);
        }
        return f;
    }

    @Test
    void lengthsAreBoundedByTheFileSoHostileFilesCannotExhaustMemory() throws IOException {
        Path huge = craft("huge.ckpt", 7, Integer.MAX_VALUE, 16); // doubles
        assertThatThrownBy(() -> new CheckpointReader(huge)).isInstanceOf(IOException.class)
                .hasMessage(huge + " is not a SimLab checkpoint (or is truncated): entry 'q' declares 2147483647 values "
                        + "but the file has only 16 bytes left");
        Path longs = craft("longs.ckpt", 5, 3, 16); // 3 longs need 24 bytes
        assertThatThrownBy(() -> new CheckpointReader(longs))
                .hasMessageEndingWith("entry 'q' declares 3 values but the file has only 16 bytes left");
        Path text = craft("text.ckpt", 3, 1 << 30, 0); // a string
        assertThatThrownBy(() -> new CheckpointReader(text))
                .hasMessageEndingWith("entry 'q' declares 1073741824 bytes but the file has only 0 bytes left");
        Path negative = craft("negative.ckpt", 4, -1, 8); // ints
        assertThatThrownBy(() -> new CheckpointReader(negative))
                .hasMessage(negative + " is not a SimLab checkpoint: entry 'q' declares a negative length (-1)");
    }

    @Test
    void aFolderIsNotACheckpoint() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("run-000.ckpt"));
        assertThatThrownBy(() -> new CheckpointReader(folder)).isInstanceOf(IOException.class)
                .hasMessage(folder + " is a directory, not a checkpoint file");
    }
}
