package dev.simlab.core.env;

/**
 * The result of {@link Env#reset} or {@link Env#step}: the observation, the reward, and why the
 * episode may have ended. One instance is owned by each env and overwritten by its next
 * {@code reset}/{@code step}; copy what you need to keep (this is what lets the step path run
 * without allocating).
 *
 * <p>{@code terminated} means the MDP reached a terminal state: the value of what follows is
 * zero, so learners must not bootstrap. {@code truncated} means the episode was cut off from
 * outside (a time limit): the state still has a value, so learners bootstrap from it. An episode
 * ends when either is true.
 */
public final class Step {
    private final float[] observation;
    private int state;
    private double reward;
    private double envReward;
    private boolean terminated;
    private boolean truncated;
    private final Info info = new Info();

    /** @param observationSize flat size of a Box observation, 0 for Discrete observations */
    public Step(int observationSize) {
        this.observation = new float[observationSize];
    }

    /** The Discrete observation (state index); meaningless for Box observation spaces. */
    public int state() {
        return state;
    }

    /** The Box observation as a flat array owned by the env; empty for Discrete observation spaces. */
    public float[] observation() {
        return observation;
    }

    /** The reward the learner gets: the env's, or a reward wrapper's scaling of it. */
    public double reward() {
        return reward;
    }

    /**
     * The reward as the env gave it, before any reward wrapper ({@link NormalizeReward}); episode
     * returns in metrics and evaluations are sums of it, as Stable-Baselines3's {@code Monitor}
     * inside {@code VecNormalize} records them.
     */
    public double envReward() {
        return envReward;
    }

    public boolean terminated() {
        return terminated;
    }

    public boolean truncated() {
        return truncated;
    }

    public boolean done() {
        return terminated || truncated;
    }

    public Info info() {
        return info;
    }

    /** For env implementations: sets the Discrete observation. */
    public Step state(int s) {
        this.state = s;
        return this;
    }

    /** For env implementations and wrappers: sets the outcome of a transition. */
    public Step outcome(double reward, boolean terminated, boolean truncated) {
        this.reward = reward;
        this.envReward = reward;
        this.terminated = terminated;
        this.truncated = truncated;
        return this;
    }

    /** For reward wrappers: replaces the learner's reward, leaving {@link #envReward()} as the env gave it. */
    public Step scaleReward(double scaled) {
        this.reward = scaled;
        return this;
    }

    /** For wrappers: marks the step truncated (a time limit fired) without touching the rest. */
    public Step truncate() {
        this.truncated = true;
        return this;
    }

    /** For env implementations: the first observation of an episode has no reward and no end. */
    public Step start() {
        info.clear();
        return outcome(0, false, false);
    }
}
