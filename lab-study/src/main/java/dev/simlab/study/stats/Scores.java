package dev.simlab.study.stats;

/**
 * Checks and reshapes the {@code double[runs][tasks]} score matrices every statistic takes, so
 * that a ragged or NaN-laden matrix fails at the call with a message naming the cell, not later
 * as a silently wrong interval.
 */
final class Scores {
    private Scores() {}

    /** Throws unless {@code scores} is a non-empty rectangular matrix of finite numbers. */
    static void requireValid(double[][] scores, String name) {
        if (scores == null) throw new IllegalArgumentException(name + " is null");
        if (scores.length == 0) throw new IllegalArgumentException(name + " has no runs");
        if (scores[0] == null || scores[0].length == 0) {
            throw new IllegalArgumentException(name + " has no tasks");
        }
        int tasks = scores[0].length;
        for (int run = 0; run < scores.length; run++) {
            double[] row = scores[run];
            if (row == null || row.length != tasks) {
                throw new IllegalArgumentException(name + " is ragged: run " + run + " has "
                        + (row == null ? "no row" : row.length + " tasks") + ", run 0 has " + tasks);
            }
            for (int task = 0; task < tasks; task++) {
                if (!Double.isFinite(row[task])) {
                    throw new IllegalArgumentException(
                            name + "[" + run + "][" + task + "] is not a finite score: " + row[task]);
                }
            }
        }
    }

    static int runs(double[][] scores) {
        return scores.length;
    }

    static int tasks(double[][] scores) {
        return scores[0].length;
    }

    /** All run×task scores in one array (row by row); a fresh array the caller may reorder. */
    static double[] flatten(double[][] scores) {
        int tasks = tasks(scores);
        double[] flat = new double[scores.length * tasks];
        for (int run = 0; run < scores.length; run++) {
            System.arraycopy(scores[run], 0, flat, run * tasks, tasks);
        }
        return flat;
    }

    /** The scores of one task across runs. */
    static double[] column(double[][] scores, int task) {
        double[] column = new double[scores.length];
        for (int run = 0; run < scores.length; run++) column[run] = scores[run][task];
        return column;
    }

    static void requireConfidence(double confidence) {
        // Written so that NaN fails too.
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be strictly between 0 and 1: " + confidence);
        }
    }

    static void requireReps(int reps) {
        if (reps < 1) throw new IllegalArgumentException("reps must be at least 1: " + reps);
    }

    /** How many entries of the ascending array {@code sorted} are below {@code v} (binary search). */
    static int countBelow(double[] sorted, double v) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** How many entries of the ascending array {@code sorted} are at or below {@code v}. */
    static int countAtMost(double[] sorted, double v) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
