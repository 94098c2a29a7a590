package dev.simlab.core.env;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import java.io.IOException;

/**
 * Cuts episodes off after {@code maxEpisodeSteps} steps by setting {@code truncated}, never
 * {@code terminated}: the last state still has a value and learners bootstrap from it.
 */
public final class TimeLimit extends Wrapper {
    private final int maxEpisodeSteps;
    private int elapsed;

    public TimeLimit(Env env, int maxEpisodeSteps) {
        super(env);
        if (maxEpisodeSteps <= 0) throw new IllegalArgumentException("maxEpisodeSteps must be positive");
        this.maxEpisodeSteps = maxEpisodeSteps;
    }

    public int maxEpisodeSteps() {
        return maxEpisodeSteps;
    }

    @Override
    public Step reset(long seed) {
        elapsed = 0;
        return env.reset(seed);
    }

    @Override
    public Step reset() {
        elapsed = 0;
        return env.reset();
    }

    @Override
    public Step step(int action) {
        return limit(env.step(action));
    }

    @Override
    public Step step(float[] action) {
        return limit(env.step(action));
    }

    @Override
    public void saveState(CheckpointWriter out, String prefix) throws IOException {
        out.putLong(prefix + "time_limit.elapsed", elapsed);
        env.saveState(out, prefix);
    }

    @Override
    public void restoreState(CheckpointReader in, String prefix) throws IOException {
        elapsed = (int) in.getLong(prefix + "time_limit.elapsed");
        env.restoreState(in, prefix);
    }

    private Step limit(Step s) {
        if (++elapsed >= maxEpisodeSteps && !s.terminated()) s.truncate();
        return s;
    }
}
