package dev.simlab.core.env;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.param.Param;
import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.param.Params;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The wrappers a scenario turns on with {@code env.} keys beside the env's own parameters, with
 * Stable-Baselines3's {@code VecNormalize} defaults (clip 10, gamma 0.99, epsilon 1e-8). All are
 * off by default. {@link #wrap} puts them around an env in a fixed order, innermost first:
 * the time limit, {@link RescaleAction}, {@link ClipAction}, {@link NormalizeObservation},
 * {@link NormalizeReward}, so clipping acts on what the agent sends and normalisation sees what
 * the env returns.
 */
public record EnvWrappers(boolean normalizeObservations, boolean normalizeRewards, double clipObservations, double clipRewards,
                          double gamma, double epsilon, boolean clipActions, boolean rescaleActions) {
    public static final ParamSchema SCHEMA = ParamSchema.of(
            Param.bool("normalize_observations", false,
                    "standardise Box observations with a running mean and variance (SB3 VecNormalize's norm_obs), frozen for evaluation and checkpointed"),
            Param.bool("normalize_rewards", false,
                    "divide rewards by the running std of the discounted return (SB3 VecNormalize's norm_reward); metrics keep the env's returns"),
            Param.real("clip_observations", 10, 1e-6, 1e6, "normalised observations are clipped to ±this (SB3's clip_obs)"),
            Param.real("clip_rewards", 10, 1e-6, 1e6, "scaled rewards are clipped to ±this (SB3's clip_reward)"),
            Param.real("normalize_gamma", 0.99, 0, 1, "discount of the return whose std scales rewards (SB3's gamma; set it to the agent's)"),
            Param.real("normalize_epsilon", 1e-8, 0, 1, "added to the variances before the square root (SB3's epsilon)"),
            Param.bool("clip_actions", false, "clip Box actions into the env's bounds before it sees them (Gymnasium's ClipAction)"),
            Param.bool("rescale_actions", false, "the agent acts in [-1, 1], mapped linearly onto the env's Box bounds (Gymnasium's RescaleAction)"));

    /** No wrapper on. */
    public static final EnvWrappers NONE = from(SCHEMA.validate(null, java.util.Set.of()));

    public static EnvWrappers from(Params p) {
        return new EnvWrappers(p.bool("normalize_observations"), p.bool("normalize_rewards"), p.real("clip_observations"), p.real("clip_rewards"),
                p.real("normalize_gamma"), p.real("normalize_epsilon"), p.bool("clip_actions"), p.bool("rescale_actions"));
    }

    /** True when any wrapper is on. */
    public boolean any() {
        return normalizeObservations || normalizeRewards || clipActions || rescaleActions;
    }

    /** The keys as a scenario writes them, for the resolved scenario. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("normalize_observations", normalizeObservations);
        m.put("normalize_rewards", normalizeRewards);
        m.put("clip_observations", clipObservations);
        m.put("clip_rewards", clipRewards);
        m.put("normalize_gamma", gamma);
        m.put("normalize_epsilon", epsilon);
        m.put("clip_actions", clipActions);
        m.put("rescale_actions", rescaleActions);
        return m;
    }

    /** Fresh statistics for one run's env copies (empty where normalisation is off). */
    public Normalization newNormalization(Env probe) {
        return new Normalization(normalizeObservations ? new RunningMeanStd(probe.observationSpace().flatSize()) : null,
                normalizeRewards ? new RunningMeanStd(1) : null);
    }

    /**
     * Wraps one env copy (already in its time limit). {@code update}: training copies update the
     * run's statistics; evaluation copies read them frozen.
     *
     * @throws ConfigException naming the key when a wrapper does not fit the env (a Discrete space, infinite bounds)
     */
    public Env wrap(Env env, String envId, Normalization stats, boolean update) {
        Env e = env;
        if (rescaleActions) e = fit("rescale_actions", envId, e, RescaleAction::new);
        if (clipActions) e = fit("clip_actions", envId, e, ClipAction::new);
        if (normalizeObservations) e = fit("normalize_observations", envId, e, x -> new NormalizeObservation(x, stats.observations(), update, clipObservations, epsilon));
        if (normalizeRewards) e = new NormalizeReward(e, stats.returns(), update, gamma, clipRewards, epsilon);
        return e;
    }

    /** A wrapper's refusal of the env (IllegalArgumentException) as bad input on its key. */
    private static Env fit(String key, String envId, Env env, java.util.function.UnaryOperator<Env> wrapper) {
        try {
            return wrapper.apply(env);
        } catch (IllegalArgumentException ex) {
            throw new ConfigException("", "env." + key, envId + ": " + ex.getMessage());
        }
    }
}
