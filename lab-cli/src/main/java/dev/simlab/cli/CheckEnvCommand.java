package dev.simlab.cli;

import dev.simlab.core.env.EnvChecker;
import dev.simlab.core.plugin.PluginHost;
import dev.simlab.core.scenario.Scenario;
import dev.simlab.core.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check-env", description = "Check that an env keeps the env contract (spaces, observations in bounds, finite "
        + "rewards, seeded determinism, no self-truncation, exact state save/restore where the env claims it), like Gymnasium's check_env.")
final class CheckEnvCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "env id, e.g. cliff-walking")
    String id;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "env parameter, e.g. --set slippery=false")
    List<String> sets = new ArrayList<>();

    @Option(names = "--steps", paramLabel = "N", defaultValue = "5000", description = "random-policy steps to check (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--seed", defaultValue = "42", description = "seed for the check (default ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    SimLab.Common common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (PluginHost host = common.loadPlugins(spec.commandLine().getErr())) {
            Scenario.EnvSpec env = new ScenarioLoader(host.registry()).loadEnv(id, sets);
            EnvChecker.Report r = new EnvChecker(steps).check(() -> env.type().factory().create(env.params()), seed);
            out.println("env " + id + " (" + env.origin() + ")");
            for (String n : r.notes()) out.println("  " + n);
            out.println("  " + r.stepsChecked() + " random steps, " + r.episodes() + " episodes checked");
            if (r.ok()) {
                out.println("OK: the env keeps the contract");
                return SimLab.OK;
            }
            for (String p : r.problems()) out.println("  problem: " + p);
            out.println("FAILED: " + r.problems().size() + " problem" + (r.problems().size() == 1 ? "" : "s"));
            return SimLab.FAILED;
        }
    }
}
