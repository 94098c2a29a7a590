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
 * @param prune the {@code prune:} section as written ({@code method: median|asha|none} and its settings); empty for none
 * @param lag constant-liar lag: trial n is proposed from trials below n − lag as finished and the rest as pending
 * @param retries attempts after the first for a trial that crashes
 */
public record StudySpec(String source, String name, List<String> scenarios, String method, int trials, long searchSeed,
                        Map<String, Map<String, Object>> space, int seeds, Objective objective, Map<String, Object> prune, int retries, int lag) {

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

    public boolean compare() {
        return method.equals("compare");
    }

    /**
     * The study with every default filled in, as a study file: written to the study folder as
     * {@code study.yaml}, which workers and {@code simlab trial} read back.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("name", name);
        if (compare()) {
            m.put("compare", scenarios);
        } else {
            m.put("scenario", scenarios.get(0));
            Map<String, Object> search = new java.util.LinkedHashMap<>();
            search.put("method", method);
            search.put("trials", trials);
            search.put("seed", searchSeed);
            search.put("lag", lag);
            search.put("space", space);
            m.put("search", search);
        }
        m.put("seeds", seeds);
        Map<String, Object> o = new java.util.LinkedHashMap<>();
        o.put("metric", objective.metric());
        if (objective.windowed()) o.put("episodes", List.of(objective.firstEpisode(), objective.lastEpisode()));
        o.put("goal", objective.maximise() ? "max" : "min");
        m.put("objective", o);
        Map<String, Object> p = new java.util.LinkedHashMap<>(prune);
        m.put("prune", p);
        m.put("retries", retries);
        return m;
    }
}
