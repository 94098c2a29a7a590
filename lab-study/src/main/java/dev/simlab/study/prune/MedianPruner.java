package dev.simlab.study.prune;

import dev.simlab.study.search.Direction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Optuna's {@code MedianPruner}: stops a trial whose best intermediate value so far is worse than
 * the median of the completed trials' values at the same evaluation index. As Optuna:
 * <ul>
 *   <li>only completed trials are compared against (and counted for the startup), not running or
 *       pruned ones, so the median is of curves that ran to the end;
 *   <li>nothing is pruned until {@code nStartupTrials} trials have completed, nor before evaluation
 *       index {@code nWarmupEvals} (the earliest prune is at index == nWarmupEvals);
 *   <li>the judged value is the trial's best so far (NaN ignored), the others' are their values at
 *       this index, so one bad evaluation after good ones does not kill a trial;
 *   <li>strictly worse prunes (a tie continues); a trial whose values so far are all NaN is pruned;
 *       when no completed trial has a value at this index, nothing is pruned.
 * </ul>
 */
public final class MedianPruner implements Pruner {
    public static final int DEFAULT_STARTUP_TRIALS = 5;

    private final Direction direction;
    private final int nStartupTrials;
    private final int nWarmupEvals;

    public MedianPruner(Direction direction, int nStartupTrials, int nWarmupEvals) {
        if (nStartupTrials < 0) throw new IllegalArgumentException("nStartupTrials must be >= 0: " + nStartupTrials);
        if (nWarmupEvals < 0) throw new IllegalArgumentException("nWarmupEvals must be >= 0: " + nWarmupEvals);
        this.direction = Objects.requireNonNull(direction, "direction");
        this.nStartupTrials = nStartupTrials;
        this.nWarmupEvals = nWarmupEvals;
    }

    @Override
    public boolean prune(int trialNumber, int evalIndex, double value, History history) {
        List<History.Curve> completed = history.curves().stream()
                .filter(c -> c.trialNumber() != trialNumber && c.state() == History.State.COMPLETE).toList();
        if (completed.isEmpty() || completed.size() < nStartupTrials) return false;
        if (evalIndex < nWarmupEvals) return false;

        double best = value;
        History.Curve own = history.curve(trialNumber).orElse(null);
        if (own != null) {
            for (int i = 0; i < evalIndex && i < own.values().size(); i++) best = better(best, own.values().get(i));
        }
        if (Double.isNaN(best)) return true;

        List<Double> others = new ArrayList<>();
        for (History.Curve c : completed) {
            double v = c.at(evalIndex);
            if (!Double.isNaN(v)) others.add(v);
        }
        if (others.isEmpty()) return false;
        return direction.loss(best) > direction.loss(median(others));
    }

    /** The better of two values, NaN counting as absent. */
    private double better(double a, double b) {
        if (Double.isNaN(a)) return b;
        if (Double.isNaN(b)) return a;
        return direction.isBetter(b, a) ? b : a;
    }

    /** numpy's percentile 50 with linear interpolation: the mean of the two middle values for an even count. */
    static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : 0.5 * (v.get(n / 2 - 1) + v.get(n / 2));
    }
}
