package dev.simlab.cli;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.plugin.PluginHost;
import dev.simlab.core.run.Json;
import dev.simlab.core.run.SampleScores;
import dev.simlab.core.scenario.GanScenario;
import dev.simlab.core.scenario.Scenario;
import dev.simlab.core.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "score", description = "Score generated samples from any generator with a GAN scenario's dataset, as SimLab's own evaluation "
        + "points score them (mode coverage for mixtures; classifier confidence and entropy, k-NN precision/recall and, on Fashion-MNIST, "
        + "the Fréchet distance fd for images). SAMPLES is a CSV like a run's samples.csv: a header, then one sample per row, optionally "
        + "after a 'label' column (the class a conditional generator was asked for).")
final class ScoreCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "GAN scenario file or built-in name whose dataset scores the samples")
    String scenarioFile;

    @Parameters(index = "1", paramLabel = "SAMPLES", description = "samples CSV (e.g. run-000/samples.csv, or another library's samples)")
    Path samples;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a scenario value, e.g. --set dataset.path=DIR")
    List<String> sets = new ArrayList<>();

    @Option(names = "--json", description = "print the figures as one JSON object instead of a line of text")
    boolean json;

    @Mixin
    SimLab.Common common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (PluginHost host = common.loadPlugins(spec.commandLine().getErr())) {
            Scenario scenario = new ScenarioLoader(host.registry()).load(scenarioFile, sets);
            if (!(scenario instanceof GanScenario gan)) {
                throw new ConfigException(scenarioFile, "", "is an RL scenario (" + EvalCommand.trainedOn(scenario)
                        + "): score takes a GAN scenario, whose dataset scores the samples");
            }
            dev.simlab.nn.Backend.init();
            Map<String, Double> figures = SampleScores.score(gan, samples);
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("samples", samples.toString());
                o.put("dataset", gan.dataset().type().id());
                o.putAll(figures);
                out.println(Json.line(o));
            } else {
                StringBuilder sb = new StringBuilder();
                figures.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(String.format(Locale.ROOT, "%.4g", v)));
                out.printf(Locale.ROOT, "%s scored on %s: %s%n", samples, gan.dataset().type().id(), sb);
            }
        }
        return SimLab.OK;
    }
}
