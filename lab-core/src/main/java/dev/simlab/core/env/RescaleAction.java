package dev.simlab.core.env;

import dev.simlab.core.space.Box;
import dev.simlab.core.space.Space;

/**
 * Lets the agent act in {@code [-1, 1]} per element and maps that linearly onto the env's Box
 * bounds, as Gymnasium's {@code RescaleAction(env, -1, 1)}: {@code low + (high - low) * (a + 1) / 2}.
 * Policies with tanh outputs or unit Gaussians then fit every env. Needs finite bounds.
 */
public final class RescaleAction extends Wrapper {
    private final Box bounds;
    private final Box space;
    private final float[] scratch;

    public RescaleAction(Env env) {
        super(env);
        if (!(env.actionSpace() instanceof Box box)) throw new IllegalArgumentException("rescaling needs Box actions, not " + env.actionSpace().describe());
        for (int i = 0; i < box.flatSize(); i++) {
            if (!Float.isFinite(box.low(i)) || !Float.isFinite(box.high(i))) {
                throw new IllegalArgumentException("rescaling needs finite action bounds; element " + i + " has [" + box.low(i) + ", " + box.high(i) + "]");
            }
        }
        this.bounds = box;
        this.space = Box.uniform(-1, 1, box.shape());
        this.scratch = new float[box.flatSize()];
    }

    @Override
    public Space actionSpace() {
        return space;
    }

    @Override
    public Step step(float[] action) {
        for (int i = 0; i < scratch.length; i++) {
            float lo = bounds.low(i), hi = bounds.high(i);
            scratch[i] = lo + (hi - lo) * ((action[i] + 1f) / 2f);
        }
        return env.step(scratch);
    }
}
