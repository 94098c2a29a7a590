package dev.simlab.driving;

import java.io.IOException;

/**
 * Copies arrays read from a checkpoint into the simulation's preallocated buffers, refusing
 * entries of the wrong length (a checkpoint of an env built with other parameters).
 */
final class SavedArrays {
    private SavedArrays() {}

    static void restore(double[] saved, double[] into, int n, String key) throws IOException {
        check(saved.length, n, into.length, key);
        System.arraycopy(saved, 0, into, 0, n);
    }

    static void restore(int[] saved, int[] into, int n, String key) throws IOException {
        check(saved.length, n, into.length, key);
        System.arraycopy(saved, 0, into, 0, n);
    }

    static void restore(boolean[] saved, boolean[] into, int n, String key) throws IOException {
        check(saved.length, n, into.length, key);
        System.arraycopy(saved, 0, into, 0, n);
    }

    /** A count saved under {@code key}, checked against the room there is for it. */
    static int count(long saved, int capacity, String key) throws IOException {
        if (saved < 0 || saved > capacity) throw new IOException("checkpoint entry '" + key + "' is " + saved + "; this env has room for " + capacity);
        return (int) saved;
    }

    private static void check(int length, int n, int capacity, String key) throws IOException {
        if (length != n || n > capacity) {
            throw new IOException("checkpoint entry '" + key + "' has " + length + " values; this env expects " + n + " (room for " + capacity + ")");
        }
    }
}
