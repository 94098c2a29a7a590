package dev.simlab.bench;

import dev.simlab.core.agent.Actions;
import dev.simlab.core.agent.Agent;
import dev.simlab.core.env.VectorEnv;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of the run loop on the cliff walk, exactly as {@code TrainingRun} does it:
 * {@code act} (ε-greedy), {@code VectorEnv.step} (with auto-reset), {@code observe} (TD update).
 * Textbook settings: ε = 0.1, α = 0.5, γ = 1.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TabularLoopBenchmark {
    @Param({"q-learning", "sarsa", "expected-sarsa"})
    public String agentId;

    private VectorEnv env;
    private Agent agent;
    private Actions actions;

    @Setup(Level.Trial)
    public void setUp() {
        env = new VectorEnv(List.of(Components.env("cliff-walking")));
        agent = Components.agent(agentId, env, Map.of("epsilon", 0.1, "alpha", 0.5, "gamma", 1.0));
        actions = new Actions(1, 0);
        env.reset(1);
    }

    @Benchmark
    public int trainingStep() {
        agent.act(env, true, actions);
        env.step(actions.discrete());
        agent.observe(env, actions);
        return env.states()[0];
    }
}
