package dev.simlab.study.search;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.rng.Rng;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Proposes the parameters of a study's trials. A proposal is a pure function of the study seed,
 * the trial number and the given history: samplers keep no mutable state and draw no number from a
 * shared stream, so a study replays identically whatever the number of workers, the order in which
 * results arrive, or a restart of the coordinator (nothing to checkpoint).
 */
public interface Sampler {

    /**
     * The parameters of trial {@code trialNumber}, keyed in the search space's order.
     *
     * @param finished trials that ended, in any order (samplers sort them by trial number)
     * @param pending trials proposed earlier and not finished, in any order
     */
    Map<String, Object> propose(int trialNumber, List<Observation> finished, List<Pending> pending);

    /**
     * The generator of one trial's proposal: seeded from (study seed, trial number) only. The trial
     * number is spread by an odd constant (a bijection on 64 bits), so two trials of one study never
     * share a seed, and Rng's SplitMix64 seeding decorrelates neighbouring ones.
     */
    static Rng rngFor(long seed, int trialNumber) {
        long studyStream = new Rng(seed).nextLong();
        return new Rng(studyStream ^ (trialNumber * 0x9E3779B97F4A7C15L));
    }

    /** The sampler of {@code search.method}: grid, random or tpe. */
    static Sampler create(String where, Object method, SearchSpace space, long seed, Direction direction) {
        String m = method == null ? "" : method.toString().trim().toLowerCase(Locale.ROOT);
        return switch (m) {
            case "grid" -> new GridSampler(space);
            case "random" -> new RandomSampler(space, seed);
            case "tpe" -> new TpeSampler(space, seed, direction);
            default -> throw new ConfigException(where, "search.method", "expected grid, random or tpe, found '" + method + "'");
        };
    }
}
