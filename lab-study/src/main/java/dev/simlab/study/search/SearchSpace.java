package dev.simlab.study.search;

import dev.simlab.core.param.ConfigException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The {@code search.space} of a study file: parameters in the order the file gives them, which is
 * the order grids enumerate and proposals list them.
 *
 * <pre>
 * agent.alpha:   {range: [0.01, 1.0], log: true}
 * agent.gamma:   {values: [0.9, 0.99, 1.0]}
 * agent.n:       {range: [1, 8], grid_points: 4}   # int range: both ends are integers
 * </pre>
 *
 * @param where the file (and line) errors point at, e.g. {@code study.yaml:7}
 */
public record SearchSpace(String where, List<Param> params) {
    /** Keys in errors are named from the study file's root. */
    static final String PREFIX = "search.space.";

    private static final Set<String> SETTINGS = Set.of("values", "range", "log", "grid_points");

    public SearchSpace {
        params = List.copyOf(params);
        Set<String> keys = new HashSet<>();
        for (Param p : params) {
            if (!keys.add(p.key())) throw new ConfigException(where, PREFIX + p.key(), "appears twice");
        }
    }

    /**
     * Parses the YAML mapping of parameter keys to settings (plain Java values: maps, lists,
     * numbers, strings, booleans). Every problem is a {@link ConfigException} naming
     * {@code search.space.KEY}.
     */
    public static SearchSpace parse(String where, Map<String, ?> space) {
        if (space == null) throw new ConfigException(where, "search.space", "missing: give the parameters to search");
        List<Param> params = new ArrayList<>();
        for (Map.Entry<String, ?> e : space.entrySet()) params.add(parseParam(where, e.getKey(), e.getValue()));
        return new SearchSpace(where, params);
    }

    /** The parameter with this key, or null. */
    public Param param(String key) {
        for (Param p : params) {
            if (p.key().equals(key)) return p;
        }
        return null;
    }

    public List<String> keys() {
        return params.stream().map(Param::key).toList();
    }

    /** Whether a configuration sets every parameter of this space to a value inside it. */
    public boolean contains(Map<String, ?> config) {
        for (Param p : params) {
            if (!config.containsKey(p.key()) || !p.contains(config.get(p.key()))) return false;
        }
        return true;
    }

    private static Param parseParam(String where, String key, Object spec) {
        if (key == null || key.isBlank()) throw new ConfigException(where, "search.space", "a parameter has an empty name");
        String k = PREFIX + key;
        if (!(spec instanceof Map<?, ?> map)) {
            throw new ConfigException(where, k, "expected {values: [a, b, ...]} or {range: [low, high]}, found "
                    + describe(spec));
        }
        for (Object setting : map.keySet()) {
            if (!SETTINGS.contains(String.valueOf(setting))) {
                throw new ConfigException(where, k, "unknown setting '" + setting + "'; valid: values, range, log, grid_points");
            }
        }
        boolean hasValues = map.containsKey("values");
        boolean hasRange = map.containsKey("range");
        if (hasValues && hasRange) throw new ConfigException(where, k, "give either values or range, not both");
        if (!hasValues && !hasRange) throw new ConfigException(where, k, "needs values: [a, b, ...] or range: [low, high]");
        if (hasValues) {
            if (map.containsKey("log")) throw new ConfigException(where, k, "log applies to a range, not to values");
            if (map.containsKey("grid_points")) {
                throw new ConfigException(where, k, "grid_points applies to a range; a grid tries every one of the values");
            }
            return parseValues(where, key, k, map.get("values"));
        }
        return parseRange(where, key, k, map.get("range"), map.get("log"), map.get("grid_points"));
    }

    private static Param parseValues(String where, String key, String k, Object values) {
        if (!(values instanceof List<?> list)) throw new ConfigException(where, k, "values needs a list [a, b, ...], found " + describe(values));
        if (list.isEmpty()) throw new ConfigException(where, k, "values needs at least one value");
        Param.Choice choice = new Param.Choice(key, new ArrayList<Object>(list));
        for (int i = 0; i < list.size(); i++) {
            // A duplicate would count twice in TPE's estimates and run twice in a grid.
            if (choice.indexOf(list.get(i)) != i) throw new ConfigException(where, k, "values lists " + list.get(i) + " twice");
        }
        return choice;
    }

    private static Param parseRange(String where, String key, String k, Object range, Object logSpec, Object gridSpec) {
        if (!(range instanceof List<?> ends) || ends.size() != 2) {
            throw new ConfigException(where, k, "range needs two numbers [low, high], found " + describe(range));
        }
        Number low = number(ends.get(0));
        Number high = number(ends.get(1));
        if (low == null || high == null) {
            throw new ConfigException(where, k, "range needs two numbers [low, high], found " + describe(range));
        }
        boolean log = bool(where, k, logSpec);
        OptionalInt grid = gridPoints(where, k, gridSpec);
        double lo = low.doubleValue();
        double hi = high.doubleValue();
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) throw new ConfigException(where, k, "range ends must be finite numbers");
        if (!(lo < hi)) throw new ConfigException(where, k, "range needs low < high, found [" + low + ", " + high + "]");
        if (log && !(lo > 0)) throw new ConfigException(where, k, "log needs low > 0, found low = " + low);
        if (Param.isIntegerType(low) && Param.isIntegerType(high)) {
            BigInteger l = new BigDecimal(low.toString()).toBigIntegerExact();
            BigInteger h = new BigDecimal(high.toString()).toBigIntegerExact();
            if (l.bitLength() > 31 || h.bitLength() > 31) {
                throw new ConfigException(where, k, "an int range's ends must fit in 32 bits; write a float range (e.g. 1.0) instead");
            }
            return new Param.IntRange(key, l.intValue(), h.intValue(), log, grid);
        }
        return new Param.FloatRange(key, lo, hi, log, grid);
    }

    /** A number, or a numeric string as a text-keeping parser hands it over; else null. */
    private static Number number(Object v) {
        if (v instanceof Number n) return n;
        if (v instanceof String s) {
            String t = s.trim();
            try {
                if (t.matches("[+-]?\\d+")) {
                    BigInteger b = new BigInteger(t.startsWith("+") ? t.substring(1) : t);
                    return b.bitLength() <= 63 ? (Number) b.longValue() : b;
                }
                return Double.valueOf(t);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean bool(String where, String k, Object v) {
        if (v == null) return false;
        if (v instanceof Boolean b) return b;
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) return Boolean.parseBoolean(s);
        throw new ConfigException(where, k, "log needs true or false, found " + describe(v));
    }

    private static OptionalInt gridPoints(String where, String k, Object v) {
        if (v == null) return OptionalInt.empty();
        Number n = number(v);
        if (n != null) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && d >= 2 && d <= 1_000_000) return OptionalInt.of((int) d);
        }
        throw new ConfigException(where, k, "grid_points needs a whole number >= 2 (points including both ends), found "
                + describe(v));
    }

    private static String describe(Object v) {
        if (v == null) return "nothing";
        if (v instanceof Map<?, ?>) return "a mapping " + v;
        if (v instanceof List<?>) return "a list " + v;
        return "'" + v + "'";
    }
}
