package dev.simlab.core.run;

import java.util.Map;

/**
 * One finished training episode of one run, with the agent's metrics at that moment and, when an
 * evaluation was due after it, the greedy evaluation's mean and standard deviation (NaN otherwise).
 */
public record EpisodeRecord(int run, long episode, double episodeReturn, int length, long envSteps, double wallSeconds,
                            Map<String, Double> agentMetrics, double evalReturnMean, double evalReturnStd) {
    public boolean hasEvaluation() {
        return !Double.isNaN(evalReturnMean);
    }
}
