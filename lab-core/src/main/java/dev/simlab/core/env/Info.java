package dev.simlab.core.env;

import java.util.Arrays;

/**
 * Per-step extra facts as named numbers ({@code crashed=1}, {@code lives=3}), Gymnasium's
 * {@code info} dict restricted to doubles so that it can be reused without allocating.
 * Owned by the env; valid until its next {@code step}/{@code reset}.
 */
public final class Info {
    private String[] keys = new String[4];
    private double[] values = new double[4];
    private int size;

    public void clear() {
        size = 0;
    }

    public Info put(String key, double value) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                values[i] = value;
                return this;
            }
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size++] = value;
        return this;
    }

    public boolean has(String key) {
        for (int i = 0; i < size; i++) if (keys[i].equals(key)) return true;
        return false;
    }

    public double get(String key, double fallback) {
        for (int i = 0; i < size; i++) if (keys[i].equals(key)) return values[i];
        return fallback;
    }

    public int size() {
        return size;
    }

    public String key(int i) {
        return keys[i];
    }

    public double value(int i) {
        return values[i];
    }

    public void copyFrom(Info other) {
        clear();
        for (int i = 0; i < other.size; i++) put(other.keys[i], other.values[i]);
    }
}
