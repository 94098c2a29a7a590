package dev.simlab.dqn;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.rng.Rng;
import java.io.IOException;

/**
 * Proportional prioritized replay (Schaul et al. 2016) over the slots of a {@link dev.simlab.nn.ReplayBuffer}:
 * slot i is drawn with probability p_i / Σp, where p_i = (|δ_i| + ε)^α from its last TD error;
 * new transitions get the largest priority seen so far, so each is replayed at least once soon.
 * A sum tree (array-backed, leaves at {@code [capacity, 2·capacity)}) makes drawing and updating
 * O(log n). Draws are stratified: one per equal slice of the total mass.
 */
final class Priorities {
    private final int capacity;
    private final double[] tree;
    private final double alpha;
    private final double epsilon;
    private double maxPriority = 1;

    Priorities(int capacity, double alpha, double epsilon) {
        this.capacity = capacity;
        this.tree = new double[2 * capacity];
        this.alpha = alpha;
        this.epsilon = epsilon;
    }

    /** A new transition went into {@code slot}. */
    void added(int slot) {
        set(slot, maxPriority);
    }

    /** Records the TD error just measured on {@code slot}. */
    void update(int slot, double tdError) {
        double p = Math.pow(Math.abs(tdError) + epsilon, alpha);
        maxPriority = Math.max(maxPriority, p);
        set(slot, p);
    }

    private void set(int slot, double p) {
        int i = slot + capacity;
        double delta = p - tree[i];
        for (; i >= 1; i >>= 1) tree[i] += delta;
    }

    double total() {
        return tree[1];
    }

    double priority(int slot) {
        return tree[slot + capacity];
    }

    /**
     * Draws {@code indices.length} slots, one per stratum, and writes each one's importance-sampling
     * weight (N·P(i))^−β, divided by the largest weight of the batch, into {@code weights}.
     */
    void sample(Rng rng, int size, double beta, int[] indices, float[] weights) {
        int b = indices.length;
        double total = total();
        double slice = total / b;
        double maxW = 0;
        for (int k = 0; k < b; k++) {
            double u = (k + rng.nextDouble()) * slice;
            int i = 1;
            while (i < capacity) {
                int left = 2 * i;
                if (u < tree[left] || tree[left + 1] <= 0) {
                    i = left;
                } else {
                    u -= tree[left];
                    i = left + 1;
                }
            }
            int slot = Math.min(i - capacity, size - 1);
            indices[k] = slot;
            double prob = Math.max(tree[slot + capacity], 1e-12) / total;
            double w = Math.pow(size * prob, -beta);
            weights[k] = (float) w;
            maxW = Math.max(maxW, w);
        }
        for (int k = 0; k < b; k++) weights[k] /= (float) maxW;
    }

    void save(CheckpointWriter out) throws IOException {
        double[] leaves = new double[capacity];
        System.arraycopy(tree, capacity, leaves, 0, capacity);
        out.putDoubles("per.priorities", leaves).putDoubles("per.max", new double[] {maxPriority});
    }

    void restore(CheckpointReader in) throws IOException {
        double[] leaves = in.getDoubles("per.priorities");
        if (leaves.length != capacity) throw new IOException("checkpoint priorities have another capacity");
        java.util.Arrays.fill(tree, 0);
        for (int s = 0; s < capacity; s++) set(s, leaves[s]);
        maxPriority = in.getDoubles("per.max")[0];
    }
}
