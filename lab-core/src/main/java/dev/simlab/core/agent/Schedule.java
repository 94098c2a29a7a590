package dev.simlab.core.agent;

import dev.simlab.core.param.ConfigException;
import java.util.List;

/**
 * A value that changes with progress (episodes or steps): exploration rate ε, step size α,
 * learning rate. {@code constant} keeps {@code start}; {@code linear} goes from {@code start}
 * to {@code end} over {@code horizon} units and stays there; {@code exponential} multiplies by
 * {@code rate} per unit and never goes below {@code end}.
 */
public record Schedule(Kind kind, double start, double end, double horizon, double rate) {
    public enum Kind { CONSTANT, LINEAR, EXPONENTIAL }

    /** Names as written in scenarios. */
    public static final List<String> NAMES = List.of("constant", "linear", "exponential");

    public static Schedule constant(double value) {
        return new Schedule(Kind.CONSTANT, value, value, 1, 1);
    }

    public static Schedule linear(double start, double end, double horizon) {
        return new Schedule(Kind.LINEAR, start, end, horizon, 1);
    }

    public static Schedule exponential(double start, double end, double rate) {
        return new Schedule(Kind.EXPONENTIAL, start, end, 1, rate);
    }

    /** Builds from the scenario's words; {@code key} names the schedule for errors. */
    public static Schedule of(String name, double start, double end, double horizon, double rate, String key) {
        return switch (name) {
            case "constant" -> constant(start);
            case "linear" -> {
                if (horizon <= 0) throw new ConfigException("", key, "a linear schedule needs a positive horizon");
                yield linear(start, end, horizon);
            }
            case "exponential" -> exponential(start, end, rate);
            default -> throw new ConfigException("", key, "unknown schedule '" + name + "'; valid: " + String.join(", ", NAMES));
        };
    }

    /** The value after {@code t} units of progress. */
    public double at(double t) {
        return switch (kind) {
            case CONSTANT -> start;
            case LINEAR -> t >= horizon ? end : start + (end - start) * (t / horizon);
            case EXPONENTIAL -> Math.max(end, start * Math.pow(rate, t));
        };
    }
}
