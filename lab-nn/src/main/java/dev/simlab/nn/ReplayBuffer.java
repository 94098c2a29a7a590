package dev.simlab.nn;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.rng.Rng;
import java.io.IOException;
import java.util.Arrays;

/**
 * The off-policy agents' replay buffer (DQN's and SAC's): a circular buffer of transitions on
 * preallocated primitive arrays. Each entry holds the observation, the action (a Discrete index
 * in {@link #actions}, or {@code actionSize} floats of a Box action in {@link #boxActions}), the
 * (n-step) return, the observation it led to, the discount to apply to that observation's value,
 * and {@code terminated} and {@code truncated} separately: targets bootstrap from a truncated
 * transition's next observation but never from a terminated one's.
 */
public final class ReplayBuffer {
    public final int capacity;
    public final int obsSize;
    /** Floats per Box action, or 0 for Discrete actions. */
    public final int actionSize;
    public final float[] obs;
    public final float[] nextObs;
    /** Discrete actions (null for Box actions). */
    public final int[] actions;
    /** Box actions, {@code actionSize} per entry (null for Discrete actions). */
    public final float[] boxActions;
    public final float[] returns;
    public final float[] discounts;
    public final boolean[] terminated;
    public final boolean[] truncated;
    private int next;
    private int size;
    private java.util.function.IntConsumer onAdd = slot -> {};

    /** A buffer of Discrete actions. */
    public ReplayBuffer(int capacity, int obsSize) {
        this(capacity, obsSize, 0);
    }

    /** A buffer of Box actions of {@code actionSize} floats, or of Discrete actions when it is 0. */
    public ReplayBuffer(int capacity, int obsSize, int actionSize) {
        this.capacity = capacity;
        this.obsSize = obsSize;
        this.actionSize = actionSize;
        this.obs = new float[Math.multiplyExact(capacity, obsSize)];
        this.nextObs = new float[capacity * obsSize];
        this.actions = actionSize == 0 ? new int[capacity] : null;
        this.boxActions = actionSize == 0 ? null : new float[Math.multiplyExact(capacity, actionSize)];
        this.returns = new float[capacity];
        this.discounts = new float[capacity];
        this.terminated = new boolean[capacity];
        this.truncated = new boolean[capacity];
    }

    public int size() {
        return size;
    }

    /** The slot the next transition goes to. */
    public int nextSlot() {
        return next;
    }

    /** Tells {@code listener} the slot of every transition added (prioritized replay gives it a priority). */
    public void onAdd(java.util.function.IntConsumer listener) {
        this.onAdd = listener;
    }

    /** Copies one transition with a Discrete action in, overwriting the oldest when full. */
    public void add(float[] o, int oOffset, int action, double ret, float[] next, int nOffset, double discount, boolean term, boolean trunc) {
        actions[this.next] = action;
        store(o, oOffset, ret, next, nOffset, discount, term, trunc);
    }

    /** Copies one transition with the Box action {@code a[aOffset .. aOffset + actionSize)} in, overwriting the oldest when full. */
    public void add(float[] o, int oOffset, float[] a, int aOffset, double ret, float[] next, int nOffset, double discount, boolean term,
                    boolean trunc) {
        System.arraycopy(a, aOffset, boxActions, this.next * actionSize, actionSize);
        store(o, oOffset, ret, next, nOffset, discount, term, trunc);
    }

    private void store(float[] o, int oOffset, double ret, float[] next, int nOffset, double discount, boolean term, boolean trunc) {
        System.arraycopy(o, oOffset, obs, this.next * obsSize, obsSize);
        System.arraycopy(next, nOffset, nextObs, this.next * obsSize, obsSize);
        returns[this.next] = (float) ret;
        discounts[this.next] = (float) discount;
        terminated[this.next] = term;
        truncated[this.next] = trunc;
        onAdd.accept(this.next);
        this.next = (this.next + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    /** Draws {@code indices.length} entries uniformly with replacement. */
    public void sample(Rng rng, int[] indices) {
        for (int i = 0; i < indices.length; i++) indices[i] = rng.nextInt(size);
    }

    /** Only the filled slots (a buffer fills slots 0, 1, … before it wraps), so a large, young buffer makes a small checkpoint. */
    public void save(CheckpointWriter out) throws IOException {
        out.putLong("buffer.next", next).putLong("buffer.size", size)
                .putFloats("buffer.obs", Arrays.copyOf(obs, size * obsSize)).putFloats("buffer.next_obs", Arrays.copyOf(nextObs, size * obsSize))
                .putFloats("buffer.returns", Arrays.copyOf(returns, size)).putFloats("buffer.discounts", Arrays.copyOf(discounts, size))
                .putBooleans("buffer.terminated", Arrays.copyOf(terminated, size)).putBooleans("buffer.truncated", Arrays.copyOf(truncated, size));
        if (actions != null) out.putInts("buffer.actions", Arrays.copyOf(actions, size));
        else out.putFloats("buffer.box_actions", Arrays.copyOf(boxActions, size * actionSize));
    }

    public void restore(CheckpointReader in) throws IOException {
        int n = (int) in.getLong("buffer.size");
        float[] o = in.getFloats("buffer.obs");
        if (n > capacity || o.length != n * obsSize) throw new IOException("checkpoint replay buffer has another capacity or observation size");
        if (actions == null ? !in.has("buffer.box_actions") : !in.has("buffer.actions")) {
            throw new IOException("checkpoint replay buffer holds " + (actions == null ? "Discrete" : "Box") + " actions; this agent's are not");
        }
        System.arraycopy(o, 0, obs, 0, o.length);
        copy(in.getFloats("buffer.next_obs"), nextObs, n * obsSize);
        copy(in.getFloats("buffer.returns"), returns, n);
        copy(in.getFloats("buffer.discounts"), discounts, n);
        boolean[] t = in.getBooleans("buffer.terminated"), u = in.getBooleans("buffer.truncated");
        System.arraycopy(t, 0, terminated, 0, n);
        System.arraycopy(u, 0, truncated, 0, n);
        if (actions != null) System.arraycopy(in.getInts("buffer.actions"), 0, actions, 0, n);
        else copy(in.getFloats("buffer.box_actions"), boxActions, n * actionSize);
        next = (int) in.getLong("buffer.next");
        size = n;
    }

    private static void copy(float[] from, float[] to, int n) throws IOException {
        if (from.length != n) throw new IOException("checkpoint replay buffer entry has " + from.length + " values, expected " + n);
        System.arraycopy(from, 0, to, 0, n);
    }
}
