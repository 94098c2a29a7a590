package dev.simlab.core.param;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value from a scenario file that remembers where it came from ({@code file:line} or
 * {@code --set key=value}) so every error can point at it. Either a scalar (kept as written),
 * a mapping or a sequence.
 */
public final class ConfigNode {
    private final String where;
    private final String path;
    private final String scalar;
    private final Map<String, ConfigNode> map;
    private final List<ConfigNode> list;

    private ConfigNode(String where, String path, String scalar, Map<String, ConfigNode> map, List<ConfigNode> list) {
        this.where = where;
        this.path = path;
        this.scalar = scalar;
        this.map = map;
        this.list = list;
    }

    public static ConfigNode scalar(String where, String path, String value) {
        return new ConfigNode(where, path, value, null, null);
    }

    public static ConfigNode mapping(String where, String path) {
        return new ConfigNode(where, path, null, new LinkedHashMap<>(), null);
    }

    public static ConfigNode sequence(String where, String path) {
        return new ConfigNode(where, path, null, null, new ArrayList<>());
    }

    /** "file.yaml:12" or "--set agent.alpha=0.3". */
    public String where() {
        return where;
    }

    /** Dotted key path from the root, e.g. {@code agent.alpha}. */
    public String path() {
        return path;
    }

    public boolean isScalar() {
        return scalar != null;
    }

    public boolean isMapping() {
        return map != null;
    }

    public boolean isSequence() {
        return list != null;
    }

    public String text() {
        if (scalar == null) throw error("expected a single value, found a " + (map != null ? "mapping" : "list"));
        return scalar;
    }

    public Map<String, ConfigNode> entries() {
        if (map == null) throw error("expected a mapping of keys to values");
        return Collections.unmodifiableMap(map);
    }

    public List<ConfigNode> items() {
        if (list == null) throw error("expected a list");
        return Collections.unmodifiableList(list);
    }

    public ConfigNode get(String key) {
        return map == null ? null : map.get(key);
    }

    public void put(String key, ConfigNode value) {
        entries();
        map.put(key, value);
    }

    public ConfigNode remove(String key) {
        return map == null ? null : map.remove(key);
    }

    public void add(ConfigNode item) {
        items();
        list.add(item);
    }

    public ConfigException error(String problem) {
        return new ConfigException(where, path, problem);
    }

    /** Plain Java view: String for scalars, LinkedHashMap and ArrayList for the rest. */
    public Object toPlain() {
        if (scalar != null) return scalar;
        if (map != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, v) -> m.put(k, v.toPlain()));
            return m;
        }
        List<Object> l = new ArrayList<>();
        for (ConfigNode n : list) l.add(n.toPlain());
        return l;
    }
}
