package dev.simlab.core.env;

import dev.simlab.core.space.Box;

/**
 * Clips every Box action element into the action space's bounds before the env sees it, as
 * Gymnasium's {@code ClipAction} and Stable-Baselines3's {@code np.clip(actions, low, high)} for
 * unsquashed Gaussian policies. The action space stays the env's, so agents still see the bounds.
 */
public final class ClipAction extends Wrapper {
    private final Box bounds;
    private final float[] scratch;

    public ClipAction(Env env) {
        super(env);
        if (!(env.actionSpace() instanceof Box box)) throw new IllegalArgumentException("clipping needs Box actions, not " + env.actionSpace().describe());
        this.bounds = box;
        this.scratch = new float[box.flatSize()];
    }

    @Override
    public Step step(float[] action) {
        for (int i = 0; i < scratch.length; i++) {
            float a = action[i];
            // NaN stays NaN: the env refuses it rather than acting on a bound by accident
            scratch[i] = a < bounds.low(i) ? bounds.low(i) : a > bounds.high(i) ? bounds.high(i) : a;
        }
        return env.step(scratch);
    }
}
