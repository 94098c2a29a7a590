package dev.simlab.core.param;

import java.util.List;

/**
 * One declared hyperparameter or env parameter: its name as written in scenarios, type,
 * default, valid range or choices, unit and one line of help. Plugins declare these so the lab
 * can validate scenarios, fill defaults and print help without knowing the plugin.
 */
public record Param(String name, Kind kind, Object defaultValue, double min, double max, List<String> choices, String unit, String help) {

    public enum Kind { INT, REAL, BOOL, STRING, CHOICE, TREE }

    public static Param integer(String name, long defaultValue, long min, long max, String help) {
        return new Param(name, Kind.INT, defaultValue, min, max, List.of(), "", help);
    }

    public static Param real(String name, double defaultValue, double min, double max, String help) {
        return new Param(name, Kind.REAL, defaultValue, min, max, List.of(), "", help);
    }

    public static Param bool(String name, boolean defaultValue, String help) {
        return new Param(name, Kind.BOOL, defaultValue, 0, 1, List.of(), "", help);
    }

    /** Free text; {@code defaultValue} may be null when the parameter is optional. */
    public static Param string(String name, String defaultValue, String help) {
        return new Param(name, Kind.STRING, defaultValue, 0, 0, List.of(), "", help);
    }

    public static Param choice(String name, String defaultValue, List<String> choices, String help) {
        return new Param(name, Kind.CHOICE, defaultValue, 0, 0, List.copyOf(choices), "", help);
    }

    /** A nested mapping or list the plugin validates itself (e.g. a network spec); default may be null. */
    public static Param tree(String name, Object defaultValue, String help) {
        return new Param(name, Kind.TREE, defaultValue, 0, 0, List.of(), "", help);
    }

    public Param withUnit(String unit) {
        return new Param(name, kind, defaultValue, min, max, choices, unit, help);
    }

    /** Human description of what is valid, for help text and errors. */
    public String validValues() {
        return switch (kind) {
            case INT -> "an integer in [" + (long) min + ", " + (max >= Long.MAX_VALUE ? "∞" : String.valueOf((long) max)) + "]";
            // Double.MIN_VALUE as the lower bound means "above zero"
            case REAL -> "a number in " + (min == Double.MIN_VALUE ? "(0" : "[" + fmt(min)) + ", " + fmt(max) + "]";
            case BOOL -> "true or false";
            case STRING -> "text";
            case CHOICE -> "one of " + String.join(", ", choices);
            case TREE -> "a mapping or list";
        };
    }

    private static String fmt(double v) {
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "-∞";
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
