package dev.simlab.core.env;

import dev.simlab.core.space.Box;
import dev.simlab.core.space.Space;

/**
 * Standardises Box observations with a running mean and variance, as Gymnasium's
 * {@code NormalizeObservation} and Stable-Baselines3's {@code VecNormalize}: {@code clip((obs -
 * mean) / sqrt(var + epsilon), -clip, clip)}. While training, every observation (first ones of
 * episodes included) first updates the statistics; for evaluation the same statistics are read
 * frozen ({@code update = false}), as SB3's {@code training = False}. The statistics are shared by
 * the copies of a run, and checkpointed by the run ({@link Normalization}), not by each copy.
 */
public final class NormalizeObservation extends Wrapper {
    private final RunningMeanStd stats;
    private final boolean update;
    private final double clip;
    private final double epsilon;
    private final Box space;

    public NormalizeObservation(Env env, RunningMeanStd stats, boolean update, double clip, double epsilon) {
        super(env);
        if (!(env.observationSpace() instanceof Box box)) {
            throw new IllegalArgumentException("observation normalisation needs Box observations, not " + env.observationSpace().describe());
        }
        if (stats.size() != box.flatSize()) throw new IllegalArgumentException("statistics of " + stats.size() + " values for observations of " + box.flatSize());
        this.stats = stats;
        this.update = update;
        this.clip = clip;
        this.epsilon = epsilon;
        this.space = Box.uniform((float) -clip, (float) clip, box.shape());
    }

    /** Normalised observations lie within ±clip. */
    @Override
    public Space observationSpace() {
        return space;
    }

    @Override
    public Step reset(long seed) {
        return normalize(env.reset(seed));
    }

    @Override
    public Step reset() {
        return normalize(env.reset());
    }

    @Override
    public Step step(int action) {
        return normalize(env.step(action));
    }

    @Override
    public Step step(float[] action) {
        return normalize(env.step(action));
    }

    /** In place: the Step's observation array is the env's, overwritten by its next call anyway. */
    private Step normalize(Step s) {
        float[] o = s.observation();
        if (update) stats.update(o, 0);
        for (int i = 0; i < o.length; i++) {
            double z = (o[i] - stats.mean(i)) / Math.sqrt(stats.var(i) + epsilon);
            o[i] = (float) Math.max(-clip, Math.min(clip, z));
        }
        return s;
    }
}
