package dev.simlab.core.agent;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.scene.StateValues;
import java.io.IOException;
import java.util.Map;

/**
 * A learner that acts on a {@link VectorEnv} (one copy for tabular agents, several for agents
 * that batch network calls). The run loop calls, every step:
 * <pre>
 *   agent.act(env, true, actions);   // choose, exploring
 *   env.step(actions...);
 *   agent.observe(env, actions);     // learn from previous → next, per copy
 * </pre>
 * {@code observe} sees, for each copy {@code i}: the observation acted in
 * ({@code previousStates/previousObservations}), the action, the reward, the observation that
 * followed ({@code nextStates/nextObservations}), and {@code terminated[i]} and
 * {@code truncated[i]} separately: bootstrap on truncation, never on termination.
 * Greedy evaluation calls {@code act(env, false, actions)} and never {@code observe}.
 */
public interface Agent extends AutoCloseable {
    void act(VectorEnv env, boolean explore, Actions out);

    void observe(VectorEnv env, Actions taken);

    /**
     * Gauges worth plotting now (ε, α, gradient steps…), written to metrics at episode ends. A pure
     * read: the loop and viewers may call it any number of times without changing the run.
     * Averaged figures (TD loss, mean Q) go to {@link AgentContext#metrics()} instead.
     */
    default Map<String, Double> metrics() {
        return Map.of();
    }

    /** Per-state values and greedy actions for the viewer's overlays, or null when not meaningful. */
    default StateValues stateValues() {
        return null;
    }

    /** Writes the full learning state: tables or networks, optimiser state, RNG, counters. */
    void save(CheckpointWriter out) throws IOException;

    /** Restores what {@link #save} wrote, into an agent built with the same parameters. */
    void restore(CheckpointReader in) throws IOException;

    @Override
    default void close() {}
}
