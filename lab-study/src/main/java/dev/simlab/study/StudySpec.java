package dev.simlab.study;

import java.util.List;
import java.util.Map;

/**
 * A validated study file: what to run (one scenario searched over a space, or several scenarios
 * compared on the same seeds), how many seeds each configuration gets, what to optimise, and how
 * to prune and retry.
 *
 * @param source the study file
 * @param scenarios one scenario (a search) or several ({@code compare:}), as paths or built-in names
 * @param method {@code grid}, {@code random}, {@code tpe}, or {@code compare}
 * @param trials the trial budget (grid: at most this many points; 0 = every point)
 * @param searchSeed the sampler's seed
 * @param space the searched keys in file order, each a map as written ({@code values:} or {@code range:} with {@code log:}, {@code grid_points:})
 * @param seeds runs per configuration: seeds {@code run.seed .. run.seed + seeds - 1} for every configuration
 * @param lag constant-liar lag: trial n is proposed from trials below n − lag as finished and the rest as pending
 * @param retries attempts after the first for a trial that crashes
 */
public record StudySpec(String source, String name, List<String> scenarios, String method, int trials, long searchSeed,
                        Map<String, Map<String, Object>> space, int seeds, Objective objective, Prune prune, int retries, int lag) {

    /**
     * What a trial is scored by: a {@code summary.json} per-run figure ({@code final_eval_return_mean},
     * {@code high_quality}…) averaged over the trial's runs, or with {@code episodes: [first, last]}
     * the mean of a {@code metrics.csv} column over those episodes (inclusive, as the file numbers
     * them; {@code return_mean} reads the {@code return} column), averaged over runs.
     */
    public record Objective(String metric, long firstEpisode, long lastEpisode, boolean maximise) {
        public boolean windowed() {
            return firstEpisode > 0;
        }

        /** Better of two objective values in this objective's direction (NaN is worst). */
        public boolean better(double a, double b) {
            if (Double.isNaN(b)) return !Double.isNaN(a);
            if (Double.isNaN(a)) return false;
            return maximise ? a > b : a < b;
        }
    }

    /** Pruning on intermediate evaluations: {@code none}, {@code median} or {@code asha}, with its settings. */
    public record Prune(String method, int warmupEvals, int minResource, int reductionFactor) {
        public static final Prune NONE = new Prune("none", 0, 1, 3);
    }

    public boolean compare() {
        return method.equals("compare");
    }
}
