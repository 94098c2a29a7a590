package dev.simlab.core.rng;

/**
 * Seedable random generator (xoshiro256**) whose full state can be saved in a checkpoint and
 * restored, which {@link java.util.SplittableRandom} does not allow. Not thread-safe: give each
 * run, env copy and agent its own instance ({@link #split()}).
 */
public final class Rng {
    private long s0, s1, s2, s3;

    public Rng(long seed) {
        setSeed(seed);
    }

    private Rng(long[] state) {
        setState(state);
    }

    /** Re-seeds with SplitMix64 expansion of the seed, as recommended by xoshiro's authors. */
    public void setSeed(long seed) {
        long x = seed;
        x += 0x9E3779B97F4A7C15L; s0 = mix(x);
        x += 0x9E3779B97F4A7C15L; s1 = mix(x);
        x += 0x9E3779B97F4A7C15L; s2 = mix(x);
        x += 0x9E3779B97F4A7C15L; s3 = mix(x);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound), unbiased (Lemire's method). */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive: " + bound);
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Shuffles {@code a} in place (Fisher–Yates from the last element down, one {@link #nextInt} per element but the first). */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Uniform in [low, high). */
    public double uniform(double low, double high) {
        return low + (high - low) * nextDouble();
    }

    /** Standard normal (Marsaglia polar method, no cached spare so state stays four longs). */
    public double nextGaussian() {
        double u, v, s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /** A new generator whose stream is independent of this one's (seeded from this stream). */
    public Rng split() {
        return new Rng(nextLong());
    }

    public long[] state() {
        return new long[] {s0, s1, s2, s3};
    }

    public void setState(long[] state) {
        if (state.length != 4) throw new IllegalArgumentException("xoshiro256 state has 4 longs");
        s0 = state[0]; s1 = state[1]; s2 = state[2]; s3 = state[3];
    }

    public static Rng fromState(long[] state) {
        return new Rng(state);
    }
}
