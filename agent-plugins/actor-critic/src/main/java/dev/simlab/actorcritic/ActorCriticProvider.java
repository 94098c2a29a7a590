package dev.simlab.actorcritic;

import dev.simlab.core.plugin.AgentProvider;
import dev.simlab.core.plugin.AgentType;
import java.util.List;
import org.pf4j.Extension;

@Extension
public class ActorCriticProvider implements AgentProvider {
    @Override
    public List<AgentType> agents() {
        return List.of(new AgentType("ppo", "proximal policy optimization on DL4J: clipped surrogate, GAE(lambda), categorical policy, rollouts on the env copies",
                PpoHyperparameters.SCHEMA, true, (context, params) -> new Ppo(context, PpoHyperparameters.from(params))),
                new AgentType("sac", "soft actor-critic on DL4J: twin critics, tanh-squashed Gaussian policy, automatic entropy tuning, replay (Box actions)",
                        SacHyperparameters.SCHEMA, true, (context, params) -> new Sac(context, SacHyperparameters.from(params))));
    }
}
