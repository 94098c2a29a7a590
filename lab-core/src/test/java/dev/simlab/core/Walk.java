package dev.simlab.core;

import dev.simlab.core.env.Env;
import dev.simlab.core.env.Step;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.space.Box;
import dev.simlab.core.space.Discrete;
import dev.simlab.core.space.Space;

/** A test env with Box observations: cells 0..n-1 seen as x/(n-1); right end pays 1 and ends, left end ends with 0. */
public final class Walk implements Env {
    private final int n;
    private final Step step = new Step(1);
    private final Rng rng = new Rng(0);
    private int pos;

    public Walk(int n) {
        this.n = n;
    }

    @Override
    public Space observationSpace() {
        return Box.uniform(0, 1, 1);
    }

    @Override
    public Space actionSpace() {
        return new Discrete(2);
    }

    @Override
    public Step reset(long seed) {
        rng.setSeed(seed);
        return reset();
    }

    @Override
    public Step reset() {
        pos = 1 + rng.nextInt(n - 2);
        step.observation()[0] = pos / (float) (n - 1);
        return step.start();
    }

    @Override
    public Step step(int action) {
        pos += action == 1 ? 1 : -1;
        step.observation()[0] = pos / (float) (n - 1);
        boolean right = pos == n - 1, left = pos == 0;
        return step.outcome(right ? 1 : -0.01, right || left, false);
    }

    /**
     * The mean return of {@code agent}'s evaluation actions (explore false) over the first
     * {@code episodes} episodes of copy 0 of {@code env}, a reset env of Discrete actions: the
     * greedy score agent tests compare before and after training.
     */
    public static double greedyReturn(dev.simlab.core.agent.Agent agent, dev.simlab.core.env.VectorEnv env, int episodes) {
        dev.simlab.core.agent.Actions a = new dev.simlab.core.agent.Actions(env.numEnvs(), 0);
        double sum = 0;
        for (int done = 0; done < episodes; ) {
            agent.act(env, false, a);
            env.step(a.discrete());
            if (env.done(0)) {
                sum += env.episodeReturn(0);
                done++;
            }
        }
        return sum / episodes;
    }
}
