package com.example.simlab;

import dev.simlab.core.param.Param;
import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.plugin.AgentProvider;
import dev.simlab.core.plugin.AgentType;
import java.util.List;
import org.pf4j.Extension;

/** Registers the agent under the id scenarios use in {@code agent.id}. */
@Extension
public class McControlProvider implements AgentProvider {
    @Override
    public List<AgentType> agents() {
        ParamSchema params = ParamSchema.of(
                Param.real("epsilon", 0.1, 0, 1, "exploration rate of the ε-greedy behaviour policy"),
                Param.real("gamma", 1.0, 0, 1, "discount factor"));
        return List.of(new AgentType("mc-control", "every-visit Monte-Carlo control with ε-greedy exploration (example plugin)",
                params, false, (context, p) -> new McControl(context, p.real("epsilon"), p.real("gamma"))));
    }
}
