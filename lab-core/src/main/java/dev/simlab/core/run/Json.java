package dev.simlab.core.run;

import java.util.List;
import java.util.Map;

/**
 * Plain data (maps, lists, strings, numbers, booleans, arrays of numbers) as JSON: indented for
 * files people read ({@link #write}), one line for logs of events ({@link #line}), and back
 * ({@link #parse}, through SnakeYAML's safe loader: JSON is YAML, and nothing is instantiated).
 */
public final class Json {
    private Json() {}

    /** {@code value} as one line of JSON, without a newline (a JSON Lines record). */
    public static String line(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, -1);
        return sb.toString();
    }

    /** Reads one JSON value as plain data: maps, lists, strings, numbers (Integer, Long, Double), booleans, null. */
    public static Object parse(String json) {
        org.yaml.snakeyaml.LoaderOptions o = new org.yaml.snakeyaml.LoaderOptions();
        o.setMaxAliasesForCollections(0);
        return new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(o)).load(json);
    }

    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.append('\n').toString();
    }

    private static void write(StringBuilder sb, Object v, int indent) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof Double d) {
            number(sb, d);
        } else if (v instanceof Float f) {
            number(sb, f.doubleValue());
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            boolean compact = indent < 0;
            sb.append(compact ? "{" : "{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!compact) pad(sb, indent + 1);
                quote(sb, String.valueOf(e.getKey()));
                sb.append(compact ? ":" : ": ");
                write(sb, e.getValue(), compact ? -1 : indent + 1);
                if (++i < m.size()) sb.append(compact ? ", " : ",");
                if (!compact) sb.append('\n');
            }
            if (!compact) pad(sb, indent);
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) sb.append(", ");
                if (l.get(i) instanceof Map && indent >= 0) sb.append('\n').append("  ".repeat(indent + 1));
                write(sb, l.get(i), indent < 0 ? -1 : indent + 1);
            }
            sb.append(']');
        } else if (v instanceof double[] a) {
            sb.append('[');
            for (int i = 0; i < a.length; i++) {
                if (i > 0) sb.append(", ");
                number(sb, a[i]);
            }
            sb.append(']');
        } else {
            quote(sb, v.toString());
        }
    }

    private static void number(StringBuilder sb, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) sb.append("null");
        else if (d == Math.rint(d) && Math.abs(d) < 1e15) sb.append((long) d);
        else sb.append(d);
    }

    private static void pad(StringBuilder sb, int indent) {
        sb.append("  ".repeat(indent));
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
