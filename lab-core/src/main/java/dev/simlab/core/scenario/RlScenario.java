package dev.simlab.core.scenario;

import java.util.List;
import java.util.Map;

/** An env and an agent: trained by {@code run.episodes} or {@code run.steps}, evaluated greedily. */
public record RlScenario(String name, String description, String source, EnvSpec env, AgentSpec agent, RunPlan run, RlPlan plan,
                         Map<String, Object> resolved) implements Scenario {
    @Override
    public List<Part> parts() {
        return List.of(new Part("env", env.type().id(), env.origin()), new Part("agent", agent.type().id(), agent.origin()));
    }

    @Override
    public String budget() {
        return plan.episodes() > 0 ? plan.episodes() + " episodes" : plan.steps() + " env steps";
    }

    @Override
    public boolean usesNeuralNetworks() {
        return agent.type().usesNeuralNetworks();
    }
}
