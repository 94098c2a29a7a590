package dev.simlab.study.prune;

import dev.simlab.study.search.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Asynchronous successive halving (Li et al. 2020; Optuna's {@code SuccessiveHalvingPruner}, Ray
 * Tune's {@code ASHAScheduler}). Rung k is reached after {@code minResource * eta^k} evaluations,
 * i.e. at evaluation index {@code minResource * eta^k - 1}. A trial reaching a rung continues only
 * if its value there is among the top {@code max(1, floor(m / eta))} of the m values recorded at that
 * rung so far, its own included (Optuna's rule; ties continue). A trial's value at a rung is its
 * value at that evaluation index, so the values recorded at a rung are read off the history: every
 * other trial, in any state, with a value at that index. The first trial at a rung always continues;
 * later ones face a bar that rises as the rung fills, which is what makes it asynchronous: no trial
 * waits for a cohort. Between rungs nothing is pruned, so call this at every evaluation. NaN at a
 * rung prunes.
 */
public final class AshaPruner implements Pruner {
    public static final int DEFAULT_REDUCTION_FACTOR = 3;

    private final Direction direction;
    private final int minResource;
    private final int reductionFactor;

    public AshaPruner(Direction direction, int minResource, int reductionFactor) {
        if (minResource < 1) throw new IllegalArgumentException("minResource must be >= 1: " + minResource);
        if (reductionFactor < 2) throw new IllegalArgumentException("reductionFactor must be >= 2: " + reductionFactor);
        this.direction = Objects.requireNonNull(direction, "direction");
        this.minResource = minResource;
        this.reductionFactor = reductionFactor;
    }

    /** The rung reached after evaluation {@code evalIndex}, or -1 when it is not a rung. */
    public int rungAt(int evalIndex) {
        long resource = (long) evalIndex + 1;
        long r = minResource;
        for (int k = 0; r <= resource; k++, r *= reductionFactor) {
            if (r == resource) return k;
        }
        return -1;
    }

    @Override
    public boolean prune(int trialNumber, int evalIndex, double value, History history) {
        if (rungAt(evalIndex) < 0) return false;
        if (Double.isNaN(value)) return true;
        List<Double> recorded = new ArrayList<>();
        for (History.Curve c : history.curves()) {
            if (c.trialNumber() == trialNumber) continue;
            double v = c.at(evalIndex);
            if (!Double.isNaN(v)) recorded.add(direction.loss(v));
        }
        recorded.add(direction.loss(value));
        recorded.sort(null);
        int keep = Math.max(1, recorded.size() / reductionFactor);
        return direction.loss(value) > recorded.get(keep - 1);
    }
}
