package dev.simlab.core.space;

import dev.simlab.core.rng.Rng;
import java.util.Arrays;

/**
 * A box in R^n: per-element bounds, possibly infinite. Values are flat {@code float[]} of
 * length {@link #flatSize()}. Sampling follows Gymnasium: uniform where both bounds are
 * finite, exponential/normal where one or both are infinite.
 */
public record Box(float[] low, float[] high, int[] shape) implements Space {
    public Box {
        int size = 1;
        for (int s : shape) {
            if (s <= 0) throw new IllegalArgumentException("Box shape must be positive: " + Arrays.toString(shape));
            size *= s;
        }
        if (low.length != size || high.length != size) {
            throw new IllegalArgumentException("Box bounds length must be " + size);
        }
        for (int i = 0; i < size; i++) {
            if (!(low[i] <= high[i])) throw new IllegalArgumentException("Box low > high at index " + i);
        }
        low = low.clone();
        high = high.clone();
        shape = shape.clone();
    }

    public static Box uniform(float low, float high, int... shape) {
        int size = 1;
        for (int s : shape) size *= s;
        float[] lo = new float[size];
        float[] hi = new float[size];
        Arrays.fill(lo, low);
        Arrays.fill(hi, high);
        return new Box(lo, hi, shape);
    }

    public float low(int i) {
        return low[i];
    }

    public float high(int i) {
        return high[i];
    }

    /** True when every element of {@code x[offset .. offset+flatSize)} is within bounds and not NaN. */
    public boolean contains(float[] x, int offset) {
        for (int i = 0; i < low.length; i++) {
            float v = x[offset + i];
            if (!(v >= low[i] && v <= high[i])) return false;
        }
        return true;
    }

    public void sample(Rng rng, float[] out, int offset) {
        for (int i = 0; i < low.length; i++) {
            boolean lo = Float.isFinite(low[i]);
            boolean hi = Float.isFinite(high[i]);
            double v;
            if (lo && hi) v = rng.uniform(low[i], high[i]);
            else if (lo) v = low[i] - Math.log(1 - rng.nextDouble());
            else if (hi) v = high[i] + Math.log(1 - rng.nextDouble());
            else v = rng.nextGaussian();
            out[offset + i] = (float) v;
        }
    }

    @Override
    public int flatSize() {
        return low.length;
    }

    @Override
    public String describe() {
        return "Box(shape=" + Arrays.toString(shape) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Box b && Arrays.equals(low, b.low) && Arrays.equals(high, b.high) && Arrays.equals(shape, b.shape);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(low) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return describe();
    }
}
