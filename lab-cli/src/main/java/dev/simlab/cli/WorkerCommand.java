package dev.simlab.cli;

import dev.simlab.core.plugin.PluginHost;
import dev.simlab.study.StudyFolder;
import dev.simlab.study.StudySpec;
import dev.simlab.study.TrialRunner;
import dev.simlab.study.Worker;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "worker", description = "A long-lived trial worker for 'simlab study' (started by it; talks JSON Lines on stdin/stdout).")
final class WorkerCommand implements Callable<Integer> {
    @Parameters(paramLabel = "STUDY_DIR", description = "the study folder")
    Path dir;

    @Mixin
    SimLab.Common common;

    @Override
    public Integer call() throws Exception {
        // the protocol owns standard output: whatever a plugin prints goes to the worker's log instead
        PrintStream protocol = System.out;
        System.setOut(System.err);
        StudySpec spec = StudyFolder.read(dir);
        try (PluginHost host = common.loadPlugins(new java.io.PrintWriter(System.err, true))) {
            if (new TrialRunner(host.registry(), spec).scenario(new dev.simlab.study.Trial(0, "", spec.scenarios().get(0), java.util.Map.of()))
                    .usesNeuralNetworks()) {
                dev.simlab.nn.Backend.init();
            }
            Worker.serve(System.in, protocol, new TrialRunner(host.registry(), spec), dir);
        }
        return SimLab.OK;
    }
}
