package dev.simlab.study.prune;

import java.util.List;
import java.util.Optional;

/**
 * The intermediate values of a study's trials, as a pruner reads them. It may hold the judged
 * trial's own curve (pruners read its earlier values from it and never count it as a competitor).
 */
public record History(List<Curve> curves) {

    /** How far a trial has got. */
    public enum State { RUNNING, COMPLETE, PRUNED, FAILED }

    /**
     * One trial's intermediate values, {@code values.get(i)} at evaluation index i (averaged over the
     * trial's seeds by the caller; NaN where the run diverged).
     */
    public record Curve(int trialNumber, State state, List<Double> values) {
        public Curve {
            values = List.copyOf(values);
        }

        /** The value at an evaluation index, or NaN when the trial has not got there. */
        public double at(int evalIndex) {
            return evalIndex >= 0 && evalIndex < values.size() ? values.get(evalIndex) : Double.NaN;
        }
    }

    public History {
        curves = List.copyOf(curves);
    }

    public static History of(Curve... curves) {
        return new History(List.of(curves));
    }

    public static History empty() {
        return new History(List.of());
    }

    /** The curve of one trial, if present. */
    public Optional<Curve> curve(int trialNumber) {
        return curves.stream().filter(c -> c.trialNumber() == trialNumber).findFirst();
    }
}
