package dev.simlab.cli;

import dev.simlab.core.scenario.ScenarioLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "scenarios", description = "List the built-in scenarios (run them by name or from scenarios/).")
final class ScenariosCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (String name : ScenarioLoader.builtInNames()) spec.commandLine().getOut().println(name);
        return SimLab.OK;
    }
}
