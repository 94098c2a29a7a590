package dev.simlab.study.search;

import dev.simlab.core.rng.Rng;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Independent draws per parameter: uniform over {@code values} and ranges, log-uniform with
 * {@code log}. Each parameter gets its own split of the trial's generator, in file order.
 */
public final class RandomSampler implements Sampler {
    private final SearchSpace space;
    private final long seed;

    public RandomSampler(SearchSpace space, long seed) {
        this.space = space;
        this.seed = seed;
    }

    @Override
    public Map<String, Object> propose(int trialNumber, List<Observation> finished, List<Pending> pending) {
        Rng rng = Sampler.rngFor(seed, trialNumber);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Param p : space.params()) out.put(p.key(), p.sample(rng.split()));
        return Collections.unmodifiableMap(out);
    }
}
