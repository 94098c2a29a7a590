package dev.simlab.core.run;

import java.util.Map;

/**
 * One finished training episode of one run, with the agent's metrics at that moment and, when an
 * evaluation was due after it, the greedy evaluation's mean and standard deviation (NaN otherwise).
 *
 * @param evalInfoMeans per key of the env's {@link dev.simlab.core.env.Info}, the mean over the
 *     evaluation's episodes of the value at episode end (e.g. {@code crashed} → collision rate);
 *     the keys the env reports, with NaN values where no evaluation happened; empty when the env
 *     reports no info or the plan does not evaluate
 */
public record EpisodeRecord(int run, long episode, double episodeReturn, int length, long envSteps, double wallSeconds,
                            Map<String, Double> agentMetrics, double evalReturnMean, double evalReturnStd,
                            Map<String, Double> evalInfoMeans) {
    public EpisodeRecord(int run, long episode, double episodeReturn, int length, long envSteps, double wallSeconds,
                         Map<String, Double> agentMetrics, double evalReturnMean, double evalReturnStd) {
        this(run, episode, episodeReturn, length, envSteps, wallSeconds, agentMetrics, evalReturnMean, evalReturnStd, Map.of());
    }

    public boolean hasEvaluation() {
        return !Double.isNaN(evalReturnMean);
    }
}
