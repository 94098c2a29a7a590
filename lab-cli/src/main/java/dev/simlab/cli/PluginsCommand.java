package dev.simlab.cli;

import dev.simlab.core.plugin.PluginHost;
import dev.simlab.core.plugin.Registry;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "plugins", description = "List loaded plugins: id, version, jar, and the env/agent/GAN/dataset ids each provides.")
final class PluginsCommand implements Callable<Integer> {
    @Mixin
    SimLab.Common common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (PluginHost host = common.loadPlugins(spec.commandLine().getErr())) {
            Map<Registry.Origin, List<String>> ids = host.registry().idsByOrigin();
            out.printf("%-16s %-8s %-30s %s%n", "PLUGIN", "VERSION", "JAR", "PROVIDES");
            for (PluginHost.Loaded p : host.plugins().values()) {
                List<String> provided = ids.getOrDefault(new Registry.Origin(p.id(), p.version()), List.of());
                out.printf("%-16s %-8s %-30s %s%n", p.id(), p.version(), p.jar(), String.join(", ", provided));
            }
            if (host.plugins().isEmpty()) out.println("(no plugins loaded from " + common.pluginRoots() + ")");
            for (PluginHost.Problem p : host.problems()) out.println("skipped: " + p);
        }
        return SimLab.OK;
    }
}
