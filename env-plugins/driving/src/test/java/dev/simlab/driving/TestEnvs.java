package dev.simlab.driving;

import dev.simlab.core.param.Param;
import dev.simlab.core.plugin.EnvType;
import dev.simlab.core.param.Params;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the plugin's envs the way the lab does: the declared defaults, overridden by a few values. */
final class TestEnvs {
    private TestEnvs() {}

    static EnvType type(String id) {
        return new DrivingProvider().envs().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    static DrivingEnv create(String id, Object... overrides) {
        EnvType t = type(id);
        Map<String, Object> m = new LinkedHashMap<>();
        for (Param p : t.params().params()) m.put(p.name(), p.defaultValue());
        for (int i = 0; i < overrides.length; i += 2) {
            Object v = overrides[i + 1];
            if (v instanceof Integer k) v = (long) k;
            m.put((String) overrides[i], v);
        }
        return (DrivingEnv) t.factory().create(Params.of(m));
    }
}
