package dev.simlab.core.tb;

import com.google.protobuf.CodedOutputStream;
import dev.simlab.core.tb.proto.Event;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Appends {@link Event}s to one TensorBoard event file ({@code events.out.tfevents.<unix
 * seconds>.<host>}) in TFRecord framing. Writes are buffered: nothing reaches the OS until
 * {@link #flush} or {@link #close}, so a run's step loop pays no system call per event. Not
 * thread-safe: one run writes one file.
 */
public final class EventFileWriter implements AutoCloseable {
    /** What TensorBoard expects as the first event of every file. */
    public static final String FILE_VERSION = "brain.Event:2";
    /** Every event file's name starts with this (TensorBoard looks for "tfevents" in names). */
    public static final String PREFIX = "events.out.tfevents.";

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final CRC32C crc = new CRC32C();
    private byte[] record = new byte[512];
    private long flushed;

    private EventFileWriter(Path file, FileChannel channel, long position, int bufferBytes) {
        this.file = file;
        this.channel = channel;
        this.flushed = position;
        this.buffer = ByteBuffer.allocate(bufferBytes);
    }

    /** A new event file in {@code dir} (created if needed), its first event the file version at {@code wallTime} (seconds). */
    public static EventFileWriter create(Path dir, double wallTime, int bufferBytes) throws IOException {
        Files.createDirectories(dir);
        String name = PREFIX + (long) wallTime + "." + Host.NAME;
        Path f = dir.resolve(name);
        // a second file in the same second (a quick resume) gets a suffix; names still sort in order of creation
        for (int i = 1; Files.exists(f); i++) f = dir.resolve(name + "." + i);
        FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        EventFileWriter w = new EventFileWriter(f, ch, 0, bufferBytes);
        // encoded as the generated Event would be, without loading it: building the classes'
        // descriptors costs a short run (the cliff workload's 50 runs in 1.2 s) a few percent
        w.write(CodedOutputStream.computeDoubleSize(Event.WALL_TIME_FIELD_NUMBER, wallTime)
                + CodedOutputStream.computeStringSize(Event.FILE_VERSION_FIELD_NUMBER, FILE_VERSION), o -> {
                    o.writeDouble(Event.WALL_TIME_FIELD_NUMBER, wallTime);
                    o.writeString(Event.FILE_VERSION_FIELD_NUMBER, FILE_VERSION);
                });
        return w;
    }

    /**
     * Continues an existing event file after its first {@code keep} bytes, dropping what follows
     * (events written after the checkpoint that counted {@code keep}). A file shorter than that
     * (a power cut before its bytes reached the disk) is cut after its last whole record instead.
     */
    public static EventFileWriter continueAt(Path file, long keep, int bufferBytes) throws IOException {
        long whole = EventFileReader.wholeRecordBytes(file);
        long at = Math.min(keep, whole);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE);
        try {
            ch.truncate(at);
            ch.position(at);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new EventFileWriter(file, ch, at, bufferBytes);
    }

    public Path file() {
        return file;
    }

    /** Bytes of the file once everything written so far is flushed. */
    public long bytes() {
        return flushed + buffer.position();
    }

    public void write(Event event) throws IOException {
        write(event.getSerializedSize(), event::writeTo);
    }

    /** Writes an event's {@code n} bytes of protobuf encoding into the stream it is given. */
    @FunctionalInterface
    public interface Encoding {
        void writeTo(CodedOutputStream out) throws IOException;
    }

    /**
     * Appends one event given as its encoding: {@code n} bytes that {@code encoding} writes (an
     * {@link Event} in its wire format, as the generated code would, without building the message).
     */
    public void write(int n, Encoding encoding) throws IOException {
        int total = Records.HEADER + n + Records.FOOTER;
        if (record.length < total) record = new byte[Math.max(total, 2 * record.length)];
        byte[] b = record;
        Records.putLongLE(b, 0, n);
        Records.putIntLE(b, 8, Records.maskedCrc(crc, b, 0, 8));
        CodedOutputStream out = CodedOutputStream.newInstance(b, Records.HEADER, n);
        encoding.writeTo(out);
        out.checkNoSpaceLeft();
        Records.putIntLE(b, Records.HEADER + n, Records.maskedCrc(crc, b, Records.HEADER, n));
        if (buffer.remaining() < total) drain();
        if (total > buffer.capacity()) {
            writeFully(ByteBuffer.wrap(b, 0, total));
        } else {
            buffer.put(b, 0, total);
        }
    }

    private void drain() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) flushed += channel.write(b);
    }

    /** Hands what is buffered to the OS; with {@code force} also waits until it is on disk. */
    public void flush(boolean force) throws IOException {
        drain();
        if (force) channel.force(false);
    }

    @Override
    public void close() throws IOException {
        try {
            drain();
        } finally {
            channel.close();
        }
    }

    /** The host name for file names, read once and without a DNS lookup (which can hang for seconds). */
    private static final class Host {
        static final String NAME = read();

        private static String read() {
            String h = null;
            try {
                Path p = Path.of("/proc/sys/kernel/hostname");
                if (Files.isReadable(p)) h = Files.readString(p).trim();
            } catch (IOException | RuntimeException e) {
                h = null;
            }
            if (h == null || h.isEmpty()) h = System.getenv("HOSTNAME");
            if (h == null || h.isEmpty()) h = System.getenv("COMPUTERNAME");
            if (h == null || h.isEmpty()) h = "localhost";
            return h.replaceAll("[^A-Za-z0-9._-]", "_");
        }
    }
}
