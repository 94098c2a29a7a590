package dev.simlab.core.scenario;

import dev.simlab.core.env.EnvWrappers;
import dev.simlab.core.param.ConfigException;
import dev.simlab.core.param.ConfigNode;
import dev.simlab.core.param.Origins;
import dev.simlab.core.param.Param;
import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.param.Params;
import dev.simlab.core.param.Suggest;
import dev.simlab.core.plugin.AgentType;
import dev.simlab.core.plugin.DatasetType;
import dev.simlab.core.plugin.EnvType;
import dev.simlab.core.plugin.GanType;
import dev.simlab.core.plugin.Registry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a scenario file, applies {@code --set key=value} overrides, resolves {@code env.id} and
 * {@code agent.id} (or, for a GAN scenario, {@code gan.id} and {@code dataset.id}) against the loaded plugins and validates every value against the declared
 * parameter schemas. Any problem is a {@link ConfigException} naming the file and line (or the
 * option) and the key, with the valid choices.
 */
public final class ScenarioLoader {
    /** {@code provenance} is written by SimLab into a run's scenario.yaml and ignored when loading. */
    static final List<String> TOP_LEVEL = List.of("name", "description", "env", "agent", "gan", "dataset", "run", "provenance");
    static final Set<String> ENV_RESERVED = Set.of("id", "max_episode_steps");
    static final Set<String> AGENT_RESERVED = Set.of("id");
    /** Scenarios shipped inside the distribution, found by name when no such file exists. */
    public static final String BUILT_IN_INDEX = "/scenarios/";

    private final Registry registry;

    public ScenarioLoader(Registry registry) {
        this.registry = registry;
    }

    /** Loads a file, or a built-in scenario by name ({@code cliff-walking-qlearning}) when no such file exists. */
    public Scenario load(String fileOrName, List<String> overrides) {
        Path path = Path.of(fileOrName);
        String text;
        String source = fileOrName;
        try {
            text = YamlReader.readFile(fileOrName, path);
        } catch (NoSuchFileException e) {
            String builtIn = readBuiltIn(fileOrName);
            if (builtIn == null) {
                throw new ConfigException(fileOrName, "", "no such file (built-in scenarios: " + String.join(", ", builtInNames()) + ")");
            }
            text = builtIn;
            source = "built-in:" + baseName(fileOrName);
        } catch (IOException e) {
            throw new ConfigException(fileOrName, "", "cannot read: " + e.getMessage());
        }
        return parse(source, new StringReader(text), overrides);
    }

    public Scenario parse(String source, Reader reader, List<String> overrides) {
        ConfigNode root = YamlReader.read(source, reader);
        if (!root.isMapping()) throw new ConfigException(source, "", "a scenario is a mapping with keys " + String.join(", ", TOP_LEVEL));
        for (String o : overrides) applyOverride(root, o);
        Origins.record(source, root); // so a plugin's later error about a --set value names the option

        for (Map.Entry<String, ConfigNode> e : root.entries().entrySet()) {
            if (!TOP_LEVEL.contains(e.getKey())) throw e.getValue().error("unknown key; " + Suggest.choices(e.getKey(), TOP_LEVEL));
        }
        String name = root.get("name") != null ? root.get("name").text() : baseName(source);
        checkFolderName(name, root.get("name"), source);
        String description = root.get("description") != null ? root.get("description").text() : "";
        if (root.get("gan") != null || root.get("dataset") != null) return parseGan(source, root, name, description);

        ConfigNode envNode = section(root, "env", source);
        Scenario.EnvSpec env = envSpec(envNode);
        Params envParams = env.params();
        int maxSteps = env.maxEpisodeSteps();

        ConfigNode agentNode = section(root, "agent", source);
        Registry.Entry<AgentType> agent = registry.agent(id(agentNode), agentNode.get("id").where());
        Params agentParams = agent.type().params().validate(agentNode, AGENT_RESERVED);

        ConfigNode runNode = root.get("run");
        Params runParams = RunPlan.SCHEMA.validate(runNode, Set.of());
        RlPlan rlPlan = RlPlan.from(runParams, runNode == null ? source : runNode.where());
        checkSeeds(RunPlan.from(runParams), runNode, source);

        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("name", name);
        resolved.put("description", description);
        Map<String, Object> envMap = new LinkedHashMap<>();
        envMap.put("id", env.type().id());
        envMap.put("max_episode_steps", maxSteps);
        envMap.putAll(envParams.asMap());
        // only when on, so scenarios without wrappers resolve (and fingerprint) as before they existed
        if (env.wrappers().any()) envMap.putAll(env.wrappers().asMap());
        resolved.put("env", envMap);
        Map<String, Object> agentMap = new LinkedHashMap<>();
        agentMap.put("id", agent.type().id());
        agentMap.putAll(agentParams.asMap());
        resolved.put("agent", agentMap);
        resolved.put("run", runMap(runParams, RunPlan.GAN_ONLY_KEYS));

        return new RlScenario(name, description, source, env, new Scenario.AgentSpec(agent.type(), agent.origin(), agentParams),
                RunPlan.from(runParams), rlPlan, resolved);
    }

    /** A {@code gan:} + {@code dataset:} scenario; {@code env:}/{@code agent:} must not appear beside them. */
    private GanScenario parseGan(String source, ConfigNode root, String name, String description) {
        for (String rl : List.of("env", "agent")) {
            if (root.get(rl) != null) throw root.get(rl).error("a GAN scenario (gan: + dataset:) has no '" + rl + ":' section");
        }
        ConfigNode ganNode = section(root, "gan", source);
        ConfigNode dataNode = section(root, "dataset", source);
        Registry.Entry<GanType> gan = registry.gan(id(ganNode), ganNode.get("id").where());
        Registry.Entry<DatasetType> data = registry.dataset(id(dataNode), dataNode.get("id").where());
        Params ganParams = gan.type().params().validate(ganNode, AGENT_RESERVED);
        Params dataParams = data.type().params().validate(dataNode, AGENT_RESERVED);
        ConfigNode runNode = root.get("run");
        Params runParams = RunPlan.SCHEMA.validate(runNode, Set.of());
        GanPlan ganPlan = GanPlan.from(runParams, runNode == null ? source : runNode.where());
        checkSeeds(RunPlan.from(runParams), runNode, source);

        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("name", name);
        resolved.put("description", description);
        Map<String, Object> ganMap = new LinkedHashMap<>();
        ganMap.put("id", gan.type().id());
        ganMap.putAll(ganParams.asMap());
        resolved.put("gan", ganMap);
        Map<String, Object> dataMap = new LinkedHashMap<>();
        dataMap.put("id", data.type().id());
        dataMap.putAll(dataParams.asMap());
        resolved.put("dataset", dataMap);
        resolved.put("run", runMap(runParams, RunPlan.RL_ONLY_KEYS));
        return new GanScenario(name, description, source, new Scenario.GanSpec(gan.type(), gan.origin(), ganParams),
                new Scenario.DatasetSpec(data.type(), data.origin(), dataParams), RunPlan.from(runParams), ganPlan, resolved);
    }

    /**
     * The resolved {@code run:} section without the other kind's keys and without {@code out}: a
     * run folder's scenario.yaml must re-run into a new folder, not point at itself.
     */
    private static Map<String, Object> runMap(Params runParams, List<String> leaveOut) {
        Map<String, Object> m = new LinkedHashMap<>(runParams.asMap());
        m.keySet().removeAll(leaveOut);
        m.remove("out");
        return m;
    }

    private Scenario.EnvSpec envSpec(ConfigNode envNode) {
        Registry.Entry<EnvType> env = registry.env(id(envNode), envNode.get("id").where());
        int maxSteps = env.type().maxEpisodeSteps();
        if (envNode.get("max_episode_steps") != null) {
            maxSteps = (int) (long) (Long) ParamSchema.convert(
                    Param.integer("max_episode_steps", 0, 0, Integer.MAX_VALUE, "time limit"), envNode.get("max_episode_steps"));
        }
        Set<String> beside = new HashSet<>(ENV_RESERVED);
        beside.addAll(EnvWrappers.SCHEMA.names());
        Params params = env.type().params().validate(envNode, beside);
        Set<String> envKeys = new HashSet<>(ENV_RESERVED);
        envKeys.addAll(env.type().params().names());
        EnvWrappers wrappers = EnvWrappers.from(EnvWrappers.SCHEMA.validate(envNode, envKeys));
        return new Scenario.EnvSpec(env.type(), env.origin(), params, maxSteps, wrappers);
    }

    /**
     * An env by id with {@code key=value} parameters from the command line ({@code env.} prefix
     * optional), for {@code check-env} and {@code bench-env}.
     */
    public Scenario.EnvSpec loadEnv(String id, List<String> overrides) {
        String where = "command line";
        ConfigNode root = ConfigNode.mapping(where, "");
        ConfigNode env = ConfigNode.mapping(where, "env");
        env.put("id", ConfigNode.scalar(where, "env.id", id));
        root.put("env", env);
        for (String o : overrides) applyOverride(root, o.startsWith("env.") ? o : "env." + o);
        return envSpec(env);
    }

    /**
     * The name becomes the run folder ({@code results/<name>-<time>}, or {@code <name>} inside
     * {@code --out}), so it must be one plain folder name: a name that would climb out of that
     * folder, or hide characters, is refused (not rewritten, so the folder is the name the user wrote).
     */
    private static void checkFolderName(String name, ConfigNode node, String source) {
        boolean control = name.chars().anyMatch(Character::isISOControl);
        if (!name.isBlank() && !name.equals(".") && !name.contains("..") && name.indexOf('/') < 0 && name.indexOf('\\') < 0 && !control) return;
        StringBuilder shown = new StringBuilder();
        name.chars().forEach(c -> shown.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        String problem = "'" + shown + "' cannot be a run folder's name: it must be one folder name, without '/', '\\', '..' or control characters";
        throw node != null ? node.error(problem) : new ConfigException(source, "name", problem);
    }

    /** Run k is seeded with run.seed + k: the last run's seed must not wrap round to a negative one. */
    private static void checkSeeds(RunPlan plan, ConfigNode runNode, String source) {
        long largest = Long.MAX_VALUE - (plan.runs() - 1);
        if (plan.seed() <= largest) return;
        ConfigNode seed = runNode == null ? null : runNode.get("seed");
        String problem = "with run.runs = " + plan.runs() + " the last run's seed (run.seed + " + (plan.runs() - 1) + ") would pass "
                + Long.MAX_VALUE + "; the largest allowed run.seed is " + largest;
        throw seed != null ? seed.error(problem) : new ConfigException(source, "run.seed", problem);
    }

    private static ConfigNode section(ConfigNode root, String key, String source) {
        ConfigNode n = root.get(key);
        if (n == null) throw new ConfigException(source, key, "missing section '" + key + ":' (with at least '" + key + ".id')");
        if (!n.isMapping()) throw n.error("expected a mapping with an 'id' and parameters");
        return n;
    }

    private static String id(ConfigNode section) {
        ConfigNode id = section.get("id");
        if (id == null) throw section.error("missing 'id'");
        return id.text();
    }

    /** Applies one {@code path.to.key=value}; the value is read as YAML (so lists and numbers work). */
    static void applyOverride(ConfigNode root, String override) {
        String where = "--set " + override;
        int eq = override.indexOf('=');
        if (eq <= 0) throw new ConfigException(where, "", "expected key=value, e.g. --set agent.alpha=0.5");
        String path = override.substring(0, eq).trim();
        String value = override.substring(eq + 1);
        String[] keys = overrideKeys(where, path);
        ConfigNode node = root;
        String sofar = "";
        for (int i = 0; i < keys.length - 1; i++) {
            sofar = YamlReader.join(sofar, keys[i]);
            ConfigNode next = node.get(keys[i]);
            if (next == null) {
                next = ConfigNode.mapping(where, sofar);
                node.put(keys[i], next);
            } else if (!next.isMapping()) {
                throw new ConfigException(where, sofar, "is a single value, cannot set a key inside it");
            }
            node = next;
        }
        node.put(keys[keys.length - 1], YamlReader.scalarFromText(where, path, value));
    }

    /** The keys of {@code a.b.c}; an empty one ({@code .=1}, {@code a..b=1}, {@code a.=1}) is a usage error, not a crash. */
    private static String[] overrideKeys(String where, String path) {
        String[] keys = path.split("\\.", -1); // -1: keep trailing empty keys, to refuse them
        for (String k : keys) {
            if (k.isBlank()) throw new ConfigException(where, "", "expected key.path=value with a word between every two dots, e.g. --set agent.alpha=0.5");
        }
        return keys;
    }

    private static String baseName(String source) {
        String s = source.substring(source.lastIndexOf('/') + 1);
        if (s.startsWith("built-in:")) s = s.substring(9);
        return s.replaceFirst("\\.ya?ml$", "");
    }


    private static String readBuiltIn(String fileOrName) {
        String name = baseName(fileOrName);
        try (InputStream in = ScenarioLoader.class.getResourceAsStream(BUILT_IN_INDEX + name + ".yaml")) {
            if (in == null) return null;
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                StringBuilder sb = new StringBuilder();
                char[] buf = new char[4096];
                int n;
                while ((n = r.read(buf)) > 0) sb.append(buf, 0, n);
                return sb.toString();
            }
        } catch (IOException e) {
            return null;
        }
    }

    /** Names of the scenarios packaged with the distribution (from its index file). */
    public static List<String> builtInNames() {
        List<String> names = new ArrayList<>();
        try (InputStream in = ScenarioLoader.class.getResourceAsStream(BUILT_IN_INDEX + "index.txt")) {
            if (in == null) return names;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) names.add(line.trim());
            }
        } catch (IOException e) {
            // no index: no built-in names to suggest
        }
        return names;
    }

    /**
     * Reads any SimLab YAML file (a study file, say) as plain data that remembers its lines, with
     * the scenario rules: no tags, no duplicate keys, one-line errors naming the file.
     */
    public static ConfigNode readYaml(Path file) {
        String text;
        try {
            text = YamlReader.readFile(file.toString(), file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "", "no such file");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "", "cannot read: " + e.getMessage());
        }
        return YamlReader.read(file.toString(), new StringReader(text));
    }
}
