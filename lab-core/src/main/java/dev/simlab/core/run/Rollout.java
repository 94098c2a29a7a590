package dev.simlab.core.run;

import dev.simlab.core.agent.Actions;
import dev.simlab.core.agent.Agent;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.space.Box;

/**
 * The act → step → observe loop, written once: training, greedy evaluation, {@code simlab eval}
 * and {@code simlab replay} all step through it. One call steps every env copy once.
 */
public final class Rollout {
    private final VectorEnv env;
    private final Agent agent;
    private final Actions actions;
    private final boolean box;

    public Rollout(VectorEnv env, Agent agent) {
        this.env = env;
        this.agent = agent;
        this.box = env.actionSpace() instanceof Box;
        this.actions = new Actions(env.numEnvs(), box ? env.actionSpace().flatSize() : 0);
    }

    public VectorEnv env() {
        return env;
    }

    public Agent agent() {
        return agent;
    }

    /** Training: the agent acts exploring, every copy steps, the agent learns from the transition. */
    public void train() {
        agent.act(env, true, actions);
        stepEnv();
        agent.observe(env, actions);
    }

    /** Evaluation and replay: the agent acts greedily and learns nothing. */
    public void greedy() {
        agent.act(env, false, actions);
        stepEnv();
    }

    private void stepEnv() {
        if (box) env.step(actions.continuous());
        else env.step(actions.discrete());
    }
}
