package dev.simlab.study.stats;

import dev.simlab.core.rng.Rng;
import java.util.Arrays;

/**
 * Probability of improvement P(X > Y): the chance that a run of algorithm X scores higher than a
 * run of algorithm Y on a task, ties counting half, averaged over tasks (Agarwal et al., 2021,
 * NeurIPS, section 4; rliable's {@code probability_of_improvement}). 0.5 means neither is better;
 * unlike a difference of means it says how often X wins, not by how much.
 *
 * <p>Per task it is the Mann-Whitney U statistic of X against Y divided by the number of pairs:
 * {@code (#{x > y} + 0.5 #{x = y}) / (runsX · runsY)}. X and Y must have the same tasks in the
 * same columns but may have different numbers of runs.
 */
public final class ProbabilityOfImprovement {
    /**
     * 2,000 replicates, what rliable's README and notebook use for probability of improvement: a
     * report computes it for every pair of algorithms, and each replicate ranks both algorithms'
     * runs, so 50,000 would cost up to seconds per pair. Endpoints wobble by about 3% of the
     * interval's half-width.
     */
    public static final int DEFAULT_REPS = 2_000;

    private ProbabilityOfImprovement() {}

    /** P(X > Y) of the scores {@code x} and {@code y}, each {@code double[runs][tasks]}. */
    public static double of(double[][] x, double[][] y) {
        requireComparable(x, y);
        return compute(x, y, new double[Scores.runs(y)]);
    }

    /**
     * P(X > Y) with its 95% interval from {@link #DEFAULT_REPS} replicates drawn from {@code new
     * Rng(seed)}.
     */
    public static Estimate interval(double[][] x, double[][] y, long seed) {
        return interval(x, y, DEFAULT_REPS, StratifiedBootstrap.DEFAULT_CONFIDENCE, new Rng(seed));
    }

    /**
     * P(X > Y) with its {@code confidence} percentile interval: each of the {@code reps} replicates
     * resamples X's runs and Y's runs independently of each other, each stratified by task (as
     * rliable's {@code StratifiedIndependentBootstrap}), so the interval reflects both
     * algorithms' seed-to-seed variation. Draws come from (and advance) {@code rng}: X's, then Y's.
     */
    public static Estimate interval(double[][] x, double[][] y, int reps, double confidence, Rng rng) {
        requireComparable(x, y);
        Scores.requireReps(reps);
        Scores.requireConfidence(confidence);
        double[] column = new double[Scores.runs(y)];
        double point = compute(x, y, column);
        double[][] bx = new double[Scores.runs(x)][Scores.tasks(x)];
        double[][] by = new double[Scores.runs(y)][Scores.tasks(y)];
        double[] replicates = new double[reps];
        for (int r = 0; r < reps; r++) {
            StratifiedBootstrap.resampleInto(x, bx, rng);
            StratifiedBootstrap.resampleInto(y, by, rng);
            replicates[r] = compute(bx, by, column);
        }
        return StratifiedBootstrap.percentileInterval(point, replicates, confidence);
    }

    private static void requireComparable(double[][] x, double[][] y) {
        Scores.requireValid(x, "x");
        Scores.requireValid(y, "y");
        if (Scores.tasks(x) != Scores.tasks(y)) {
            throw new IllegalArgumentException("x has " + Scores.tasks(x) + " tasks but y has " + Scores.tasks(y)
                    + ": P(X > Y) compares the two task by task");
        }
    }

    /** The mean over tasks of the normalised U statistic; {@code yColumn} is scratch space. */
    private static double compute(double[][] x, double[][] y, double[] yColumn) {
        int tasks = Scores.tasks(x);
        double sum = 0;
        for (int t = 0; t < tasks; t++) sum += taskProbability(x, y, t, yColumn);
        return sum / tasks;
    }

    private static double taskProbability(double[][] x, double[][] y, int task, double[] yColumn) {
        int runsY = Scores.runs(y);
        for (int run = 0; run < runsY; run++) yColumn[run] = y[run][task];
        // Sorting Y once makes each x's count of smaller and equal ys two binary searches, so a
        // replicate costs O((runsX + runsY) log runsY) rather than a pass over all pairs.
        Arrays.sort(yColumn);
        double wins = 0;
        double ties = 0;
        for (double[] row : x) {
            double xs = row[task];
            int below = Scores.countBelow(yColumn, xs);
            int notAbove = Scores.countAtMost(yColumn, xs);
            wins += below;
            ties += notAbove - below;
        }
        return (wins + 0.5 * ties) / ((double) x.length * runsY);
    }
}
