package dev.simlab.core.agent;

/**
 * The actions an agent chose for every copy of a {@link dev.simlab.core.env.VectorEnv}: one int
 * per copy for Discrete action spaces, or {@code actionSize} floats per copy for Box ones.
 * Owned by the run loop and reused every step.
 */
public final class Actions {
    private final int[] discrete;
    private final float[] continuous;
    private final int actionSize;

    public Actions(int numEnvs, int actionSize) {
        this.discrete = new int[numEnvs];
        this.actionSize = actionSize;
        this.continuous = new float[numEnvs * actionSize];
    }

    public int[] discrete() {
        return discrete;
    }

    public float[] continuous() {
        return continuous;
    }

    /** Floats per copy in {@link #continuous()}; 0 for Discrete action spaces. */
    public int actionSize() {
        return actionSize;
    }
}
