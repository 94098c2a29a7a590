package dev.simlab.core.run;

import dev.simlab.core.plugin.PluginHost;
import dev.simlab.core.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes {@code scenario.yaml} in the run folder: the complete resolved scenario (every default
 * filled in) plus what produced the run: SimLab and plugin versions, each run's seed, the compute
 * backend, Java and the command line. Running that file again reproduces the run.
 */
public final class Provenance {
    private Provenance() {}

    public static Map<String, Object> of(Scenario s, String backend, String commandLine) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("simlab_version", PluginHost.apiVersion());
        p.put("source", s.source());
        Map<String, Object> plugins = new LinkedHashMap<>();
        for (Scenario.Part part : s.parts()) plugins.put(part.origin().pluginId(), part.origin().version());
        p.put("plugins", plugins);
        List<Long> seeds = new ArrayList<>();
        for (int k = 0; k < s.run().runs(); k++) seeds.add(s.run().seed(k));
        p.put("run_seeds", seeds);
        p.put("backend", backend);
        p.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        p.put("command", commandLine);
        p.put("started_at", OffsetDateTime.now().withNano(0).toString());
        return p;
    }

    public static void write(Path file, Scenario s, Map<String, Object> provenance) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>(s.resolved());
        doc.put("provenance", provenance);
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setSplitLines(false);
        Map<String, Object> clean = withoutNulls(doc);
        clean.put("provenance", provenance);
        String text = "# Resolved scenario written by SimLab: every value used, and (under provenance, ignored when\n"
                + "# loading) what produced this run. Re-run it into a new folder with: simlab run " + file + "\n" + new Yaml(o).dump(clean);
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> doc) {
        Map<String, Object> m = new LinkedHashMap<>(doc);
        m.values().removeIf(v -> v == null);
        Object run = m.get("run");
        if (run instanceof Map<?, ?> r) {
            Map<Object, Object> copy = new LinkedHashMap<>(r);
            copy.values().removeIf(v -> v == null);
            m.put("run", copy);
        }
        for (String section : List.of("env", "agent", "gan", "dataset")) {
            if (m.get(section) instanceof Map<?, ?> r) {
                Map<Object, Object> copy = new LinkedHashMap<>(r);
                copy.values().removeIf(v -> v == null);
                m.put(section, copy);
            }
        }
        return m;
    }
}
