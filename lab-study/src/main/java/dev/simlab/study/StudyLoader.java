package dev.simlab.study;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.param.ConfigNode;
import dev.simlab.core.param.Suggest;
import dev.simlab.core.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a study file into a {@link StudySpec}: data only, like scenarios, with the same one-line
 * {@code file:line: key: problem} errors (exit status 2). Scenario paths are relative to the study
 * file's folder (or built-in scenario names).
 */
public final class StudyLoader {
    static final List<String> TOP_LEVEL = List.of("name", "description", "scenario", "compare", "search", "seeds", "objective", "prune", "retries",
            "provenance");
    static final List<String> SEARCH = List.of("method", "trials", "seed", "space", "lag");

    /**
     * Trials that may run ahead of the proposals they wait for: 1 keeps two trials running (as many
     * as this machine's cores, each trial running its seeds in parallel too) while TPE proposes from
     * all but the latest trial. benchmarks/search-quality.sh measured lag 4 weaker than Optuna's
     * sequential TPE and lag 1 as good.
     */
    static final int DEFAULT_LAG = 1;
    static final List<String> METHODS = List.of("grid", "random", "tpe");
    static final List<String> OBJECTIVE = List.of("metric", "episodes", "goal");

    private StudyLoader() {}

    public static StudySpec load(Path file) {
        ConfigNode root = ScenarioLoader.readYaml(file);
        String src = file.toString();
        if (!root.isMapping()) throw new ConfigException(src, "", "a study is a mapping with keys " + String.join(", ", TOP_LEVEL));
        keys(root, TOP_LEVEL);
        String name = root.get("name") != null ? root.get("name").text() : file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) throw root.get("name").error("use letters, digits, '.', '_' and '-' (it names the study folder)");
        Path dir = file.toAbsolutePath().getParent();
        List<String> scenarios = new ArrayList<>();
        String method;
        int trials = 0;
        long seed = 0;
        int lag = DEFAULT_LAG;
        Map<String, Map<String, Object>> space = new LinkedHashMap<>();
        if (root.get("scenario") != null && root.get("compare") != null) throw root.get("compare").error("give either scenario: (a search) or compare: (a list), not both");
        if (root.get("compare") != null) {
            ConfigNode c = root.get("compare");
            if (!c.isSequence() || c.items().size() < 2) throw c.error("compare: needs a list of at least two scenarios");
            for (ConfigNode item : c.items()) scenarios.add(scenarioPath(dir, item));
            if (root.get("search") != null) throw root.get("search").error("a compare study runs its scenarios as they are; drop search:");
            method = "compare";
        } else {
            if (root.get("scenario") == null) throw new ConfigException(src, "scenario", "missing: give scenario: FILE (a search) or compare: [FILES]");
            scenarios.add(scenarioPath(dir, root.get("scenario")));
            ConfigNode search = root.get("search");
            if (search == null || !search.isMapping()) throw new ConfigException(src, "search", "missing: give search: {method, trials, space}");
            keys(search, SEARCH);
            method = search.get("method") == null ? "grid" : search.get("method").text();
            if (!METHODS.contains(method)) throw search.get("method").error("unknown method '" + method + "'; " + Suggest.choices(method, METHODS));
            trials = search.get("trials") == null ? 0 : (int) integer(search.get("trials"), 0, 1_000_000);
            if (trials == 0 && !method.equals("grid")) throw new ConfigException(src, "search.trials", "set the trial budget for " + method + " search");
            seed = search.get("seed") == null ? 0 : integer(search.get("seed"), 0, Long.MAX_VALUE / 2);
            lag = search.get("lag") == null ? DEFAULT_LAG : (int) integer(search.get("lag"), 1, 1024);
            ConfigNode sp = search.get("space");
            if (sp == null || !sp.isMapping() || sp.entries().isEmpty()) throw new ConfigException(src, "search.space", "missing: give at least one key to search");
            for (Map.Entry<String, ConfigNode> e : sp.entries().entrySet()) {
                if (!e.getValue().isMapping()) throw e.getValue().error("expected {values: [...]} or {range: [low, high], log: true}");
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) typed(e.getValue().toPlain());
                space.put(e.getKey(), m);
            }
        }
        if (!space.isEmpty()) dev.simlab.study.search.SearchSpace.parse(src, space); // the space checks its own entries
        int seeds = root.get("seeds") == null ? 1 : (int) integer(root.get("seeds"), 1, 10_000);
        int retries = root.get("retries") == null ? 2 : (int) integer(root.get("retries"), 0, 100);
        return new StudySpec(src, name, scenarios, method, trials, seed, space, seeds, objective(root, src), prune(root), retries, lag);
    }

    private static String scenarioPath(Path dir, ConfigNode n) {
        if (!n.isScalar()) throw n.error("expected a scenario file or built-in name");
        Path p = Path.of(n.text());
        Path rel = p.isAbsolute() ? p : dir.resolve(p);
        if (java.nio.file.Files.isRegularFile(rel)) return rel.normalize().toString();
        if (java.nio.file.Files.isRegularFile(p)) return p.toAbsolutePath().normalize().toString();
        if (ScenarioLoader.builtInNames().contains(n.text().replaceFirst("\\.ya?ml$", ""))) return n.text();
        throw n.error("no such scenario file (relative to the study file's folder) or built-in name; built-in: " + String.join(", ", ScenarioLoader.builtInNames()));
    }

    private static StudySpec.Objective objective(ConfigNode root, String src) {
        ConfigNode o = root.get("objective");
        if (o == null || !o.isMapping()) throw new ConfigException(src, "objective", "missing: give objective: {metric: NAME, goal: max}");
        keys(o, OBJECTIVE);
        if (o.get("metric") == null) throw o.error("missing 'metric' (a summary.json figure such as final_eval_return_mean, or a metrics.csv column with episodes:)");
        String goal = o.get("goal") == null ? "max" : o.get("goal").text();
        if (!goal.equals("max") && !goal.equals("min")) throw o.get("goal").error("goal is max or min");
        long first = 0, last = 0;
        if (o.get("episodes") != null) {
            ConfigNode ep = o.get("episodes");
            if (!ep.isSequence() || ep.items().size() != 2) throw ep.error("episodes: [first, last], inclusive episode numbers as metrics.csv writes them");
            first = integer(ep.items().get(0), 1, Long.MAX_VALUE);
            last = integer(ep.items().get(1), 1, Long.MAX_VALUE);
            if (last < first) throw ep.error("last episode " + last + " is before the first " + first);
        }
        return new StudySpec.Objective(o.get("metric").text(), first, last, goal.equals("max"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> prune(ConfigNode root) {
        ConfigNode p = root.get("prune");
        if (p == null) return Map.of("method", "none");
        if (!p.isMapping()) throw p.error("expected {method: median|asha|none, ...}");
        Map<String, Object> m = (Map<String, Object>) typed(p.toPlain());
        // the pruner checks its own keys and values
        dev.simlab.study.prune.Pruner.fromSpec(p.where(), m, StudyFolder.direction(root.get("objective") != null
                && root.get("objective").get("goal") != null && root.get("objective").get("goal").text().equals("min")));
        return m;
    }

    /** YAML scalars as the values they read as: whole numbers, decimals, booleans, else text. */
    static Object typed(Object plain) {
        if (plain instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), typed(v)));
            return out;
        }
        if (plain instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) out.add(typed(o));
            return out;
        }
        if (plain instanceof String s) {
            if (s.matches("[-+]?[0-9]+")) {
                try {
                    return Long.parseLong(s);
                } catch (NumberFormatException e) {
                    return s;
                }
            }
            if (s.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) return Double.parseDouble(s);
            if (s.equals("true") || s.equals("false")) return Boolean.parseBoolean(s);
        }
        return plain;
    }

    private static void keys(ConfigNode section, List<String> allowed) {
        for (Map.Entry<String, ConfigNode> e : section.entries().entrySet()) {
            if (!allowed.contains(e.getKey())) throw e.getValue().error("unknown key; " + Suggest.choices(e.getKey(), allowed));
        }
    }

    private static long integer(ConfigNode n, long min, long max) {
        long v;
        try {
            v = Long.parseLong(n.text().trim());
        } catch (NumberFormatException e) {
            throw n.error("expected a whole number, got '" + n.text() + "'");
        }
        if (v < min || v > max) throw n.error(v + " is out of range [" + min + ", " + max + "]");
        return v;
    }
}
