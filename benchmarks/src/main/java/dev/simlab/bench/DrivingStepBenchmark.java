package dev.simlab.bench;

import dev.simlab.core.env.Env;
import dev.simlab.core.env.Step;
import dev.simlab.core.env.TimeLimit;
import dev.simlab.core.param.Params;
import dev.simlab.core.plugin.EnvType;
import dev.simlab.driving.DrivingProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
 * The driving simulation on highway-v0's road (4 lanes, IDM/MOBIL traffic, all pairs checked for
 * collisions) with {@code vehicles} traffic cars: {@code simulationStep} is one 1/15 s simulation
 * step (policy frequency = simulation frequency, so each env step runs exactly one), including the
 * observation and reward; {@code agentStep} is one highway-v0 agent step (15 simulation steps).
 * The ego idles; an episode that ends (the ego crashes, or the 40 s limit) is reset, resets
 * included. Per-vehicle cost should stay about flat from 10 to 200 vehicles.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DrivingStepBenchmark {
    @Param({"10", "50", "100", "200"})
    public int vehicles;

    private Env simulation;
    private Env agent;

    static Env highway(int vehicles, int policyFrequency, int maxSteps) {
        EnvType t = new DrivingProvider().envs().stream().filter(e -> e.id().equals("highway")).findFirst().orElseThrow();
        Map<String, Object> values = new LinkedHashMap<>(t.params().validate(null, Set.of()).asMap());
        values.put("vehicles", (long) vehicles);
        values.put("policy_frequency", (long) policyFrequency);
        return new TimeLimit(t.factory().create(Params.of(values)), maxSteps);
    }

    @Setup(Level.Trial)
    public void setUp() {
        simulation = highway(vehicles, 15, 40 * 15);
        simulation.reset(1);
        agent = highway(vehicles, 1, 40);
        agent.reset(1);
    }

    @Benchmark
    public double simulationStep() {
        Step s = simulation.step(1);
        if (s.done()) s = simulation.reset();
        return s.reward();
    }

    @Benchmark
    public double agentStep() {
        Step s = agent.step(1);
        if (s.done()) s = agent.reset();
        return s.reward();
    }
}
