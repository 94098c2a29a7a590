package dev.simlab.core.scenario;

import dev.simlab.core.env.Env;
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

    /** The env to build: its type, parameters and the time limit the lab wraps it in (0: none). */
    record EnvSpec(EnvType type, Registry.Origin origin, Params params, int maxEpisodeSteps) {
        /** One env copy: the plugin's env in the scenario's time limit. */
        public Env build() {
            return build(maxEpisodeSteps);
        }

        /** One env copy in a time limit of {@code limit} steps (0: none). */
        public Env build(int limit) {
            Env env = type.factory().create(params);
            return limit > 0 ? new TimeLimit(env, limit) : env;
        }
    }

    record AgentSpec(AgentType type, Registry.Origin origin, Params params) {}

    record GanSpec(GanType type, Registry.Origin origin, Params params) {}

    record DatasetSpec(DatasetType type, Registry.Origin origin, Params params) {}
}
