package dev.simlab.core.checkpoint;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Reads what {@link CheckpointWriter} wrote. Missing keys and type mismatches are clear errors. */
public final class CheckpointReader {
    private final Path file;
    private final Map<String, Object> entries = new HashMap<>();

    public CheckpointReader(Path file) throws IOException {
        this.file = file;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readLong() != CheckpointWriter.MAGIC) throw new IOException(file + " is not a SimLab checkpoint");
            int version = in.readInt();
            if (version != CheckpointWriter.VERSION) throw new IOException(file + ": checkpoint format " + version + " is not supported");
            while (true) {
                String key = in.readUTF();
                if (key.isEmpty()) break;
                byte type = in.readByte();
                entries.put(key, readValue(in, type));
            }
        } catch (EOFException e) {
            throw new IOException(file + " is truncated (an interrupted write?)", e);
        }
    }

    private Object readValue(DataInputStream in, byte type) throws IOException {
        switch (type) {
            case CheckpointWriter.LONG: return in.readLong();
            case CheckpointWriter.DOUBLE: return in.readDouble();
            case CheckpointWriter.STRING: {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                return new String(b, StandardCharsets.UTF_8);
            }
            case CheckpointWriter.INTS: {
                int[] v = new int[in.readInt()];
                for (int i = 0; i < v.length; i++) v[i] = in.readInt();
                return v;
            }
            case CheckpointWriter.LONGS: {
                long[] v = new long[in.readInt()];
                for (int i = 0; i < v.length; i++) v[i] = in.readLong();
                return v;
            }
            case CheckpointWriter.FLOATS: {
                float[] v = new float[in.readInt()];
                for (int i = 0; i < v.length; i++) v[i] = in.readFloat();
                return v;
            }
            case CheckpointWriter.DOUBLES: {
                double[] v = new double[in.readInt()];
                for (int i = 0; i < v.length; i++) v[i] = in.readDouble();
                return v;
            }
            case CheckpointWriter.BOOLS: {
                boolean[] v = new boolean[in.readInt()];
                for (int i = 0; i < v.length; i++) v[i] = in.readBoolean();
                return v;
            }
            case CheckpointWriter.BYTES: {
                byte[] v = new byte[in.readInt()];
                in.readFully(v);
                return v;
            }
            default: throw new IOException(file + ": unknown entry type " + type);
        }
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    private <T> T get(String key, Class<T> type) throws IOException {
        Object v = entries.get(key);
        if (v == null) throw new IOException(file + ": checkpoint has no entry '" + key + "'");
        if (!type.isInstance(v)) throw new IOException(file + ": entry '" + key + "' is not a " + type.getSimpleName());
        return type.cast(v);
    }

    public long getLong(String key) throws IOException {
        return get(key, Long.class);
    }

    public double getDouble(String key) throws IOException {
        return get(key, Double.class);
    }

    public String getString(String key) throws IOException {
        return get(key, String.class);
    }

    public int[] getInts(String key) throws IOException {
        return get(key, int[].class);
    }

    public long[] getLongs(String key) throws IOException {
        return get(key, long[].class);
    }

    public float[] getFloats(String key) throws IOException {
        return get(key, float[].class);
    }

    public double[] getDoubles(String key) throws IOException {
        return get(key, double[].class);
    }

    public boolean[] getBooleans(String key) throws IOException {
        return get(key, boolean[].class);
    }

    public byte[] getBytes(String key) throws IOException {
        return get(key, byte[].class);
    }
}
