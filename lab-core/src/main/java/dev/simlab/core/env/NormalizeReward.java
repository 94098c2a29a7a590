package dev.simlab.core.env;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import java.io.IOException;

/**
 * Scales rewards by the running standard deviation of the discounted return, as
 * Stable-Baselines3's {@code VecNormalize(norm_reward=True)} and Gymnasium's
 * {@code NormalizeReward}: each step {@code ret = ret * gamma + reward}, the return statistics
 * fold in {@code ret}, the learner gets {@code clip(reward / sqrt(var + epsilon), -clip, clip)},
 * and {@code ret} restarts at 0 when the episode ends. The mean is not subtracted (that would
 * change which policy is optimal). {@link Step#envReward()} keeps the env's reward, so episode
 * returns in metrics stay the env's. Evaluation envs read the statistics frozen.
 *
 * <p>The discounted return in progress is this copy's own state and goes into its checkpoint;
 * the shared statistics are checkpointed by the run ({@link Normalization}).
 */
public final class NormalizeReward extends Wrapper {
    private final RunningMeanStd stats;
    private final boolean update;
    private final double gamma;
    private final double clip;
    private final double epsilon;
    private double discountedReturn;

    public NormalizeReward(Env env, RunningMeanStd stats, boolean update, double gamma, double clip, double epsilon) {
        super(env);
        if (stats.size() != 1) throw new IllegalArgumentException("return statistics must be a scalar");
        this.stats = stats;
        this.update = update;
        this.gamma = gamma;
        this.clip = clip;
        this.epsilon = epsilon;
    }

    @Override
    public Step reset(long seed) {
        discountedReturn = 0;
        return env.reset(seed);
    }

    @Override
    public Step reset() {
        discountedReturn = 0;
        return env.reset();
    }

    @Override
    public Step step(int action) {
        return scale(env.step(action));
    }

    @Override
    public Step step(float[] action) {
        return scale(env.step(action));
    }

    private Step scale(Step s) {
        discountedReturn = discountedReturn * gamma + s.reward();
        if (update) stats.update(discountedReturn);
        double r = s.reward() / Math.sqrt(stats.var(0) + epsilon);
        s.scaleReward(Math.max(-clip, Math.min(clip, r)));
        if (s.done()) discountedReturn = 0;
        return s;
    }

    @Override
    public void saveState(CheckpointWriter out, String prefix) throws IOException {
        out.putDouble(prefix + "normalize_reward.return", discountedReturn);
        env.saveState(out, prefix);
    }

    @Override
    public void restoreState(CheckpointReader in, String prefix) throws IOException {
        double saved = in.getDouble(prefix + "normalize_reward.return");
        env.restoreState(in, prefix);
        discountedReturn = saved;
    }
}
