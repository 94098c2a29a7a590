package dev.simlab.core.run;

/**
 * How one run ended. {@code returns}/{@code lengths} hold every training episode, in order.
 *
 * @param status {@code completed}, {@code interrupted} or {@code failed}
 * @param error the failure's message when failed, else null
 * @param finalEvalMean greedy evaluation at the end (NaN when the plan has no evaluation)
 */
public record RunResult(int run, long seed, String status, String error, long episodes, long envSteps, double wallSeconds,
                        double[] returns, int[] lengths, double finalEvalMean, double finalEvalStd) {

    /** Mean return of the last {@code n} training episodes (fewer if the run is shorter); NaN when none. */
    public double lastReturnsMean(int n) {
        int k = Math.min(n, returns.length);
        if (k == 0) return Double.NaN;
        double s = 0;
        for (int i = returns.length - k; i < returns.length; i++) s += returns[i];
        return s / k;
    }
}
