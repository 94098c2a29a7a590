package dev.simlab.core.checkpoint;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UTFDataFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads what {@link CheckpointWriter} wrote. Missing keys and type mismatches are clear errors.
 * Every length is checked against the bytes the file has left before anything is allocated, so a
 * corrupt or hostile file is refused in one line instead of exhausting memory.
 */
public final class CheckpointReader {
    private final Path file;
    private final Map<String, Object> entries = new HashMap<>();
    private final long size;
    private final CountingInputStream counted;

    /** @throws CheckpointException when the file is not a readable SimLab checkpoint */
    public CheckpointReader(Path file) throws IOException {
        this.file = file;
        if (Files.isDirectory(file)) throw new CheckpointException(file + " is a directory, not a checkpoint file");
        this.size = Files.size(file);
        counted = new CountingInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        try (DataInputStream in = new DataInputStream(counted)) {
            if (in.readLong() != CheckpointWriter.MAGIC) throw new CheckpointException(file + " is not a SimLab checkpoint");
            int version = in.readInt();
            if (version != CheckpointWriter.VERSION) throw new CheckpointException(file + ": checkpoint format " + version + " is not supported");
            while (true) {
                String key = in.readUTF();
                if (key.isEmpty()) break;
                byte type = in.readByte();
                entries.put(key, readValue(in, key, type));
            }
        } catch (EOFException e) {
            throw new CheckpointException(file + " is truncated (an interrupted write?)", e);
        } catch (UTFDataFormatException e) {
            throw new CheckpointException(file + " is not a SimLab checkpoint: an entry name is not valid text", e);
        }
    }

    /**
     * The element count an entry declares, refused when negative or when that many elements of
     * {@code bytesEach} bytes cannot fit in what is left of the file.
     */
    private int length(DataInputStream in, String key, int bytesEach, String unit) throws IOException {
        int n = in.readInt();
        if (n < 0) throw new CheckpointException(file + " is not a SimLab checkpoint: entry '" + key + "' declares a negative length (" + n + ")");
        long left = size - counted.count;
        if ((long) n * bytesEach > left) {
            throw new CheckpointException(file + " is not a SimLab checkpoint (or is truncated): entry '" + key + "' declares " + n + " "
                    + unit + " but the file has only " + left + " bytes left");
        }
        return n;
    }

    private Object readValue(DataInputStream in, String key, byte type) throws IOException {
        switch (type) {
            case CheckpointWriter.LONG: return in.readLong();
            case CheckpointWriter.DOUBLE: return in.readDouble();
            case CheckpointWriter.STRING: {
                byte[] b = new byte[length(in, key, 1, "bytes")];
                in.readFully(b);
                return new String(b, StandardCharsets.UTF_8);
            }
            case CheckpointWriter.INTS: {
                int[] v = new int[length(in, key, Integer.BYTES, "values")];
                for (int i = 0; i < v.length; i++) v[i] = in.readInt();
                return v;
            }
            case CheckpointWriter.LONGS: {
                long[] v = new long[length(in, key, Long.BYTES, "values")];
                for (int i = 0; i < v.length; i++) v[i] = in.readLong();
                return v;
            }
            case CheckpointWriter.FLOATS: {
                float[] v = new float[length(in, key, Float.BYTES, "values")];
                for (int i = 0; i < v.length; i++) v[i] = in.readFloat();
                return v;
            }
            case CheckpointWriter.DOUBLES: {
                double[] v = new double[length(in, key, Double.BYTES, "values")];
                for (int i = 0; i < v.length; i++) v[i] = in.readDouble();
                return v;
            }
            case CheckpointWriter.BOOLS: {
                boolean[] v = new boolean[length(in, key, 1, "values")];
                for (int i = 0; i < v.length; i++) v[i] = in.readBoolean();
                return v;
            }
            case CheckpointWriter.BYTES: {
                byte[] v = new byte[length(in, key, 1, "bytes")];
                in.readFully(v);
                return v;
            }
            default: throw new CheckpointException(file + " is not a SimLab checkpoint: entry '" + key + "' has unknown type " + type);
        }
    }

    /** Counts the bytes read through it, to know how many the file has left. */
    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    private <T> T get(String key, Class<T> type) throws IOException {
        Object v = entries.get(key);
        if (v == null) throw new CheckpointException(file + ": checkpoint has no entry '" + key + "'");
        if (!type.isInstance(v)) throw new CheckpointException(file + ": entry '" + key + "' is not a " + type.getSimpleName());
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

}
