package dev.simlab.core.tb;

import java.util.zip.CRC32C;

/**
 * TFRecord framing, the container of TensorBoard's event files: each record is its length as a
 * little-endian uint64, the masked CRC32C of those 8 bytes (uint32), the data, and the masked
 * CRC32C of the data. Masking (rotate right by 15, add a constant) is TensorFlow's, so that a
 * CRC of data that contains CRCs stays well distributed.
 */
final class Records {
    static final int HEADER = 12;
    static final int FOOTER = 4;
    private static final int MASK_DELTA = 0xa282ead8;

    private Records() {}

    static int maskedCrc(CRC32C crc, byte[] b, int off, int len) {
        crc.reset();
        crc.update(b, off, len);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }

    static void putLongLE(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) b[off + i] = (byte) (v >>> (8 * i));
    }

    static void putIntLE(byte[] b, int off, int v) {
        for (int i = 0; i < 4; i++) b[off + i] = (byte) (v >>> (8 * i));
    }

    static long getLongLE(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) v = (v << 8) | (b[off + i] & 0xff);
        return v;
    }

    static int getIntLE(byte[] b, int off) {
        int v = 0;
        for (int i = 3; i >= 0; i--) v = (v << 8) | (b[off + i] & 0xff);
        return v;
    }
}
