package dev.simlab.cli;

import dev.simlab.core.param.ConfigException;
import dev.simlab.study.Report;
import dev.simlab.study.StudySpec;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "compare", description = "Compare run folders that already exist (e.g. three agents trained separately): the same statistics "
        + "(mean, median, IQM and optimality gap with stratified bootstrap 95% CIs, probability of improvement), plots and page as a "
        + "compare study's report. Each folder's runs are its seeds.")
final class CompareCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", arity = "2..*", description = "run folders (each with summary.json and metrics.csv)")
    List<Path> folders;

    @Option(names = "--metric", paramLabel = "NAME", defaultValue = "final_return_mean",
            description = "a summary.json per-run figure, or a metrics.csv column with --episodes (default ${DEFAULT-VALUE})")
    String metric;

    @Option(names = "--episodes", paramLabel = "FIRST,LAST", split = ",", description = "average --metric's metrics.csv column over these episodes instead")
    List<Long> episodes;

    @Option(names = "--goal", defaultValue = "max", description = "max or min (default ${DEFAULT-VALUE})")
    String goal;

    @Option(names = "--out", paramLabel = "DIR", description = "report folder (default results/compare-<time>)")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!goal.equals("max") && !goal.equals("min")) throw new ConfigException("--goal", "", "max or min, not '" + goal + "'");
        if (episodes != null && (episodes.size() != 2 || episodes.get(0) < 1 || episodes.get(1) < episodes.get(0))) {
            throw new ConfigException("--episodes", "", "give FIRST,LAST with 1 <= FIRST <= LAST");
        }
        StudySpec.Objective o = new StudySpec.Objective(metric, episodes == null ? 0 : episodes.get(0), episodes == null ? 0 : episodes.get(1), goal.equals("max"));
        List<Report.Group> groups = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path f : folders) {
            if (!Files.isRegularFile(f.resolve("summary.json"))) throw new ConfigException(f.toString(), "", "not a run folder (no summary.json)");
            String name = f.toAbsolutePath().normalize().getFileName().toString();
            if (names.contains(name)) name = f.toString();
            names.add(name);
            groups.add(Report.group(name, List.of(f), o, Map.of(), Double.NaN));
        }
        Path dir = out != null ? out : Path.of("results", "compare-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Report.write(dir, new Report.Subject("compare", "Comparison of " + folders.size() + " run folders", o, true, List.of(), List.of()), groups);
        PrintWriter w = spec.commandLine().getOut();
        w.print(Files.readString(dir.resolve("stats.csv"), StandardCharsets.UTF_8));
        w.println("report: " + dir.resolve("index.html"));
        w.flush();
        return SimLab.OK;
    }
}
