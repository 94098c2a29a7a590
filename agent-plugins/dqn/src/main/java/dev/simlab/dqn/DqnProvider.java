package dev.simlab.dqn;

import dev.simlab.core.plugin.AgentProvider;
import dev.simlab.core.plugin.AgentType;
import java.util.List;
import org.pf4j.Extension;

@Extension
public class DqnProvider implements AgentProvider {
    @Override
    public List<AgentType> agents() {
        return List.of(new AgentType("dqn", "deep Q-network on DL4J: double DQN, target network, n-step returns, Huber loss, batched over env copies",
                DqnHyperparameters.SCHEMA, true, (context, params) -> new Dqn(context, DqnHyperparameters.from(params))));
    }
}
