package dev.simlab.study.prune;

import dev.simlab.core.param.ConfigException;
import dev.simlab.study.search.Direction;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Decides whether a running trial stops at one of its evaluation points. */
@FunctionalInterface
public interface Pruner {

    /** Never prunes ({@code prune: {method: none}} or no {@code prune} section). */
    Pruner NONE = (trialNumber, evalIndex, value, history) -> false;

    /**
     * Whether trial {@code trialNumber} should stop after its evaluation {@code evalIndex}.
     *
     * @param value the trial's intermediate value there (its seeds averaged)
     * @param history the other trials' intermediate values, and possibly this trial's earlier ones
     */
    boolean prune(int trialNumber, int evalIndex, double value, History history);

    /**
     * The pruner of a study file's {@code prune} section: {@code {method: median, warmup_evals: 2,
     * startup_trials: 5}}, {@code {method: asha, min_resource: 1, reduction_factor: 3}} or
     * {@code {method: none}}; null gives {@link #NONE}.
     */
    static Pruner fromSpec(String where, Map<String, ?> spec, Direction direction) {
        if (spec == null) return NONE;
        Object method = spec.get("method");
        String m = method == null ? "" : method.toString().trim().toLowerCase(Locale.ROOT);
        switch (m) {
            case "none" -> {
                onlyKeys(where, spec, Set.of("method"));
                return NONE;
            }
            case "median" -> {
                onlyKeys(where, spec, Set.of("method", "warmup_evals", "startup_trials"));
                return new MedianPruner(direction,
                        count(where, spec, "startup_trials", MedianPruner.DEFAULT_STARTUP_TRIALS, 0),
                        count(where, spec, "warmup_evals", 0, 0));
            }
            case "asha" -> {
                onlyKeys(where, spec, Set.of("method", "min_resource", "reduction_factor"));
                return new AshaPruner(direction,
                        count(where, spec, "min_resource", 1, 1),
                        count(where, spec, "reduction_factor", AshaPruner.DEFAULT_REDUCTION_FACTOR, 2));
            }
            default -> throw new ConfigException(where, "prune.method", "expected median, asha or none, found '" + method + "'");
        }
    }

    private static void onlyKeys(String where, Map<String, ?> spec, Set<String> valid) {
        for (String k : spec.keySet()) {
            if (!valid.contains(k)) {
                throw new ConfigException(where, "prune." + k, "does not apply to prune method " + spec.get("method")
                        + "; valid: " + String.join(", ", valid.stream().sorted().toList()));
            }
        }
    }

    private static int count(String where, Map<String, ?> spec, String key, int dflt, int min) {
        Object v = spec.get(key);
        if (v == null) return dflt;
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= min
                && n.doubleValue() <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        if (v instanceof String s && s.trim().matches("\\d+")) {
            try {
                int i = Integer.parseInt(s.trim());
                if (i >= min) return i;
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new ConfigException(where, "prune." + key, "needs a whole number >= " + min + ", found '" + v + "'");
    }
}
