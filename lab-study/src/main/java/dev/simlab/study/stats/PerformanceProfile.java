package dev.simlab.study.stats;

import dev.simlab.core.rng.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Performance profiles (Agarwal et al., 2021, NeurIPS, section 4; rliable's {@code
 * create_performance_profile} with its default run-score distribution): for each threshold τ, the
 * fraction of all run×task scores strictly above τ. Read as a curve falling from 1 to 0, it shows
 * the whole spread of outcomes; one algorithm's curve lying above another's at every τ means it
 * is better however the scores are summarised.
 */
public final class PerformanceProfile {
    /**
     * 2,000 replicates, rliable's default for profiles: bands are drawn at every τ, and their
     * endpoints wobble by about 3% of their half-width at this count, invisible on a plot.
     */
    public static final int DEFAULT_REPS = 2_000;

    private PerformanceProfile() {}

    /** One threshold of a profile: the fraction of scores above {@code tau}, with its band. */
    public record Point(double tau, Estimate fraction) {}

    /** The fraction of run×task scores strictly greater than each τ, in the order of {@code taus}. */
    public static double[] fractionsAbove(double[][] scores, double[] taus) {
        Scores.requireValid(scores, "scores");
        requireTaus(taus);
        return fractions(scores, taus);
    }

    /**
     * The profile at each τ with its 95% band from {@link #DEFAULT_REPS} stratified replicates
     * drawn from {@code new Rng(seed)}.
     */
    public static List<Point> withBands(double[][] scores, double[] taus, long seed) {
        return withBands(scores, taus, DEFAULT_REPS, StratifiedBootstrap.DEFAULT_CONFIDENCE, new Rng(seed));
    }

    /**
     * The profile at each τ with its {@code confidence} percentile band: every τ is evaluated on
     * the same {@code reps} {@linkplain StratifiedBootstrap stratified replicates} drawn from (and
     * advancing) {@code rng}, as rliable does. Points come in the order of {@code taus}.
     */
    public static List<Point> withBands(double[][] scores, double[] taus, int reps, double confidence, Rng rng) {
        Scores.requireValid(scores, "scores");
        requireTaus(taus);
        double[] copy = taus.clone();
        Estimate[] bands = StratifiedBootstrap.intervals(scores, s -> fractions(s, copy), reps, confidence, rng);
        List<Point> points = new ArrayList<>(copy.length);
        for (int i = 0; i < copy.length; i++) points.add(new Point(copy[i], bands[i]));
        return List.copyOf(points);
    }

    private static void requireTaus(double[] taus) {
        if (taus == null || taus.length == 0) throw new IllegalArgumentException("no thresholds τ given");
        for (double tau : taus) {
            if (Double.isNaN(tau)) throw new IllegalArgumentException("threshold τ is NaN");
        }
    }

    private static double[] fractions(double[][] scores, double[] taus) {
        double[] flat = Scores.flatten(scores);
        // Sorted once, each τ's count of scores above it is one binary search.
        Arrays.sort(flat);
        double[] fractions = new double[taus.length];
        for (int i = 0; i < taus.length; i++) {
            fractions[i] = (double) (flat.length - Scores.countAtMost(flat, taus[i])) / flat.length;
        }
        return fractions;
    }
}
