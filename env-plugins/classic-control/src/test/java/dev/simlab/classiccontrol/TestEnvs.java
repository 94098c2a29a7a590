package dev.simlab.classiccontrol;

import dev.simlab.core.param.ConfigNode;
import dev.simlab.core.plugin.EnvType;
import java.util.Set;

/** Builds envs the way a scenario does (text values through the schema). */
final class TestEnvs {
    static final String[] IDS = {"cartpole", "mountaincar", "acrobot"};

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
}
