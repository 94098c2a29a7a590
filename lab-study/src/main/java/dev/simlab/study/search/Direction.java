package dev.simlab.study.search;

import dev.simlab.core.param.ConfigException;
import java.util.Locale;

/** Whether a study's objective ({@code goal: max|min}) is to be maximised or minimised. */
public enum Direction {
    MIN,
    MAX;

    /** {@code min}/{@code max} (or {@code minimize}/{@code maximize}), any case. */
    public static Direction parse(String where, String key, Object text) {
        String s = text == null ? "" : text.toString().trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "min", "minimize", "minimise":
                return MIN;
            case "max", "maximize", "maximise":
                return MAX;
            default:
                throw new ConfigException(where, key, "expected max or min, found '" + text + "'");
        }
    }

    /** The value as a loss, smaller is better, so that samplers and pruners sort one way only. */
    public double loss(double value) {
        return this == MIN ? value : -value;
    }

    /** Whether {@code a} is strictly better than {@code b}. */
    public boolean isBetter(double a, double b) {
        return loss(a) < loss(b);
    }
}
