package dev.simlab.core.tb;

import dev.simlab.core.tb.proto.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/** Reads TensorBoard event files back through their TFRecord framing, checking both checksums of every record. */
public final class EventFileReader {
    private EventFileReader() {}

    /** Every event of {@code file}, in order; a bad checksum, a cut record or bytes that are not an {@link Event} are an error. */
    public static List<Event> read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        List<Event> out = new ArrayList<>();
        CRC32C crc = new CRC32C();
        int pos = 0;
        while (pos < b.length) {
            int n = recordLength(b, pos, crc);
            if (n < 0) throw new IOException(file + ": " + problem(n) + " at byte " + pos);
            out.add(Event.parseFrom(java.nio.ByteBuffer.wrap(b, pos + Records.HEADER, n)));
            pos += Records.HEADER + n + Records.FOOTER;
        }
        return out;
    }

    /** How many leading bytes of {@code file} are whole records with valid checksums. */
    static long wholeRecordBytes(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        CRC32C crc = new CRC32C();
        int pos = 0;
        while (pos < b.length) {
            int n = recordLength(b, pos, crc);
            if (n < 0) break;
            pos += Records.HEADER + n + Records.FOOTER;
        }
        return pos;
    }

    private static final int CUT = -1, BAD_LENGTH_CRC = -2, BAD_DATA_CRC = -3;

    /** The data length of the record at {@code pos}, or a negative problem code. */
    private static int recordLength(byte[] b, int pos, CRC32C crc) {
        if (b.length - pos < Records.HEADER) return CUT;
        if (Records.getIntLE(b, pos + 8) != Records.maskedCrc(crc, b, pos, 8)) return BAD_LENGTH_CRC;
        long len = Records.getLongLE(b, pos);
        if (len < 0 || len > b.length - pos - Records.HEADER - Records.FOOTER) return CUT;
        int n = (int) len;
        if (Records.getIntLE(b, pos + Records.HEADER + n) != Records.maskedCrc(crc, b, pos + Records.HEADER, n)) return BAD_DATA_CRC;
        return n;
    }

    private static String problem(int code) {
        return switch (code) {
            case CUT -> "record cut short";
            case BAD_LENGTH_CRC -> "bad length checksum";
            default -> "bad data checksum";
        };
    }
}
