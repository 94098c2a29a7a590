package com.example.simlab;

import dev.simlab.core.agent.Actions;
import dev.simlab.core.agent.Agent;
import dev.simlab.core.agent.AgentContext;
import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.param.ConfigException;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.space.Discrete;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * Every-visit Monte-Carlo control (Sutton & Barto, section 5.4) on one env copy: play an episode
 * ε-greedily, then move Q(s,a) towards the observed return with a running average per pair.
 */
final class McControl implements Agent {
    private final int states, actions;
    private final double epsilon, gamma;
    private final Rng rng;
    private final double[] q;
    private final long[] counts;
    private int[] episodeStates = new int[1024];
    private int[] episodeActions = new int[1024];
    private double[] episodeRewards = new double[1024];
    private int length;

    McControl(AgentContext context, double epsilon, double gamma) {
        if (!(context.observationSpace() instanceof Discrete obs) || !(context.actionSpace() instanceof Discrete act)) {
            throw new ConfigException("", "agent.id", "mc-control needs Discrete observations and actions");
        }
        if (context.numEnvs() != 1) throw new ConfigException("", "run.num_envs", "mc-control plays one env copy");
        this.states = obs.n();
        this.actions = act.n();
        this.epsilon = epsilon;
        this.gamma = gamma;
        this.rng = context.rng();
        this.q = new double[states * actions];
        this.counts = new long[states * actions];
    }

    @Override
    public void act(VectorEnv env, boolean explore, Actions out) {
        int s = env.states()[0];
        if (explore && rng.nextDouble() < epsilon) {
            out.discrete()[0] = rng.nextInt(actions);
            return;
        }
        int best = 0;
        for (int a = 1; a < actions; a++) if (q[s * actions + a] > q[s * actions + best]) best = a;
        out.discrete()[0] = best;
    }

    @Override
    public void observe(VectorEnv env, Actions taken) {
        if (length == episodeStates.length) {
            episodeStates = Arrays.copyOf(episodeStates, length * 2);
            episodeActions = Arrays.copyOf(episodeActions, length * 2);
            episodeRewards = Arrays.copyOf(episodeRewards, length * 2);
        }
        episodeStates[length] = env.previousStates()[0];
        episodeActions[length] = taken.discrete()[0];
        episodeRewards[length] = env.rewards()[0];
        length++;
        if (!env.done(0)) return;
        double g = 0;
        for (int t = length - 1; t >= 0; t--) {
            g = gamma * g + episodeRewards[t];
            int i = episodeStates[t] * actions + episodeActions[t];
            counts[i]++;
            q[i] += (g - q[i]) / counts[i];
        }
        length = 0;
    }

    @Override
    public Map<String, Double> metrics() {
        return Map.of("epsilon", epsilon);
    }

    @Override
    public void save(CheckpointWriter out) throws IOException {
        out.putDoubles("q", q).putLongs("counts", counts).putLongs("rng", rng.state());
    }

    @Override
    public void restore(CheckpointReader in) throws IOException {
        System.arraycopy(in.getDoubles("q"), 0, q, 0, q.length);
        System.arraycopy(in.getLongs("counts"), 0, counts, 0, counts.length);
        rng.setState(in.getLongs("rng"));
    }
}
