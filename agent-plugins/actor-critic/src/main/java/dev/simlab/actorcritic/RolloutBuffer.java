package dev.simlab.actorcritic;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.rng.Rng;
import java.io.IOException;

/**
 * The on-policy rollout of PPO (Stable-Baselines3's {@code RolloutBuffer}): {@code steps} steps
 * of {@code envs} env copies, stored step-major (index {@code t * envs + i}), with each step's
 * observation, action, reward, value estimate and log-probability, then the advantages and
 * returns of generalised advantage estimation (Schulman et al. 2016, GAE(λ)).
 *
 * <p>Termination and truncation stay apart, as everywhere in SimLab: a terminated step's next
 * value is 0; a truncated step's is the critic's value of the observation that ended the
 * episode ({@link #add}'s {@code finalValue}, SB3's {@code rewards += gamma * terminal_value}).
 * Either way the advantage does not flow back across the episode boundary.
 *
 * <p>Arrays are allocated once and reused for every rollout; nothing is allocated while adding.
 */
public final class RolloutBuffer {
    private final int steps;
    private final int envs;
    private final int obsSize;
    private final int actionSize;

    private final float[] observations;
    private final float[] actions;
    private final float[] rewards;
    private final float[] values;
    private final float[] logProbs;
    private final boolean[] terminated;
    private final boolean[] truncated;
    /** Per entry: the value of the final observation where the step was truncated (else unused). */
    private final float[] finalValues;
    private final float[] advantages;
    private final float[] returns;
    private final int[] order;
    private int t;
    private boolean computed;

    /**
     * @param actionSize floats per action: the Box's flat size, or 1 for a Discrete action (its index as a float)
     */
    public RolloutBuffer(int steps, int envs, int obsSize, int actionSize) {
        if (steps <= 0 || envs <= 0 || obsSize <= 0 || actionSize <= 0) throw new IllegalArgumentException("rollout sizes must be positive");
        this.steps = steps;
        this.envs = envs;
        this.obsSize = obsSize;
        this.actionSize = actionSize;
        int n = steps * envs;
        observations = new float[n * obsSize];
        actions = new float[n * actionSize];
        rewards = new float[n];
        values = new float[n];
        logProbs = new float[n];
        terminated = new boolean[n];
        truncated = new boolean[n];
        finalValues = new float[n];
        advantages = new float[n];
        returns = new float[n];
        order = new int[n];
    }

    /** Entries a full rollout holds: steps × envs. */
    public int size() {
        return steps * envs;
    }

    public boolean full() {
        return t == steps;
    }

    /** Empties the buffer for the next rollout (keeps the arrays). */
    public void reset() {
        t = 0;
        computed = false;
    }

    /**
     * Adds one step of every copy (arrays laid out copy after copy, read during the call only).
     *
     * @param finalValues per copy, V(observation that ended the episode) where {@code truncated[i]};
     *     ignored elsewhere (may be null when no copy was truncated)
     */
    public void add(float[] obs, float[] action, double[] reward, boolean[] term, boolean[] trunc, float[] value, float[] logProb,
                    float[] finalValues) {
        if (full()) throw new IllegalStateException("the rollout is full (" + steps + " steps); compute advantages and reset it");
        int base = t * envs;
        System.arraycopy(obs, 0, observations, base * obsSize, envs * obsSize);
        System.arraycopy(action, 0, actions, base * actionSize, envs * actionSize);
        for (int i = 0; i < envs; i++) {
            rewards[base + i] = (float) reward[i];
            terminated[base + i] = term[i];
            truncated[base + i] = trunc[i] && !term[i];
            this.finalValues[base + i] = truncated[base + i] ? finalValues[i] : 0f;
        }
        System.arraycopy(value, 0, values, base, envs);
        System.arraycopy(logProb, 0, logProbs, base, envs);
        t++;
        computed = false;
    }

    /**
     * GAE(λ) over the full rollout, backwards from {@code lastValues} (V of each copy's current
     * observation, the one the next rollout starts from):
     * <pre>
     *   next     = terminated ? 0 : truncated ? V(final observation) : V(s_{t+1})
     *   delta_t  = r_t + gamma * next - V(s_t)
     *   A_t      = delta_t + gamma * lambda * (episode goes on ? A_{t+1} : 0)
     *   return_t = A_t + V(s_t)
     * </pre>
     */
    public void computeReturnsAndAdvantages(float[] lastValues, double gamma, double lambda) {
        if (!full()) throw new IllegalStateException("the rollout has " + t + " of " + steps + " steps");
        for (int i = 0; i < envs; i++) {
            double nextAdvantage = 0;
            double nextValue = lastValues[i];
            for (int s = steps - 1; s >= 0; s--) {
                int k = s * envs + i;
                boolean goesOn = !terminated[k] && !truncated[k];
                double next = terminated[k] ? 0 : truncated[k] ? finalValues[k] : nextValue;
                double delta = rewards[k] + gamma * next - values[k];
                double a = delta + gamma * lambda * (goesOn ? nextAdvantage : 0);
                advantages[k] = (float) a;
                returns[k] = (float) (a + values[k]);
                nextAdvantage = a;
                nextValue = values[k];
            }
        }
        computed = true;
    }

    /**
     * A fresh random order of all entries (Fisher–Yates with the agent's generator), for one
     * epoch of minibatches: entries {@code order[b * batch .. (b + 1) * batch)} form minibatch b.
     */
    public int[] shuffled(Rng rng) {
        requireComputed();
        for (int k = 0; k < order.length; k++) order[k] = k;
        rng.shuffle(order);
        return order;
    }

    public float[] observations() {
        return observations;
    }

    public float[] actions() {
        return actions;
    }

    public float[] values() {
        return values;
    }

    public float[] logProbs() {
        return logProbs;
    }

    public float[] advantages() {
        requireComputed();
        return advantages;
    }

    public float[] returns() {
        requireComputed();
        return returns;
    }

    public int observationSize() {
        return obsSize;
    }

    public int actionSize() {
        return actionSize;
    }

    private void requireComputed() {
        if (!computed) throw new IllegalStateException("advantages are computed once the rollout is full: call computeReturnsAndAdvantages");
    }

    /** Writes the rollout so far (runs checkpoint at episode ends, which fall anywhere in a rollout). */
    public void save(CheckpointWriter out, String prefix) throws IOException {
        out.putLong(prefix + "filled_steps", t);
        out.putFloats(prefix + "observations", observations);
        out.putFloats(prefix + "actions", actions);
        out.putFloats(prefix + "rewards", rewards);
        out.putFloats(prefix + "values", values);
        out.putFloats(prefix + "log_probs", logProbs);
        out.putBooleans(prefix + "terminated", terminated);
        out.putBooleans(prefix + "truncated", truncated);
        out.putFloats(prefix + "final_values", finalValues);
    }

    /** Restores what {@link #save} wrote into a buffer of the same sizes; a bad checkpoint leaves this one as it was. */
    public void restore(CheckpointReader in, String prefix) throws IOException {
        long filled = in.getLong(prefix + "filled_steps");
        if (filled < 0 || filled > steps) throw new IOException("checkpoint entry '" + prefix + "filled_steps' is " + filled + "; this rollout holds " + steps);
        Object[] from = {in.getFloats(prefix + "observations"), in.getFloats(prefix + "actions"), in.getFloats(prefix + "rewards"),
                in.getFloats(prefix + "values"), in.getFloats(prefix + "log_probs"), in.getBooleans(prefix + "terminated"),
                in.getBooleans(prefix + "truncated"), in.getFloats(prefix + "final_values")};
        Object[] to = {observations, actions, rewards, values, logProbs, terminated, truncated, finalValues};
        for (int k = 0; k < to.length; k++) {
            if (java.lang.reflect.Array.getLength(from[k]) != java.lang.reflect.Array.getLength(to[k])) {
                throw new IOException("checkpoint rollout '" + prefix + "' has entries of another size than this rollout's (" + steps + " steps x " + envs + " envs)");
            }
        }
        for (int k = 0; k < to.length; k++) System.arraycopy(from[k], 0, to[k], 0, java.lang.reflect.Array.getLength(to[k]));
        t = (int) filled;
        computed = false;
    }
}
