package dev.simlab.classiccontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.Env;
import dev.simlab.core.env.EnvChecker;
import dev.simlab.core.env.Step;
import dev.simlab.core.plugin.EnvType;
import dev.simlab.core.space.Box;
import dev.simlab.core.space.Discrete;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvContractTest {
    @Test
    void offersTheFiveEnvsWithGymnasiumsTimeLimitsAndHelpForEveryParameter() {
        List<EnvType> types = new ClassicControlProvider().envs();
        assertThat(types).extracting(EnvType::id).containsExactly(TestEnvs.IDS);
        assertThat(types).extracting(EnvType::maxEpisodeSteps).containsExactly(500, 200, 500, 200, 999);
        for (EnvType t : types) {
            assertThat(t.description()).isNotBlank().doesNotContain("\n");
            t.params().params().forEach(p -> assertThat(p.help()).as(t.id() + "." + p.name()).isNotBlank());
        }
        assertThat(TestEnvs.type("cartpole").params().names()).containsExactlyInAnyOrder("force_mag", "sutton_barto_reward");
        assertThat(TestEnvs.type("mountaincar").params().names()).containsExactlyInAnyOrder("force", "goal_velocity");
        assertThat(TestEnvs.type("acrobot").params().names()).containsExactly("torque_noise_max");
        assertThat(TestEnvs.type("pendulum").params().names()).containsExactly("g");
        assertThat(TestEnvs.type("mountaincar-continuous").params().names()).containsExactly("goal_velocity");
    }

    @Test
    void isDiscoverableAsAPf4jExtension() throws Exception {
        URL classes = ClassicControlProvider.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, null);
                InputStream in = loader.getResourceAsStream("META-INF/extensions.idx")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains(ClassicControlProvider.class.getName());
        }
    }

    @Test
    void keepsTheSimLabEnvContract() {
        for (String id : TestEnvs.IDS) EnvChecker.assertValid(() -> TestEnvs.create(id));
        EnvChecker.assertValid(() -> TestEnvs.create("acrobot", "torque_noise_max", "0.5"));
        EnvChecker.assertValid(() -> TestEnvs.create("cartpole", "force_mag", "20", "sutton_barto_reward", "true"));
        EnvChecker.assertValid(() -> TestEnvs.create("pendulum", "g", "9.81"));
    }

    @Test
    void everyEnvSavesAndRestoresItsStateExactly() {
        // every id the provider offers, so that a new env cannot be left out
        for (EnvType t : new ClassicControlProvider().envs()) {
            assertThatCode(() -> EnvChecker.assertRestoresExactly(() -> TestEnvs.create(t.id()))).as(t.id()).doesNotThrowAnyException();
        }
        // torque noise draws from the generator on every step, not only at reset
        assertThatCode(() -> EnvChecker.assertRestoresExactly(() -> TestEnvs.create("acrobot", "torque_noise_max", "0.3")))
                .as("acrobot with torque noise").doesNotThrowAnyException();
    }

    @Test
    void restoringGivesBackTheFloat64StateBitForBitAndRefusesAnotherEnvsCheckpoint(@TempDir Path dir) throws Exception {
        ClassicControlEnv cart = TestEnvs.create("cartpole");
        cart.reset(9);
        cart.step(1);
        cart.step(0);
        Path file = dir.resolve("env.ckpt");
        try (CheckpointWriter w = new CheckpointWriter(file)) {
            cart.saveState(w, "copy.3.");
        }
        ClassicControlEnv back = TestEnvs.create("cartpole");
        back.restoreState(new CheckpointReader(file), "copy.3.");
        assertThat(back.state()).containsExactly(cart.state());
        assertThat(back.step(1).observation()).containsExactly(cart.step(1).observation());
        assertThatThrownBy(() -> TestEnvs.create("acrobot").restoreState(new CheckpointReader(file), "copy.3."))
                .hasMessageContaining("cartpole").hasMessageContaining("acrobot");
    }

    @Test
    void spacesAreGymnasiums() {
        float f32max = Float.MAX_VALUE;
        float theta2 = (float) (2 * 12 * 2 * Math.PI / 360);
        assertThat(TestEnvs.create("cartpole").observationSpace())
                .isEqualTo(new Box(new float[] {-4.8f, -f32max, -theta2, -f32max}, new float[] {4.8f, f32max, theta2, f32max}, new int[] {4}));
        assertThat(theta2).isEqualTo(0.41887903f);
        assertThat(TestEnvs.create("cartpole").actionSpace()).isEqualTo(new Discrete(2));
        assertThat(TestEnvs.create("mountaincar").observationSpace())
                .isEqualTo(new Box(new float[] {-1.2f, -0.07f}, new float[] {0.6f, 0.07f}, new int[] {2}));
        assertThat(TestEnvs.create("mountaincar").actionSpace()).isEqualTo(new Discrete(3));
        float v1 = (float) (4 * Math.PI);
        float v2 = (float) (9 * Math.PI);
        assertThat(TestEnvs.create("acrobot").observationSpace())
                .isEqualTo(new Box(new float[] {-1, -1, -1, -1, -v1, -v2}, new float[] {1, 1, 1, 1, v1, v2}, new int[] {6}));
        assertThat(TestEnvs.create("acrobot").actionSpace()).isEqualTo(new Discrete(3));
        assertThat(TestEnvs.create("pendulum").observationSpace())
                .isEqualTo(new Box(new float[] {-1, -1, -8}, new float[] {1, 1, 8}, new int[] {3}));
        assertThat(TestEnvs.create("pendulum").actionSpace()).isEqualTo(new Box(new float[] {-2}, new float[] {2}, new int[] {1}));
        assertThat(TestEnvs.create("mountaincar-continuous").observationSpace())
                .isEqualTo(new Box(new float[] {-1.2f, -0.07f}, new float[] {0.6f, 0.07f}, new int[] {2}));
        assertThat(TestEnvs.create("mountaincar-continuous").actionSpace()).isEqualTo(new Box(new float[] {-1}, new float[] {1}, new int[] {1}));
    }

    @Test
    void observationsAreTheFloat32StateAndStayInTheSpace() {
        for (String id : TestEnvs.IDS) {
            ClassicControlEnv env = TestEnvs.create(id);
            Box obs = (Box) env.observationSpace();
            TestEnvs.RandomPolicy policy = new TestEnvs.RandomPolicy(env, 5);
            Step s = env.reset(5);
            for (int i = 0; i < 20_000; i++) {
                assertThat(s.observation()).hasSize(obs.flatSize());
                assertThat(obs.contains(s.observation(), 0)).as(id + " step " + i).isTrue();
                float[] o = s.observation();
                if (id.equals("acrobot")) {
                    assertThat(o[0]).isEqualTo((float) Math.cos(env.state(0)), org.assertj.core.data.Offset.offset(1e-7f));
                    assertThat(o[3]).isEqualTo((float) Math.sin(env.state(1)), org.assertj.core.data.Offset.offset(1e-7f));
                    assertThat(o[4]).isEqualTo((float) env.state(2));
                    assertThat(o[5]).isEqualTo((float) env.state(3));
                } else if (id.equals("pendulum")) {
                    assertThat(o[0]).isEqualTo((float) Math.cos(env.state(0)));
                    assertThat(o[1]).isEqualTo((float) Math.sin(env.state(0)));
                    assertThat(o[2]).isEqualTo((float) env.state(1));
                } else {
                    for (int k = 0; k < o.length; k++) assertThat(o[k]).isEqualTo((float) env.state(k));
                }
                if (s.terminated()) {
                    assertThatThrownBy(() -> policy.step(env)).isInstanceOf(IllegalStateException.class);
                    s = env.reset();
                } else {
                    s = policy.step(env);
                }
            }
        }
    }

    @Test
    void invalidActionsAndStatesAreRejected() {
        ClassicControlEnv env = TestEnvs.create("cartpole");
        assertThatThrownBy(() -> env.step(0)).as("before the first reset").isInstanceOf(IllegalStateException.class);
        env.reset(0);
        assertThatThrownBy(() -> env.step(2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Discrete(2)");
        assertThatThrownBy(() -> env.step(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> env.step(new float[] {0})).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> env.setState(0, 0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("theta_dot");
        assertThatThrownBy(() -> env.setState(0, Double.NaN, 0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x_dot");

        ClassicControlEnv pendulum = TestEnvs.create("pendulum");
        assertThatThrownBy(() -> pendulum.step(new float[] {0})).as("before the first reset").isInstanceOf(IllegalStateException.class);
        pendulum.reset(0);
        assertThatThrownBy(() -> pendulum.step(0)).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("Box");
        assertThatThrownBy(() -> pendulum.step(new float[] {0, 1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 action value");
        assertThatThrownBy(() -> pendulum.step(new float[] {Float.NaN})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not finite");
        assertThat(pendulum.step(new float[] {1}).done()).as("still running after the refused actions").isFalse();
    }

    @Test
    void resetDistributionsAreGymnasiums() {
        ClassicControlEnv cart = TestEnvs.create("cartpole");
        ClassicControlEnv car = TestEnvs.create("mountaincar");
        ClassicControlEnv acro = TestEnvs.create("acrobot");
        cart.reset(11);
        car.reset(11);
        acro.reset(11);
        double[] cartMin = {1, 1, 1, 1}, cartMax = {-1, -1, -1, -1};
        double carMin = 0, carMax = -1, carSum = 0;
        double acroMin = 1, acroMax = -1;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            cart.reset();
            for (int k = 0; k < 4; k++) {
                cartMin[k] = Math.min(cartMin[k], cart.state(k));
                cartMax[k] = Math.max(cartMax[k], cart.state(k));
            }
            car.reset();
            carMin = Math.min(carMin, car.state(0));
            carMax = Math.max(carMax, car.state(0));
            carSum += car.state(0);
            assertThat(car.state(1)).isZero();
            Step s = acro.reset();
            for (int k = 0; k < 4; k++) {
                double v = acro.state(k);
                assertThat((double) (float) v).as("Gymnasium stores Acrobot's start state as float32").isEqualTo(v);
                acroMin = Math.min(acroMin, v);
                acroMax = Math.max(acroMax, v);
            }
            assertThat(s.reward()).isZero();
            assertThat(s.done()).isFalse();
        }
        for (int k = 0; k < 4; k++) {
            assertThat(cartMin[k]).isBetween(-0.05, -0.0499);
            assertThat(cartMax[k]).isBetween(0.0499, 0.05);
        }
        assertThat(carMin).isBetween(-0.6, -0.5999);
        assertThat(carMax).isBetween(-0.4001, -0.4);
        assertThat(carSum / n).isCloseTo(-0.5, org.assertj.core.data.Offset.offset(0.002));
        assertThat(acroMin).isBetween(-0.1, -0.0999);
        assertThat(acroMax).isBetween(0.0999, 0.1);

        ClassicControlEnv pendulum = TestEnvs.create("pendulum");
        ClassicControlEnv carC = TestEnvs.create("mountaincar-continuous");
        pendulum.reset(11);
        carC.reset(11);
        double[] pMin = {9, 9}, pMax = {-9, -9};
        double cMin = 0, cMax = -1;
        for (int i = 0; i < n; i++) {
            pendulum.reset();
            for (int k = 0; k < 2; k++) {
                pMin[k] = Math.min(pMin[k], pendulum.state(k));
                pMax[k] = Math.max(pMax[k], pendulum.state(k));
            }
            carC.reset();
            cMin = Math.min(cMin, carC.state(0));
            cMax = Math.max(cMax, carC.state(0));
            assertThat(carC.state(1)).isZero();
        }
        assertThat(pMin[0]).isBetween(-Math.PI, -Math.PI + 0.001);
        assertThat(pMax[0]).isBetween(Math.PI - 0.001, Math.PI);
        assertThat(pMin[1]).isBetween(-1.0, -0.999);
        assertThat(pMax[1]).isBetween(0.999, 1.0);
        assertThat(cMin).isBetween(-0.6, -0.5999);
        assertThat(cMax).isBetween(-0.4001, -0.4);
    }

    @Test
    void sameSeedSameEpisodesAnotherSeedOthers() {
        for (String id : TestEnvs.IDS) {
            List<Double> a = trajectory(TestEnvs.create(id), 42);
            List<Double> b = trajectory(TestEnvs.create(id), 42);
            List<Double> c = trajectory(TestEnvs.create(id), 43);
            assertThat(a).as(id).isEqualTo(b);
            assertThat(a).as(id + " with another seed").isNotEqualTo(c);
        }
        List<Double> noisy = trajectory(TestEnvs.create("acrobot", "torque_noise_max", "0.2"), 42);
        assertThat(noisy).isEqualTo(trajectory(TestEnvs.create("acrobot", "torque_noise_max", "0.2"), 42));
        assertThat(noisy).isNotEqualTo(trajectory(TestEnvs.create("acrobot"), 42));
    }

    @Test
    void resetWithASeedRestartsTheSequenceAndResetContinuesIt() {
        ClassicControlEnv env = TestEnvs.create("cartpole");
        float[] first = env.reset(3).observation().clone();
        float[] second = env.reset().observation().clone();
        assertThat(env.reset(3).observation()).containsExactly(first);
        assertThat(env.reset().observation()).containsExactly(second);
        assertThat(second).isNotEqualTo(first);
    }

    /** A few episodes capped at the time limit: reset(seed), then reset() continuing the generator, fixed actions. */
    static List<Double> trajectory(Env env, long seed) {
        List<Double> out = new ArrayList<>();
        TestEnvs.RandomPolicy policy = new TestEnvs.RandomPolicy(env, 7);
        Step s = env.reset(seed);
        for (float v : s.observation()) out.add((double) v);
        int episodes = 0;
        int t = 0;
        for (int i = 0; i < 3000 && episodes < 4; i++) {
            s = policy.step(env);
            t++;
            for (float v : s.observation()) out.add((double) v);
            out.add(s.reward());
            if (s.done() || t == 200) {
                episodes++;
                t = 0;
                s = env.reset();
                for (float v : s.observation()) out.add((double) v);
            }
        }
        return out;
    }

    @Test
    void steppingAllocatesNothing() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx) || !mx.isThreadAllocatedMemorySupported()) return;
        ClassicControlEnv[] envs = {TestEnvs.create("cartpole"), TestEnvs.create("mountaincar"), TestEnvs.create("acrobot", "torque_noise_max", "0.1"),
                TestEnvs.create("pendulum"), TestEnvs.create("mountaincar-continuous")};
        TestEnvs.RandomPolicy[] policies = new TestEnvs.RandomPolicy[envs.length];
        for (int k = 0; k < envs.length; k++) policies[k] = new TestEnvs.RandomPolicy(envs[k], 3 + k);
        run(envs, policies, 20_000); // warm up
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        run(envs, policies, 100_000);
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertThat(allocated).as("bytes allocated by 500,000 steps").isLessThan(4096);
    }

    private static void run(ClassicControlEnv[] envs, TestEnvs.RandomPolicy[] policies, int steps) {
        for (ClassicControlEnv e : envs) e.reset(1);
        int[] t = new int[envs.length];
        for (int i = 0; i < steps; i++) {
            for (int k = 0; k < envs.length; k++) {
                if (policies[k].step(envs[k]).done() || ++t[k] == 500) {
                    envs[k].reset();
                    t[k] = 0;
                }
            }
        }
    }
}
