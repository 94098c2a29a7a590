package dev.simlab.classiccontrol;

import dev.simlab.core.env.Env;
import dev.simlab.core.env.Step;
import dev.simlab.core.param.ConfigNode;
import dev.simlab.core.plugin.EnvType;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.space.Discrete;
import dev.simlab.core.space.Space;
import java.util.Set;

/** Builds envs the way a scenario does (text values through the schema). */
final class TestEnvs {
    static final String[] IDS = {"cartpole", "mountaincar", "acrobot", "pendulum", "mountaincar-continuous"};

    private TestEnvs() {}

    static EnvType type(String id) {
        return new ClassicControlProvider().envs().stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + id));
    }

    /** @param keyValues alternating key, value as a scenario would write them */
    static ClassicControlEnv create(String id, String... keyValues) {
        ConfigNode section = ConfigNode.mapping("test.yaml:1", "env");
        for (int i = 0; i < keyValues.length; i += 2) {
            section.put(keyValues[i], ConfigNode.scalar("test.yaml:" + (i + 2), "env." + keyValues[i], keyValues[i + 1]));
        }
        EnvType type = type(id);
        return (ClassicControlEnv) type.factory().create(type.params().validate(section, Set.of("id", "max_episode_steps")));
    }

    /** A seeded, uniformly random policy over the env's action space (Discrete or Box) that steps without allocating. */
    static final class RandomPolicy {
        private final Space space;
        private final Rng rng;
        private final int[] discrete = new int[1];
        private final float[] box;

        RandomPolicy(Env env, long seed) {
            this.space = env.actionSpace();
            this.rng = new Rng(seed);
            this.box = new float[space instanceof Discrete ? 0 : space.flatSize()];
        }

        Step step(Env env) {
            space.sample(rng, discrete, 0, box, 0);
            return space instanceof Discrete ? env.step(discrete[0]) : env.step(box);
        }
    }
}
