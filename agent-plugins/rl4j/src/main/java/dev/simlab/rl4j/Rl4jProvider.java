package dev.simlab.rl4j;

import dev.simlab.core.plugin.AgentProvider;
import dev.simlab.core.plugin.AgentType;
import java.util.List;
import org.pf4j.Extension;

@Extension
public class Rl4jProvider implements AgentProvider {
    @Override
    public List<AgentType> agents() {
        return List.of(new AgentType(Rl4jDqn.ID,
                "RL4J 1.0.0-M1.1's QLearningDiscreteDense on any env with Discrete actions and Box observations (one env copy)",
                Rl4jDqn.SCHEMA, true, Rl4jDqn::new));
    }
}
