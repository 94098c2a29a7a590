package dev.simlab.core.param;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each key of a loaded scenario came from, kept per source (the file) when some keys came
 * from elsewhere ({@code --set}). A plugin checks its nested options only when it builds itself,
 * after loading, and knows just the key; {@link ConfigException#in} asks here so that the error
 * names the {@code --set key=value} that gave the value, not the file, which never held it.
 */
public final class Origins {
    /** source to (key path to where); only sources with at least one key from elsewhere. */
    private static final Map<String, Map<String, String>> BY_SOURCE = new ConcurrentHashMap<>();

    private Origins() {}

    /** Records the keys of {@code root} as loaded from {@code source}, replacing what an earlier load of it recorded. */
    public static void record(String source, ConfigNode root) {
        Map<String, String> wheres = new HashMap<>();
        collect(root, wheres);
        if (wheres.values().stream().allMatch(w -> inFile(source, w))) BY_SOURCE.remove(source);
        else BY_SOURCE.put(source, Map.copyOf(wheres));
    }

    private static void collect(ConfigNode node, Map<String, String> out) {
        if (!node.path().isEmpty()) out.put(node.path(), node.where());
        if (node.isMapping()) node.entries().values().forEach(n -> collect(n, out));
        else if (node.isSequence()) node.items().forEach(n -> collect(n, out));
    }

    /**
     * Where {@code key} of a scenario loaded from {@code source} came from, when that was not the
     * file itself: the key's own origin, else that of the nearest enclosing key (a {@code --set}
     * that created a section gave everything in it). Null for keys of the file, defaults and unknown sources.
     */
    static String outsideFile(String source, String key) {
        Map<String, String> wheres = source == null || key == null ? null : BY_SOURCE.get(source);
        if (wheres == null) return null;
        for (String k = key; !k.isEmpty(); k = parent(k)) {
            String where = wheres.get(k);
            if (where != null) return inFile(source, where) ? null : where;
        }
        return null;
    }

    private static boolean inFile(String source, String where) {
        return where.equals(source) || where.startsWith(source + ":");
    }

    private static String parent(String key) {
        int cut = Math.max(key.lastIndexOf('.'), key.lastIndexOf('['));
        return cut < 0 ? "" : key.substring(0, cut);
    }
}
