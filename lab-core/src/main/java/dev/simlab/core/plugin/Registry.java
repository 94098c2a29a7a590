package dev.simlab.core.plugin;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.param.Suggest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every env, agent, GAN and dataset id the lab can resolve, with the plugin each came from.
 * Filled by {@link PluginHost} from PF4J extensions, or by hand in a plugin author's tests.
 */
public final class Registry {
    /** Where an id came from: the plugin id and version (or "test" for hand-registered ones). */
    public record Origin(String pluginId, String version) {
        @Override
        public String toString() {
            return pluginId + "@" + version;
        }
    }

    public record Entry<T>(T type, Origin origin) {}

    /** An id offered again by a later plugin ({@code ignored}); the one loaded first ({@code kept}) keeps it. */
    public record Conflict(String kind, String id, Origin ignored, Origin kept) {
        @Override
        public String toString() {
            return kind + " id '" + id + "' from " + ignored + " ignored: already provided by " + kept;
        }
    }

    private final Map<String, Entry<EnvType>> envs = new TreeMap<>();
    private final Map<String, Entry<AgentType>> agents = new TreeMap<>();
    private final Map<String, Entry<GanType>> gans = new TreeMap<>();
    private final Map<String, Entry<DatasetType>> datasets = new TreeMap<>();
    private final List<Conflict> conflicts = new ArrayList<>();

    public Registry add(EnvProvider p, Origin origin) {
        for (EnvType t : p.envs()) put(envs, "env", t.id(), t, origin);
        return this;
    }

    public Registry add(AgentProvider p, Origin origin) {
        for (AgentType t : p.agents()) put(agents, "agent", t.id(), t, origin);
        return this;
    }

    public Registry add(GanProvider p, Origin origin) {
        for (GanType t : p.gans()) put(gans, "gan", t.id(), t, origin);
        return this;
    }

    public Registry add(DatasetProvider p, Origin origin) {
        for (DatasetType t : p.datasets()) put(datasets, "dataset", t.id(), t, origin);
        return this;
    }

    private <T> void put(Map<String, Entry<T>> map, String kind, String id, T type, Origin origin) {
        Entry<T> existing = map.get(id);
        if (existing != null) {
            conflicts.add(new Conflict(kind, id, origin, existing.origin()));
            return;
        }
        map.put(id, new Entry<>(type, origin));
    }

    public Entry<EnvType> env(String id, String where) {
        return lookup(envs, "env", id, where);
    }

    public Entry<AgentType> agent(String id, String where) {
        return lookup(agents, "agent", id, where);
    }

    public Entry<GanType> gan(String id, String where) {
        return lookup(gans, "gan", id, where);
    }

    public Entry<DatasetType> dataset(String id, String where) {
        return lookup(datasets, "dataset", id, where);
    }

    private static <T> Entry<T> lookup(Map<String, Entry<T>> map, String kind, String id, String where) {
        Entry<T> e = map.get(id);
        if (e == null) {
            String choices = map.isEmpty() ? "no " + kind + " plugins are loaded (check --plugins-dir)" : Suggest.choices(id, map.keySet());
            throw new ConfigException(where, kind + ".id", "unknown " + kind + " id '" + id + "'; " + choices);
        }
        return e;
    }

    public Map<String, Entry<EnvType>> envs() {
        return Collections.unmodifiableMap(envs);
    }

    public Map<String, Entry<AgentType>> agents() {
        return Collections.unmodifiableMap(agents);
    }

    public Map<String, Entry<GanType>> gans() {
        return Collections.unmodifiableMap(gans);
    }

    public Map<String, Entry<DatasetType>> datasets() {
        return Collections.unmodifiableMap(datasets);
    }

    /** Ids offered twice, in words; the first one loaded wins and each later one is reported here. */
    public List<String> conflicts() {
        return conflicts.stream().map(Conflict::toString).toList();
    }

    /** {@link #conflicts()} as data, for reporting them per plugin. */
    public List<Conflict> duplicates() {
        return Collections.unmodifiableList(conflicts);
    }

    /** Ids by plugin, for {@code simlab plugins}. */
    public Map<Origin, List<String>> idsByOrigin() {
        Map<Origin, List<String>> out = new LinkedHashMap<>();
        envs.forEach((id, e) -> out.computeIfAbsent(e.origin(), k -> new ArrayList<>()).add("env:" + id));
        agents.forEach((id, e) -> out.computeIfAbsent(e.origin(), k -> new ArrayList<>()).add("agent:" + id));
        gans.forEach((id, e) -> out.computeIfAbsent(e.origin(), k -> new ArrayList<>()).add("gan:" + id));
        datasets.forEach((id, e) -> out.computeIfAbsent(e.origin(), k -> new ArrayList<>()).add("dataset:" + id));
        return out;
    }
}
