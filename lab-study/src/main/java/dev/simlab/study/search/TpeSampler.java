package dev.simlab.study.search;

import dev.simlab.core.rng.Rng;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Tree-structured Parzen Estimator (Bergstra et al. 2011) as Optuna's {@code TPESampler} does it
 * with independent sampling per parameter ({@code multivariate=False}, Optuna 4's default; Optuna 5
 * turns multivariate on for single-objective studies) and {@code constant_liar=True}:
 * <ol>
 *   <li>until {@code nStartupTrials} (10) trials have finished (complete or pruned), random proposals,
 *       the same ones {@link RandomSampler} makes with this seed;
 *   <li>then the finished trials split into good and bad: the best gamma(n) = min(ceil(0.1 n), 25)
 *       complete trials are good; if there are fewer complete trials than that, pruned trials fill
 *       the rest, those that got further first and then by their last intermediate value
 *       (Optuna's rule: a trial pruned late beat the pruner longer);
 *   <li>per parameter, in file order: Parzen estimators l(x) over the good and g(x) over the bad
 *       trials' values (truncated Gaussian mixtures over the range, in log space with {@code log};
 *       smoothed counts for {@code values}; prior weight 1), {@code nEiCandidates} (24) draws from
 *       l(x), and the draw with the largest l(x)/g(x).
 * </ol>
 *
 * <p><b>Failed trials</b> join the bad group: a configuration that crashes or diverges is a region to
 * leave (Optuna ignores failed trials, which lets TPE come back to a crashing configuration again and
 * again). They do not count towards n or the startup trials. A coordinator that retries failures of
 * its own (a lost worker) should not report those as failed.
 *
 * <p><b>Constant liar.</b> Several trials may be pending at once (parallel workers). Each pending
 * trial enters the history as if it had finished with the worst finished objective, ranked after
 * every finished trial (pruned ones included), so it always lands in the bad group g(x), as Optuna's
 * {@code constant_liar=True} puts running trials in its "above" group. l(x) is unchanged and g(x)
 * grows near configurations already being tried, so concurrent proposals spread out instead of piling
 * onto the current best. Pending trials do not count towards n, so gamma(n) and the good group depend
 * on finished trials only; a pending entry with the proposed trial's own number is ignored.
 *
 * <p><b>Determinism.</b> A proposal depends only on the seed, the trial number, and the finished and
 * pending trials as sets: both lists are sorted by trial number before use (Optuna's order, which
 * also decides which old trials the weight ramp discounts), and the randomness comes from
 * {@link Sampler#rngFor}(seed, trial number), one split per parameter. So the same seed, finished
 * history and pending set give the same proposal whatever the number of workers or the order in
 * which results arrived. Values in the history that are outside the space (an edited study file) are
 * skipped for that parameter.
 */
public final class TpeSampler implements Sampler {
    /** Optuna's defaults. */
    public static final int DEFAULT_STARTUP_TRIALS = 10;
    public static final int DEFAULT_EI_CANDIDATES = 24;

    private final SearchSpace space;
    private final long seed;
    private final Direction direction;
    private final int nStartupTrials;
    private final int nEiCandidates;
    private final RandomSampler startup;

    public TpeSampler(SearchSpace space, long seed, Direction direction) {
        this(space, seed, direction, DEFAULT_STARTUP_TRIALS, DEFAULT_EI_CANDIDATES);
    }

    public TpeSampler(SearchSpace space, long seed, Direction direction, int nStartupTrials, int nEiCandidates) {
        if (nStartupTrials < 0) throw new IllegalArgumentException("nStartupTrials must be >= 0: " + nStartupTrials);
        if (nEiCandidates < 1) throw new IllegalArgumentException("nEiCandidates must be >= 1: " + nEiCandidates);
        this.space = space;
        this.seed = seed;
        this.direction = direction;
        this.nStartupTrials = nStartupTrials;
        this.nEiCandidates = nEiCandidates;
        this.startup = new RandomSampler(space, seed);
    }

    /** Optuna's default gamma: how many of n finished trials are good. */
    public static int gamma(int n) {
        return Math.min((int) Math.ceil(0.1 * n), 25);
    }

    @Override
    public Map<String, Object> propose(int trialNumber, List<Observation> finished, List<Pending> pending) {
        int n = (int) finished.stream().filter(o -> o.status() != Observation.Status.FAILED).count();
        if (n < nStartupTrials || n == 0) return startup.propose(trialNumber, finished, pending);
        // The trial being proposed may already be registered as pending; it is no lie about itself.
        List<Pending> others = pending.stream().filter(t -> t.trialNumber() != trialNumber).toList();
        Split split = split(finished, others);
        Rng rng = Sampler.rngFor(seed, trialNumber);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Param p : space.params()) out.put(p.key(), sampleParam(p, split.good(), split.bad(), rng.split()));
        return Collections.unmodifiableMap(out);
    }

    /** The trials behind l(x) and g(x), each sorted by trial number. */
    record Split(List<Pending> good, List<Pending> bad) {}

    /** Splits the history into good and bad as the class comment says. */
    Split split(List<Observation> finished, List<Pending> pending) {
        List<Observation> history = new ArrayList<>(finished);
        history.sort(Comparator.comparingInt(Observation::trialNumber));
        List<Observation> complete = new ArrayList<>();
        List<Observation> pruned = new ArrayList<>();
        List<Pending> bad = new ArrayList<>();
        for (Observation o : history) {
            switch (o.status()) {
                case COMPLETE -> complete.add(o);
                case PRUNED -> pruned.add(o);
                case FAILED -> bad.add(new Pending(o.trialNumber(), o.params()));
            }
        }
        // Stable sorts on the trial-number order: ties go to the older trial, as in Optuna.
        complete.sort(Comparator.comparingDouble(o -> direction.loss(o.value())));
        pruned.sort(Comparator.<Observation>comparingInt(o -> -o.lastEval())
                .thenComparingDouble(o -> Double.isNaN(o.value()) ? Double.POSITIVE_INFINITY : direction.loss(o.value())));
        int nBelow = gamma(complete.size() + pruned.size());
        List<Pending> good = new ArrayList<>();
        for (Observation o : complete) (good.size() < nBelow ? good : bad).add(new Pending(o.trialNumber(), o.params()));
        for (Observation o : pruned) (good.size() < nBelow ? good : bad).add(new Pending(o.trialNumber(), o.params()));
        // The constant liar: pending trials "finished with the worst objective", i.e. they are bad.
        bad.addAll(pending);
        Comparator<Pending> byNumber = Comparator.comparingInt(Pending::trialNumber);
        good.sort(byNumber);
        bad.sort(byNumber);
        return new Split(List.copyOf(good), List.copyOf(bad));
    }

    private Object sampleParam(Param p, List<Pending> good, List<Pending> bad, Rng rng) {
        ParzenEstimator l = estimator(p, good);
        ParzenEstimator g = estimator(p, bad);
        double best = Double.NaN;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < nEiCandidates; i++) {
            double x = l.sample(rng);
            double score = l.logPdf(x) - g.logPdf(x);
            // Strictly greater: the first of tied candidates wins, like numpy's argmax.
            if (Double.isNaN(best) || score > bestScore) {
                best = x;
                bestScore = score;
            }
        }
        if (p instanceof Param.Choice c) return c.values().get((int) best);
        if (p instanceof Param.IntRange) return (int) best;
        return best;
    }

    private static ParzenEstimator estimator(Param p, List<Pending> trials) {
        List<Double> values = new ArrayList<>();
        for (Pending t : trials) {
            Object v = t.params().get(p.key());
            if (!t.params().containsKey(p.key()) || !p.contains(v)) continue;
            values.add(p instanceof Param.Choice c ? (double) c.indexOf(v) : ((Number) v).doubleValue());
        }
        double[] obs = values.stream().mapToDouble(Double::doubleValue).toArray();
        double[] weights = ParzenEstimator.defaultWeights(obs.length);
        if (p instanceof Param.Choice c) {
            return ParzenEstimator.Categorical.of(values.stream().mapToInt(Double::intValue).toArray(), weights, c.values().size());
        }
        if (p instanceof Param.IntRange r) return ParzenEstimator.Numeric.of(obs, weights, r.low(), r.high(), r.log(), true);
        Param.FloatRange f = (Param.FloatRange) p;
        return ParzenEstimator.Numeric.of(obs, weights, f.low(), f.high(), f.log(), false);
    }
}
