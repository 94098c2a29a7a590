package dev.simlab.core.run;

import java.util.Map;

/**
 * How one run ended, for any kind of run.
 *
 * @param status {@code completed}, {@code interrupted} or {@code failed}
 * @param error the failure's message when failed, else null
 * @param figures the run's figures by {@code summary.json} name, in display order: for RL runs
 *     {@code final_return_mean}, {@code final_eval_return_mean}, {@code final_eval_<key>_mean},
 *     {@code episodes}, {@code env_steps}…; for GAN runs the final scores ({@code modes_covered},
 *     {@code high_quality}…), {@code iterations}…
 * @param returns every training episode's return, in order (empty for GAN runs): the learning curve
 */
public record RunResult(int run, long seed, String status, String error, double wallSeconds, Map<String, Double> figures,
                        double[] returns) {

    /** A figure by name; NaN when the run has none by that name. */
    public double figure(String name) {
        return figures.getOrDefault(name, Double.NaN);
    }

    /** The greedy evaluation at the end of an RL run (NaN when the plan has no evaluation). */
    public double finalEvalMean() {
        return figure("final_eval_return_mean");
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
