package dev.simlab.study.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A finished trial as a sampler sees it: its parameters and how it ended.
 *
 * @param trialNumber the trial's number; samplers order the history by it, never by finish time
 * @param status how the trial ended
 * @param value the objective ({@code COMPLETE}), the last intermediate value ({@code PRUNED};
 *     NaN when it had none), NaN ({@code FAILED})
 * @param lastEval the evaluation index of that last intermediate value ({@code PRUNED}); -1 when
 *     there is none or it does not apply
 */
public record Observation(int trialNumber, Map<String, Object> params, Status status, double value, int lastEval) {

    /** How a trial ended. */
    public enum Status {
        /** Ran to the end; {@code value} is its objective. */
        COMPLETE,
        /** Stopped by a pruner; {@code value} is its last intermediate value at {@code lastEval}. */
        PRUNED,
        /** Crashed, diverged or timed out; no usable value. */
        FAILED
    }

    public Observation {
        Objects.requireNonNull(status, "status");
        // Not Map.copyOf: a parameter value may be null.
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        if (status == Status.COMPLETE && Double.isNaN(value)) {
            throw new IllegalArgumentException("trial " + trialNumber + ": a complete trial needs an objective; report NaN as failed");
        }
    }

    public static Observation complete(int trialNumber, Map<String, Object> params, double objective) {
        return new Observation(trialNumber, params, Status.COMPLETE, objective, -1);
    }

    public static Observation pruned(int trialNumber, Map<String, Object> params, int lastEval, double lastValue) {
        return new Observation(trialNumber, params, Status.PRUNED, lastValue, lastEval);
    }

    public static Observation failed(int trialNumber, Map<String, Object> params) {
        return new Observation(trialNumber, params, Status.FAILED, Double.NaN, -1);
    }
}
