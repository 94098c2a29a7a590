package dev.simlab.core.param;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Validated parameter values with defaults filled in, keyed by name: Long for INT, Double for
 * REAL, Boolean, String for STRING and CHOICE, plain maps/lists for TREE (null when absent).
 */
public final class Params {
    private final Map<String, Object> values;

    public Params(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Params of(Map<String, Object> values) {
        return new Params(values);
    }

    private Object require(String name) {
        if (!values.containsKey(name)) throw new IllegalArgumentException("no parameter '" + name + "' declared");
        return values.get(name);
    }

    public int integer(String name) {
        return Math.toIntExact((Long) require(name));
    }

    public long longValue(String name) {
        return (Long) require(name);
    }

    public double real(String name) {
        return ((Number) require(name)).doubleValue();
    }

    public boolean bool(String name) {
        return (Boolean) require(name);
    }

    public String string(String name) {
        Object v = require(name);
        return v == null ? null : v.toString();
    }

    public Object tree(String name) {
        return require(name);
    }

    public boolean has(String name) {
        return values.containsKey(name) && values.get(name) != null;
    }

    public Map<String, Object> asMap() {
        return values;
    }
}
