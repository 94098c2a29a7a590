package dev.simlab.driving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.core.env.Info;
import dev.simlab.core.env.Step;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.space.Discrete;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins the simulation bit for bit: a seeded random policy steps each env id 3,000 times (resetting
 * at episode ends and every 200 steps) and the observations, rewards, flags, info and every
 * vehicle's state are hashed. The expected values were computed on the code before the split of
 * {@code Vehicles} (commit 9c18b2b); a refactoring or optimisation must leave them unchanged. A
 * deliberate change of behaviour updates them, saying so in its commit.
 */
class TraceFingerprintTest {
    private long h;

    private void mix(long value) {
        h = (h ^ value) * 0x100000001b3L;
        h ^= h >>> 29;
    }

    private void mix(double value) {
        mix(Double.doubleToRawLongBits(value));
    }

    @ParameterizedTest
    @CsvSource({
            "highway, 7651a7ae20357eea",
            "highway-fast, e88f7f27a7712b6a",
            "merge, 7338e262bd68a689",
            "intersection, b69210ab087f016a",
            "lane-keeping, d51607b3770d3e83"})
    void traceIsUnchanged(String id, String expected) {
        h = 1125899906842597L;
        DrivingEnv env = TestEnvs.create(id);
        Rng rng = new Rng(11);
        Step s = env.reset(5);
        boolean discrete = env.actionSpace() instanceof Discrete;
        int n = discrete ? ((Discrete) env.actionSpace()).n() : env.actionSpace().flatSize();
        float[] a = new float[discrete ? 0 : n];
        for (int t = 0; t < 3000; t++) {
            for (float f : s.observation()) mix(Float.floatToRawIntBits(f));
            if (discrete) {
                s = env.step(rng.nextInt(n));
            } else {
                for (int k = 0; k < n; k++) a[k] = (float) rng.uniform(-1, 1);
                s = env.step(a);
            }
            mix(s.reward());
            mix((s.terminated() ? 1 : 0) + (s.truncated() ? 2 : 0));
            Info info = s.info();
            for (int k = 0; k < info.size(); k++) {
                mix(info.key(k).hashCode());
                mix(info.value(k));
            }
            Vehicles v = env.veh;
            mix(v.n);
            for (int i = 0; i < v.n; i++) {
                mix(v.x[i]); mix(v.y[i]); mix(v.h[i]); mix(v.v[i]); mix(v.acc[i]); mix(v.steer[i]);
                mix(v.targetSpeed[i]); mix(v.timer[i]); mix(v.laneS[i]); mix(v.laneLat[i]);
                mix(v.lane[i]); mix(v.targetLane[i]); mix(v.crashed[i] ? 1 : 0); mix(v.onRoad[i] ? 1 : 0); mix(v.routeIdx[i]);
            }
            if (s.done() || t % 200 == 199) s = env.reset();
        }
        assertThat(String.format("%016x", h)).as(id).isEqualTo(expected);
    }
}
