package dev.simlab.core.checkpoint;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a checkpoint as named, typed entries (numbers, arrays, strings, byte blobs). The format
 * is plain data read back by {@link CheckpointReader}: loading a checkpoint can never run code,
 * unlike Java serialization. Written to a temporary file and moved into place on {@link #close},
 * so a crash leaves the previous checkpoint intact.
 */
public final class CheckpointWriter implements AutoCloseable {
    static final long MAGIC = 0x53494D4C41424350L; // "SIMLABCP"
    static final int VERSION = 1;
    static final byte LONG = 1, DOUBLE = 2, STRING = 3, INTS = 4, LONGS = 5, FLOATS = 6, DOUBLES = 7, BYTES = 8, BOOLS = 9;

    private final Path target;
    private final Path tmp;
    private final DataOutputStream out;

    public CheckpointWriter(Path target) throws IOException {
        this.target = target;
        Files.createDirectories(target.toAbsolutePath().getParent());
        this.tmp = target.resolveSibling(target.getFileName() + ".tmp");
        OutputStream os = Files.newOutputStream(tmp);
        this.out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16));
        out.writeLong(MAGIC);
        out.writeInt(VERSION);
    }

    private void key(String key, byte type) throws IOException {
        out.writeUTF(key);
        out.writeByte(type);
    }

    public CheckpointWriter putLong(String key, long v) throws IOException {
        key(key, LONG);
        out.writeLong(v);
        return this;
    }

    public CheckpointWriter putDouble(String key, double v) throws IOException {
        key(key, DOUBLE);
        out.writeDouble(v);
        return this;
    }

    public CheckpointWriter putString(String key, String v) throws IOException {
        key(key, STRING);
        byte[] b = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
        return this;
    }

    public CheckpointWriter putInts(String key, int[] v) throws IOException {
        key(key, INTS);
        out.writeInt(v.length);
        for (int x : v) out.writeInt(x);
        return this;
    }

    public CheckpointWriter putLongs(String key, long[] v) throws IOException {
        key(key, LONGS);
        out.writeInt(v.length);
        for (long x : v) out.writeLong(x);
        return this;
    }

    public CheckpointWriter putFloats(String key, float[] v) throws IOException {
        key(key, FLOATS);
        out.writeInt(v.length);
        for (float x : v) out.writeFloat(x);
        return this;
    }

    public CheckpointWriter putDoubles(String key, double[] v) throws IOException {
        key(key, DOUBLES);
        out.writeInt(v.length);
        for (double x : v) out.writeDouble(x);
        return this;
    }

    public CheckpointWriter putBooleans(String key, boolean[] v) throws IOException {
        key(key, BOOLS);
        out.writeInt(v.length);
        for (boolean x : v) out.writeBoolean(x);
        return this;
    }

    @Override
    public void close() throws IOException {
        out.writeUTF("");
        out.close();
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
