package dev.simlab.core.space;

import dev.simlab.core.rng.Rng;

/**
 * The set of valid observations or actions, as Gymnasium's {@code spaces}. Discrete values are
 * carried as {@code int}; Box values as flat {@code float[]} in row-major order of {@link Box#shape()}.
 */
public sealed interface Space permits Discrete, Box {
    /** Number of floats a flat value of this space takes (1 for Discrete, the product of the shape for Box). */
    int flatSize();

    /** Short human description, e.g. {@code Discrete(48)} or {@code Box(-4.8..4.8, [4])}. */
    String describe();

    static Discrete discrete(int n) {
        return new Discrete(n);
    }

    static Box box(float[] low, float[] high) {
        return new Box(low, high, new int[] {low.length});
    }

    /** Samples into the action holder: used by random policies and the env checker. */
    default void sample(Rng rng, int[] discreteOut, int discreteIndex, float[] boxOut, int boxOffset) {
        if (this instanceof Discrete d) discreteOut[discreteIndex] = d.sample(rng);
        else ((Box) this).sample(rng, boxOut, boxOffset);
    }
}
