package dev.simlab.study.search;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.rng.Rng;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One parameter of a {@link SearchSpace}: a list of {@code values} of any type, or a {@code range}
 * of floats or ints, optionally log-scaled. The kinds are closed so that every sampler handles each.
 */
public sealed interface Param permits Param.Choice, Param.FloatRange, Param.IntRange {

    /** The dotted key, e.g. {@code agent.alpha}. */
    String key();

    /** Whether a value (from a trial record, a proposal, a resumed study) lies in this space. */
    boolean contains(Object value);

    /** An independent draw: uniform over the values or the range, log-uniform with {@code log}. */
    Object sample(Rng rng);

    /**
     * The points a grid search visits, in order. A range needs {@code grid_points}; without it this
     * throws a {@link ConfigException} placed at {@code where}.
     */
    List<Object> gridPoints(String where);

    /** {@code values: [...]}: numbers, strings, booleans, lists, even null, kept as written. */
    record Choice(String key, List<Object> values) implements Param {
        public Choice {
            Objects.requireNonNull(key, "key");
            if (values.isEmpty()) throw new IllegalArgumentException(key + ": values needs at least one value");
            // Not List.copyOf: a value may be null (e.g. "no clipping").
            values = Collections.unmodifiableList(new ArrayList<>(values));
        }

        /**
         * The position of a value, or -1. Numbers match by value so that 1 from JSON matches 1.0
         * from YAML; anything else by {@code equals}.
         */
        public int indexOf(Object value) {
            for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i);
                if (Objects.equals(v, value)) return i;
                if (isNumber(v) && isNumber(value) && ((Number) v).doubleValue() == ((Number) value).doubleValue()) return i;
            }
            return -1;
        }

        @Override
        public boolean contains(Object value) {
            return indexOf(value) >= 0;
        }

        @Override
        public Object sample(Rng rng) {
            return values.get(rng.nextInt(values.size()));
        }

        @Override
        public List<Object> gridPoints(String where) {
            return values;
        }
    }

    /** {@code range: [low, high]} with a float end; {@code log} samples log-uniformly (low > 0). */
    record FloatRange(String key, double low, double high, boolean log, OptionalInt gridPoints) implements Param {
        public FloatRange {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(gridPoints, "gridPoints");
            if (!(low < high)) throw new IllegalArgumentException(key + ": range needs low < high");
            if (log && !(low > 0)) throw new IllegalArgumentException(key + ": log needs low > 0");
        }

        @Override
        public boolean contains(Object value) {
            if (!isNumber(value)) return false;
            double d = ((Number) value).doubleValue();
            return d >= low && d <= high;
        }

        @Override
        public Object sample(Rng rng) {
            double x = log ? Math.exp(rng.uniform(Math.log(low), Math.log(high))) : rng.uniform(low, high);
            // exp(log(x)) can land an ulp outside the range.
            return Math.min(high, Math.max(low, x));
        }

        @Override
        public List<Object> gridPoints(String where) {
            int n = requireGridPoints(where, key, gridPoints);
            List<Object> points = new ArrayList<>(n);
            for (int i = 0; i < n; i++) points.add(gridPoint(low, high, log, i, n));
            return Collections.unmodifiableList(points);
        }
    }

    /** {@code range: [low, high]} with two integer ends (inclusive); {@code log} needs low >= 1. */
    record IntRange(String key, int low, int high, boolean log, OptionalInt gridPoints) implements Param {
        public IntRange {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(gridPoints, "gridPoints");
            if (low >= high) throw new IllegalArgumentException(key + ": range needs low < high");
            if (log && low <= 0) throw new IllegalArgumentException(key + ": log needs low > 0");
        }

        @Override
        public boolean contains(Object value) {
            if (!isNumber(value)) return false;
            double d = ((Number) value).doubleValue();
            return d == Math.rint(d) && d >= low && d <= high;
        }

        @Override
        public Object sample(Rng rng) {
            if (log) {
                // As Optuna: log-uniform over [low - 1/2, high + 1/2], then rounded, so that each
                // integer gets the log-width of its own rounding cell.
                double x = Math.exp(rng.uniform(Math.log(low - 0.5), Math.log(high + 0.5)));
                return clampRound(x);
            }
            long span = (long) high - low + 1;
            if (span <= Integer.MAX_VALUE) return low + rng.nextInt((int) span);
            return clampRound(Math.floor(low + rng.nextDouble() * span));
        }

        /** The nearest integer in the range (ties to even, as numpy's round). */
        int clampRound(double x) {
            double r = Math.rint(x);
            return (int) Math.max(low, Math.min(high, r));
        }

        @Override
        public List<Object> gridPoints(String where) {
            int n = requireGridPoints(where, key, gridPoints);
            // Rounding can map several evenly spaced points to one integer: keep each once, in order.
            Set<Integer> points = new LinkedHashSet<>();
            for (int i = 0; i < n; i++) points.add(clampRound(gridPoint(low, high, log, i, n)));
            return List.copyOf(points);
        }
    }

    private static boolean isNumber(Object value) {
        return value instanceof Number;
    }

    private static int requireGridPoints(String where, String key, OptionalInt gridPoints) {
        if (gridPoints.isEmpty()) {
            throw new ConfigException(where, SearchSpace.PREFIX + key,
                    "a range in a grid search needs grid_points: N (how many evenly spaced points to try)");
        }
        return gridPoints.getAsInt();
    }

    /**
     * Point i of n evenly spaced (log-spaced with log) from low to high. The ends are exact and the
     * inner points are rounded to 12 significant digits, so a grid prints as 0.3 and 0.01 rather than
     * 0.30000000000000004 and 0.009999999999999998 in run names and reports.
     */
    private static double gridPoint(double low, double high, boolean log, int i, int n) {
        if (i == 0) return low;
        if (i == n - 1) return high;
        double t = (double) i / (n - 1);
        double x = log ? Math.exp(Math.log(low) + t * (Math.log(high) - Math.log(low))) : low + t * (high - low);
        return new BigDecimal(x).round(new MathContext(12)).doubleValue();
    }

    /** Whether a YAML/JSON number is a whole-number type (an int range needs two of these). */
    static boolean isIntegerType(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger;
    }
}
