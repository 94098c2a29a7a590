package dev.simlab.bench;

import dev.simlab.core.env.Env;
import dev.simlab.core.env.Step;
import dev.simlab.core.rng.Rng;
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

/** One gridworld step under a uniformly random policy (resetting when an episode ends): raw env speed. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GridworldStepBenchmark {
    @Param({"cliff-walking", "windy-gridworld", "frozenlake-8x8"})
    public String envId;

    private Env env;
    private final int[] actions = new int[4096];
    private int i;

    @Setup(Level.Trial)
    public void setUp() {
        env = Components.env(envId);
        env.reset(1);
        Rng rng = new Rng(2);
        int n = ((dev.simlab.core.space.Discrete) env.actionSpace()).n();
        for (int k = 0; k < actions.length; k++) actions[k] = rng.nextInt(n);
    }

    @Benchmark
    public int step() {
        Step s = env.step(actions[i++ & 4095]);
        if (s.done()) s = env.reset();
        return s.state();
    }
}
