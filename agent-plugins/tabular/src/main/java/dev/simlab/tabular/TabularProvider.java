package dev.simlab.tabular;

import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.plugin.AgentProvider;
import dev.simlab.core.plugin.AgentType;
import java.util.List;
import org.pf4j.Extension;

/** The tabular agents: Q-learning, SARSA, Expected SARSA and a random baseline. None loads ND4J. */
@Extension
public class TabularProvider implements AgentProvider {
    @Override
    public List<AgentType> agents() {
        ParamSchema td = TabularHyperparameters.SCHEMA;
        return List.of(
                new AgentType(QLearning.ID, "Q-learning: off-policy TD control over a Q table, bootstrapping from max Q(s', ·)",
                        td, false, (context, params) -> new QLearning(context, TabularHyperparameters.from(params))),
                new AgentType(Sarsa.ID, "SARSA: on-policy TD control over a Q table, bootstrapping from the next action it takes",
                        td, false, (context, params) -> new Sarsa(context, TabularHyperparameters.from(params))),
                new AgentType(ExpectedSarsa.ID, "Expected SARSA: TD control bootstrapping from the ε-greedy expectation of Q(s', ·)",
                        td, false, (context, params) -> new ExpectedSarsa(context, TabularHyperparameters.from(params))),
                new AgentType(RandomAgent.ID, "Uniformly random actions: the baseline a learner must beat",
                        ParamSchema.empty(), false, (context, params) -> new RandomAgent(context)));
    }
}
