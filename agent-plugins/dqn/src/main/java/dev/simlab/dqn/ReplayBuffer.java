package dev.simlab.dqn;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.rng.Rng;
import java.io.IOException;

/**
 * A circular buffer of transitions on preallocated primitive arrays. Each entry holds the
 * observation, the action, the (n-step) return, the observation it led to, the discount to apply
 * to that observation's value, and {@code terminated} and {@code truncated} separately: targets
 * bootstrap from a truncated transition's next observation but never from a terminated one's.
 */
final class ReplayBuffer {
    final int capacity;
    final int obsSize;
    final float[] obs;
    final float[] nextObs;
    final int[] actions;
    final float[] returns;
    final float[] discounts;
    final boolean[] terminated;
    final boolean[] truncated;
    private int next;
    private int size;
    private java.util.function.IntConsumer onAdd = slot -> {};

    ReplayBuffer(int capacity, int obsSize) {
        this.capacity = capacity;
        this.obsSize = obsSize;
        this.obs = new float[capacity * obsSize];
        this.nextObs = new float[capacity * obsSize];
        this.actions = new int[capacity];
        this.returns = new float[capacity];
        this.discounts = new float[capacity];
        this.terminated = new boolean[capacity];
        this.truncated = new boolean[capacity];
    }

    int size() {
        return size;
    }

    /** The slot the next transition goes to. */
    int nextSlot() {
        return next;
    }

    /** Tells {@code listener} the slot of every transition added (prioritized replay gives it a priority). */
    void onAdd(java.util.function.IntConsumer listener) {
        this.onAdd = listener;
    }

    /** Copies one transition in, overwriting the oldest when full. */
    void add(float[] o, int oOffset, int action, double ret, float[] next, int nOffset, double discount, boolean term, boolean trunc) {
        System.arraycopy(o, oOffset, obs, this.next * obsSize, obsSize);
        System.arraycopy(next, nOffset, nextObs, this.next * obsSize, obsSize);
        actions[this.next] = action;
        returns[this.next] = (float) ret;
        discounts[this.next] = (float) discount;
        terminated[this.next] = term;
        truncated[this.next] = trunc;
        onAdd.accept(this.next);
        this.next = (this.next + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    /** Draws {@code indices.length} entries uniformly with replacement. */
    void sample(Rng rng, int[] indices) {
        for (int i = 0; i < indices.length; i++) indices[i] = rng.nextInt(size);
    }

    void save(CheckpointWriter out) throws IOException {
        out.putLong("buffer.next", next).putLong("buffer.size", size)
                .putFloats("buffer.obs", obs).putFloats("buffer.next_obs", nextObs).putInts("buffer.actions", actions)
                .putFloats("buffer.returns", returns).putFloats("buffer.discounts", discounts)
                .putBooleans("buffer.terminated", terminated).putBooleans("buffer.truncated", truncated);
    }

    void restore(CheckpointReader in) throws IOException {
        float[] o = in.getFloats("buffer.obs");
        if (o.length != obs.length) throw new IOException("checkpoint replay buffer has another capacity or observation size");
        System.arraycopy(o, 0, obs, 0, o.length);
        System.arraycopy(in.getFloats("buffer.next_obs"), 0, nextObs, 0, nextObs.length);
        System.arraycopy(in.getInts("buffer.actions"), 0, actions, 0, capacity);
        System.arraycopy(in.getFloats("buffer.returns"), 0, returns, 0, capacity);
        System.arraycopy(in.getFloats("buffer.discounts"), 0, discounts, 0, capacity);
        System.arraycopy(in.getBooleans("buffer.terminated"), 0, terminated, 0, capacity);
        System.arraycopy(in.getBooleans("buffer.truncated"), 0, truncated, 0, capacity);
        next = (int) in.getLong("buffer.next");
        size = (int) in.getLong("buffer.size");
    }
}
