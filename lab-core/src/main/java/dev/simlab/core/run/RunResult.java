package dev.simlab.core.run;

import java.util.Map;

/**
 * How one run ended. {@code returns}/{@code lengths} hold every training episode, in order.
 *
 * @param status {@code completed}, {@code interrupted} or {@code failed}
 * @param error the failure's message when failed, else null
 * @param finalEvalMean greedy evaluation at the end (NaN when the plan has no evaluation)
 * @param finalEvalInfoMeans the final evaluation's mean at episode end of each key of the env's
 *     {@link dev.simlab.core.env.Info} (e.g. {@code crashed} → collision rate); empty when none
 */
public record RunResult(int run, long seed, String status, String error, long episodes, long envSteps, double wallSeconds,
                        double[] returns, int[] lengths, double finalEvalMean, double finalEvalStd,
                        Map<String, Double> finalEvalInfoMeans) {

    public RunResult(int run, long seed, String status, String error, long episodes, long envSteps, double wallSeconds,
                     double[] returns, int[] lengths, double finalEvalMean, double finalEvalStd) {
        this(run, seed, status, error, episodes, envSteps, wallSeconds, returns, lengths, finalEvalMean, finalEvalStd, Map.of());
    }

    /** Mean return of the last {@code n} training episodes (fewer if the run is shorter); NaN when none. */
    public double lastReturnsMean(int n) {
        int k = Math.min(n, returns.length);
        if (k == 0) return Double.NaN;
        double s = 0;
        for (int i = returns.length - k; i < returns.length; i++) s += returns[i];
        return s / k;
    }
}
