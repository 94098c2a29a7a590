package dev.simlab.core.run;

import java.util.Map;

/**
 * How one GAN run ended.
 *
 * @param status {@code completed}, {@code interrupted} or {@code failed}
 * @param error the failure's message when failed, else null
 * @param finalMetrics the last evaluation's figures by metrics.csv column (e.g. {@code eval_modes_covered})
 */
public record GanResult(int run, long seed, String status, String error, long iterations, double wallSeconds,
                        Map<String, Double> finalMetrics) {

    public double iterationsPerSecond() {
        return wallSeconds > 0 ? iterations / wallSeconds : Double.NaN;
    }

    /** The RL-shaped result the CLI's progress bar and {@link Experiment#run()} callers expect. */
    RunResult asRunResult() {
        return new RunResult(run, seed, status, error, iterations, iterations, wallSeconds, new double[0], new int[0], Double.NaN, Double.NaN);
    }
}
