package dev.simlab.cli;

import dev.simlab.core.env.Env;
import dev.simlab.core.env.Step;
import dev.simlab.core.plugin.PluginHost;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.scenario.Scenario;
import dev.simlab.core.scenario.ScenarioLoader;
import dev.simlab.core.space.Box;
import dev.simlab.core.space.Discrete;
import dev.simlab.core.space.Space;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "bench-env", description = "Measure raw env steps per second under a uniformly random policy "
        + "(one thread, time limit applied, resets included): the median of several timed repeats after a warm-up.")
final class BenchEnvCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "env id")
    String id;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1000000", description = "steps per timed repeat (default ${DEFAULT-VALUE})")
    long steps;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "5", description = "timed repeats (default ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "env parameter")
    List<String> sets = new ArrayList<>();

    @Mixin
    SimLab.Common common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (steps <= 0 || repeats <= 0) {
            throw new dev.simlab.core.param.ConfigException("--steps/--repeats", "", "must be positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (PluginHost host = common.loadPlugins(spec.commandLine().getErr())) {
            Scenario.EnvSpec spec = new ScenarioLoader(host.registry()).loadEnv(id, sets);
            try (Env env = spec.build()) {
                Rng rng = new Rng(1);
                env.reset(1);
                play(env, rng, Math.max(10_000, steps / 5));
                double[] rates = new double[repeats];
                long episodes = 0;
                for (int r = 0; r < repeats; r++) {
                    long t0 = System.nanoTime();
                    episodes += play(env, rng, steps);
                    rates[r] = steps / ((System.nanoTime() - t0) / 1e9);
                }
                double[] sorted = rates.clone();
                Arrays.sort(sorted);
                double median = sorted[repeats / 2];
                out.printf(Locale.ROOT, "%s: %,.0f steps/s (median of %d x %,d steps; min %,.0f, max %,.0f; %d episodes)%n",
                        id, median, repeats, steps, sorted[0], sorted[repeats - 1], episodes);
            }
        }
        return SimLab.OK;
    }

    /** Plays random actions; returns the number of finished episodes. */
    private static long play(Env env, Rng rng, long n) {
        Space a = env.actionSpace();
        int[] d = new int[1];
        float[] box = new float[a instanceof Box b ? b.flatSize() : 0];
        boolean discrete = a instanceof Discrete;
        long episodes = 0;
        for (long i = 0; i < n; i++) {
            a.sample(rng, d, 0, box, 0);
            Step s = discrete ? env.step(d[0]) : env.step(box);
            if (s.done()) {
                episodes++;
                env.reset();
            }
        }
        return episodes;
    }
}
