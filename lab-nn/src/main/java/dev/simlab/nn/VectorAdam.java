package dev.simlab.nn;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import java.io.IOException;

/**
 * Adam on a few parameters kept in Java rather than in a network (PPO's state-independent log
 * std, SAC's log α), with DL4J's Adam constants (β₁ 0.9, β₂ 0.999, ε 1e-8) and its
 * bias-corrected step size, so they move as the networks beside them do.
 */
public final class VectorAdam {
    /** The parameters, updated in place by {@link #step}. */
    public final double[] values;
    private final double[] m, v;
    private long steps;

    public VectorAdam(double... initial) {
        this.values = initial.clone();
        this.m = new double[initial.length];
        this.v = new double[initial.length];
    }

    /** One descent step on {@code grad} (dL/d values) with learning rate {@code lr}. */
    public void step(double[] grad, double lr) {
        steps++;
        double b1 = 0.9, b2 = 0.999;
        double alpha = lr * Math.sqrt(1 - Math.pow(b2, steps)) / (1 - Math.pow(b1, steps));
        for (int j = 0; j < values.length; j++) {
            double g = grad[j];
            m[j] = b1 * m[j] + (1 - b1) * g;
            v[j] = b2 * v[j] + (1 - b2) * g * g;
            values[j] -= alpha * m[j] / (Math.sqrt(v[j]) + 1e-8);
        }
    }

    public void save(CheckpointWriter out, String key) throws IOException {
        out.putDoubles(key, values).putDoubles(key + ".adam_m", m).putDoubles(key + ".adam_v", v).putLong(key + ".steps", steps);
    }

    public void restore(CheckpointReader in, String key) throws IOException {
        copy(in.getDoubles(key), values, key);
        copy(in.getDoubles(key + ".adam_m"), m, key + ".adam_m");
        copy(in.getDoubles(key + ".adam_v"), v, key + ".adam_v");
        steps = in.getLong(key + ".steps");
    }

    private static void copy(double[] from, double[] to, String key) throws IOException {
        if (from.length != to.length) throw new IOException("checkpoint entry '" + key + "' has " + from.length + " values; this agent has " + to.length);
        System.arraycopy(from, 0, to, 0, to.length);
    }
}
