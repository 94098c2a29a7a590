package dev.simlab.core.scenario;

import dev.simlab.core.env.Env;
import dev.simlab.core.env.EnvWrappers;
import dev.simlab.core.env.Normalization;
import dev.simlab.core.env.TimeLimit;
import dev.simlab.core.param.Params;
import dev.simlab.core.plugin.AgentType;
import dev.simlab.core.plugin.DatasetType;
import dev.simlab.core.plugin.EnvType;
import dev.simlab.core.plugin.GanType;
import dev.simlab.core.plugin.Registry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated scenario: an {@link RlScenario} (an env and an agent, trained by episodes or env
 * steps) or a {@link GanScenario} (a GAN and its dataset, trained by iterations), parameters with
 * defaults filled in, and the {@link RunPlan} both kinds share. {@link #resolved()} is the
 * complete configuration as plain data, written to the run folder so a run records exactly what
 * produced it.
 */
public sealed interface Scenario permits RlScenario, GanScenario {
    String name();

    String description();

    /** Where it was read from: a file path, {@code built-in:NAME}, or a test's label. */
    String source();

    RunPlan run();

    Map<String, Object> resolved();

    /**
     * {@link #resolved()} without what names or describes the scenario and without the given
     * {@code run:} keys: what identifies the computation (a checkpoint's fingerprint, a study
     * trial's id) leaves out keys that change no figure, such as {@code threads} and {@code tensorboard}.
     */
    default Map<String, Object> resolvedWithout(String... runKeys) {
        Map<String, Object> m = new LinkedHashMap<>(resolved());
        m.remove("name");
        m.remove("description");
        if (m.get("run") instanceof Map<?, ?> run) {
            Map<Object, Object> r = new LinkedHashMap<>(run);
            for (String k : runKeys) r.remove(k);
            m.put("run", r);
        }
        return m;
    }

    /** The two plugin parts, e.g. env then agent: for headers, provenance and summaries. */
    List<Part> parts();

    /** What one run's budget is, e.g. {@code 500 episodes} or {@code 20000 iterations}. */
    String budget();

    /** True when training loads ND4J (DQN, GANs); tabular runs never do. */
    boolean usesNeuralNetworks();

    /** A plugin-provided part of a scenario: its role ({@code env}, {@code agent}, {@code gan}, {@code dataset}), id and origin. */
    record Part(String role, String id, Registry.Origin origin) {}

    /**
     * The env to build: its type, parameters, the time limit the lab wraps it in (0: none) and the
     * wrappers the scenario turns on ({@code env.normalize_observations}, …).
     */
    record EnvSpec(EnvType type, Registry.Origin origin, Params params, int maxEpisodeSteps, EnvWrappers wrappers) {
        public EnvSpec(EnvType type, Registry.Origin origin, Params params, int maxEpisodeSteps) {
            this(type, origin, params, maxEpisodeSteps, EnvWrappers.NONE);
        }

        /** One bare env copy: the plugin's env in the scenario's time limit, no other wrapper (check-env, bench-env). */
        public Env build() {
            return build(maxEpisodeSteps);
        }

        /** One bare env copy in a time limit of {@code limit} steps (0: none). */
        public Env build(int limit) {
            Env env = type.factory().create(params);
            return limit > 0 ? new TimeLimit(env, limit) : env;
        }

        /**
         * One env copy as a run's agent sees it: in a time limit of {@code limit} steps and the
         * scenario's wrappers, updating the run's {@code stats} when {@code training}, reading
         * them frozen otherwise (evaluation).
         */
        public Env build(int limit, Normalization stats, boolean training) {
            return wrappers.wrap(build(limit), type.id(), stats, training);
        }

        /** Fresh normalisation statistics for one run (empty when no normalisation is on). */
        public Normalization newNormalization() {
            if (!wrappers.normalizeObservations() && !wrappers.normalizeRewards()) return Normalization.NONE;
            try (Env probe = build(0)) {
                return wrappers.newNormalization(probe);
            }
        }
    }

    record AgentSpec(AgentType type, Registry.Origin origin, Params params) {}

    record GanSpec(GanType type, Registry.Origin origin, Params params) {}

    record DatasetSpec(DatasetType type, Registry.Origin origin, Params params) {}
}
