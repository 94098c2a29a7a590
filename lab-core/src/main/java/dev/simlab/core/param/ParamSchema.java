package dev.simlab.core.param;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The parameters a component accepts; validates a scenario section against them. */
public final class ParamSchema {
    private final Map<String, Param> params = new LinkedHashMap<>();

    public ParamSchema(Collection<Param> params) {
        for (Param p : params) this.params.put(p.name(), p);
    }

    public static ParamSchema of(Param... params) {
        return new ParamSchema(List.of(params));
    }

    public static ParamSchema empty() {
        return new ParamSchema(List.of());
    }

    public Collection<Param> params() {
        return params.values();
    }

    public Param get(String name) {
        return params.get(name);
    }

    /**
     * Checks every key of {@code section} (a mapping; may be null for "all defaults") except
     * {@code reserved} ones, converts the values and fills defaults.
     *
     * @throws ConfigException naming the place and the key for an unknown key or a bad value
     */
    public Params validate(ConfigNode section, Set<String> reserved) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Param p : params.values()) out.put(p.name(), p.defaultValue());
        if (section == null) return new Params(out);
        for (Map.Entry<String, ConfigNode> e : section.entries().entrySet()) {
            if (reserved.contains(e.getKey())) continue;
            Param p = params.get(e.getKey());
            if (p == null) {
                List<String> valid = new ArrayList<>(params.keySet());
                valid.addAll(reserved);
                throw e.getValue().error("unknown key; " + Suggest.choices(e.getKey(), valid));
            }
            out.put(p.name(), convert(p, e.getValue()));
        }
        return new Params(out);
    }

    /** Converts and range-checks one value. */
    public static Object convert(Param p, ConfigNode node) {
        if (p.kind() == Param.Kind.TREE) return node.toPlain();
        String text = node.text().trim();
        switch (p.kind()) {
            case INT: {
                long v;
                try {
                    v = Long.parseLong(text.replace("_", ""));
                } catch (NumberFormatException ex) {
                    double d;
                    try {
                        d = Double.parseDouble(text.replace("_", ""));
                    } catch (NumberFormatException notANumber) {
                        throw node.error("'" + text + "' is not an integer; expected " + p.validValues());
                    }
                    if (d != Math.rint(d) || Math.abs(d) > 9e15) throw node.error("'" + text + "' is not an integer; expected " + p.validValues());
                    v = (long) d;
                }
                if (v < p.min() || v > p.max()) throw node.error(text + " is out of range; expected " + p.validValues());
                return v;
            }
            case REAL: {
                double v = parseReal(p, node, text);
                if (!(v >= p.min() && v <= p.max())) throw node.error(text + " is out of range; expected " + p.validValues());
                return v;
            }
            case BOOL:
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("yes") || text.equalsIgnoreCase("on")) return true;
                if (text.equalsIgnoreCase("false") || text.equalsIgnoreCase("no") || text.equalsIgnoreCase("off")) return false;
                throw node.error("'" + text + "' is not true or false");
            case CHOICE:
                if (!p.choices().contains(text)) throw node.error("'" + text + "' is not valid; " + Suggest.choices(text, p.choices()));
                return text;
            default:
                return text;
        }
    }

    private static double parseReal(Param p, ConfigNode node, String text) {
        try {
            double v = Double.parseDouble(text.replace("_", ""));
            // NaN fails every range comparison and infinity passes an unbounded one: refuse both outright
            if (!Double.isFinite(v)) throw node.error("'" + text + "' is not a finite number; expected " + p.validValues());
            return v;
        } catch (NumberFormatException ex) {
            throw node.error("'" + text + "' is not a number; expected " + p.validValues());
        }
    }

    /** Whether a value for key is declared in this schema or among the reserved keys. */
    public boolean declares(String key) {
        return params.containsKey(key);
    }

    public Set<String> names() {
        return params.keySet();
    }
}
