package dev.simlab.core.env;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import java.io.IOException;
import java.util.Arrays;

/**
 * Running mean and variance per element, as Stable-Baselines3's {@code RunningMeanStd}: starts
 * at mean 0, variance 1 and a count of 1e-4 (so the first value dominates at once without a
 * division by zero), and folds in each new value with Chan et al.'s parallel update, in float64.
 * Shared by the env copies of one run and read (never updated) by its evaluation envs.
 */
public final class RunningMeanStd {
    /** SB3's initial count. */
    static final double INITIAL_COUNT = 1e-4;

    private final double[] mean;
    private final double[] var;
    private double count = INITIAL_COUNT;

    public RunningMeanStd(int size) {
        this.mean = new double[size];
        this.var = new double[size];
        Arrays.fill(var, 1.0);
    }

    public int size() {
        return mean.length;
    }

    public double mean(int i) {
        return mean[i];
    }

    public double var(int i) {
        return var[i];
    }

    public double count() {
        return count;
    }

    /** Folds in one value per element ({@code x[offset .. offset + size)}): a batch of one, variance 0. */
    public void update(float[] x, int offset) {
        double total = count + 1;
        for (int i = 0; i < mean.length; i++) {
            double delta = x[offset + i] - mean[i];
            double m2 = var[i] * count + delta * delta * count / total;
            mean[i] += delta / total;
            var[i] = m2 / total;
        }
        count = total;
    }

    /** Folds in one scalar (a size-1 statistic such as the discounted return). */
    public void update(double x) {
        double total = count + 1;
        double delta = x - mean[0];
        double m2 = var[0] * count + delta * delta * count / total;
        mean[0] += delta / total;
        var[0] = m2 / total;
        count = total;
    }

    /** Writes mean, variance and count under {@code prefix}. */
    public void save(CheckpointWriter out, String prefix) throws IOException {
        out.putDoubles(prefix + "mean", mean);
        out.putDoubles(prefix + "var", var);
        out.putDouble(prefix + "count", count);
    }

    /** Restores what {@link #save} wrote; statistics of another size are an {@link IOException}, leaving these untouched. */
    public void restore(CheckpointReader in, String prefix) throws IOException {
        double[] m = in.getDoubles(prefix + "mean");
        double[] v = in.getDoubles(prefix + "var");
        double c = in.getDouble(prefix + "count");
        if (m.length != mean.length || v.length != var.length) {
            throw new IOException("checkpoint entry '" + prefix + "mean' has " + m.length + " values; these statistics have " + mean.length);
        }
        System.arraycopy(m, 0, mean, 0, m.length);
        System.arraycopy(v, 0, var, 0, v.length);
        count = c;
    }
}
