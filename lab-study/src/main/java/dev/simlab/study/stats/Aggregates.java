package dev.simlab.study.stats;

import java.util.Arrays;

/**
 * Point estimates of how well an algorithm does across runs and tasks, as defined by rliable
 * (Agarwal et al., 2021, "Deep RL at the Edge of the Statistical Precipice", NeurIPS, section 4).
 * Each takes a score matrix {@code double[runs][tasks]}; wrap one in {@link StratifiedBootstrap}
 * to get its confidence interval. The paper recommends the {@link #iqm IQM} over the mean (swayed
 * by outliers) and the median (noisy, and blind to half of the tasks).
 */
public final class Aggregates {
    /** The optimality gap's default target: 1, a normalised score that counts as solved. */
    public static final double DEFAULT_GAMMA = 1.0;

    /** rliable's IQM cuts this fraction of the scores from each end before averaging. */
    private static final double IQM_CUT = 0.25;

    private Aggregates() {}

    /**
     * Mean over tasks of each task's mean score across runs. For the rectangular matrices taken
     * here this is also the mean of all scores; one lucky run or easy task can move it a lot.
     */
    public static double mean(double[][] scores) {
        Scores.requireValid(scores, "scores");
        double[] taskMeans = taskMeans(scores);
        double sum = 0;
        for (double m : taskMeans) sum += m;
        return sum / taskMeans.length;
    }

    /**
     * Median over tasks of each task's mean score across runs (rliable's median: of task means,
     * not of all scores). With an even number of tasks it is the midpoint of the two middle ones.
     * Robust to outlying tasks but ignores how the other half did, and with one task it is the mean.
     */
    public static double median(double[][] scores) {
        Scores.requireValid(scores, "scores");
        double[] taskMeans = taskMeans(scores);
        Arrays.sort(taskMeans);
        int n = taskMeans.length;
        return n % 2 == 1 ? taskMeans[n / 2] : (taskMeans[n / 2 - 1] + taskMeans[n / 2]) / 2;
    }

    /**
     * Interquartile mean: the mean of the middle 50% of all run×task scores pooled together, so
     * neither the worst nor the best quarter of runs sways it. As in rliable ({@code
     * scipy.stats.trim_mean(scores, 0.25, axis=None)}), {@code floor(n/4)} scores are cut from each
     * end of the {@code n} sorted scores: of 1..8 it averages 3..6; of 10 scores it cuts 2 and 2;
     * under 4 scores nothing is cut and it is the mean.
     */
    public static double iqm(double[][] scores) {
        Scores.requireValid(scores, "scores");
        double[] flat = Scores.flatten(scores);
        Arrays.sort(flat);
        int n = flat.length;
        // trim_mean truncates proportiontocut·n; 0.25·n is exact in binary, so this is floor(n/4).
        int cut = (int) (IQM_CUT * n);
        double sum = 0;
        for (int i = cut; i < n - cut; i++) sum += flat[i];
        return sum / (n - 2 * cut);
    }

    /** {@link #optimalityGap(double[][], double)} with the default target γ = 1. */
    public static double optimalityGap(double[][] scores) {
        return optimalityGap(scores, DEFAULT_GAMMA);
    }

    /**
     * Optimality gap: how far, on average over all run×task scores, the algorithm falls short of
     * the target {@code gamma}: the mean of {@code max(0, gamma - score)}. Lower is better; scores
     * above the target earn nothing, so it does not reward beating an already good-enough score.
     */
    public static double optimalityGap(double[][] scores, double gamma) {
        Scores.requireValid(scores, "scores");
        if (!Double.isFinite(gamma)) throw new IllegalArgumentException("gamma must be finite: " + gamma);
        double sum = 0;
        int n = 0;
        for (double[] row : scores) {
            for (double s : row) {
                sum += Math.max(0, gamma - s);
                n++;
            }
        }
        return sum / n;
    }

    private static double[] taskMeans(double[][] scores) {
        int tasks = Scores.tasks(scores);
        double[] means = new double[tasks];
        for (double[] row : scores) {
            for (int t = 0; t < tasks; t++) means[t] += row[t];
        }
        for (int t = 0; t < tasks; t++) means[t] /= scores.length;
        return means;
    }
}
