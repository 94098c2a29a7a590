package dev.simlab.tabular;

import dev.simlab.core.agent.Actions;
import dev.simlab.core.agent.Agent;
import dev.simlab.core.agent.AgentContext;
import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.space.Space;
import java.io.IOException;

/**
 * Uniformly random actions, learning nothing: the baseline every learner must beat. Works on
 * any observation space and on Discrete or Box actions.
 */
public final class RandomAgent implements Agent {
    public static final String ID = "random";

    private final Space actionSpace;
    private final Rng rng;

    public RandomAgent(AgentContext context) {
        this.actionSpace = context.actionSpace();
        this.rng = context.rng();
    }

    @Override
    public void act(VectorEnv env, boolean explore, Actions out) {
        for (int i = 0; i < env.numEnvs(); i++) {
            actionSpace.sample(rng, out.discrete(), i, out.continuous(), i * out.actionSize());
        }
    }

    @Override
    public void observe(VectorEnv env, Actions taken) {}

    @Override
    public void save(CheckpointWriter out) throws IOException {
        out.putString("agent.algorithm", ID);
        out.putLongs("agent.rng", rng.state());
    }

    @Override
    public void restore(CheckpointReader in) throws IOException {
        String saved = in.getString("agent.algorithm");
        if (!saved.equals(ID)) throw new IOException("checkpoint holds a " + saved + " agent, not " + ID);
        rng.setState(in.getLongs("agent.rng"));
    }
}
