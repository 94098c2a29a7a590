package dev.simlab.actorcritic;

import dev.simlab.core.agent.Actions;
import dev.simlab.core.agent.Agent;
import dev.simlab.core.env.Env;
import dev.simlab.core.env.Step;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.space.Box;
import dev.simlab.core.space.Space;
import java.util.ArrayList;
import java.util.List;

/** One step per episode: observe x in [-1, 1], act a in [-2, 2], reward −(a − x)². A continuous-control task learnt in seconds. */
final class Target implements Env {
    private final Step step = new Step(1);
    private final Rng rng = new Rng(0);

    public Space observationSpace() {
        return Box.uniform(-1, 1, 1);
    }

    public Space actionSpace() {
        return Box.uniform(-2, 2, 1);
    }

    public Step reset(long seed) {
        rng.setSeed(seed);
        return reset();
    }

    public Step reset() {
        step.observation()[0] = (float) rng.uniform(-1, 1);
        return step.start();
    }

    @Override
    public Step step(float[] action) {
        double d = action[0] - step.observation()[0];
        return step.outcome(-d * d, true, false);
    }

    static VectorEnv copies(int n, long seed) {
        List<Target> envs = new ArrayList<>();
        for (int i = 0; i < n; i++) envs.add(new Target());
        VectorEnv env = new VectorEnv(envs);
        env.reset(seed);
        return env;
    }

    /** {@code vectorSteps} training steps of every copy. */
    static void train(Agent agent, VectorEnv env, int vectorSteps) {
        Actions a = new Actions(env.numEnvs(), 1);
        for (int t = 0; t < vectorSteps; t++) {
            agent.act(env, true, a);
            env.step(a.continuous());
            agent.observe(env, a);
        }
    }

    /** The mean return of the agent's evaluation actions over {@code episodes} fresh targets. */
    static double meanGreedyReturn(Agent agent, int episodes) {
        VectorEnv env = copies(1, 5);
        Actions a = new Actions(1, 1);
        double sum = 0;
        for (int e = 0; e < episodes; e++) {
            agent.act(env, false, a);
            env.step(a.continuous());
            sum += env.episodeReturn(0);
        }
        return sum / episodes;
    }
}
