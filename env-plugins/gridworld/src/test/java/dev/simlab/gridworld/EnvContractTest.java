package dev.simlab.gridworld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.EnvChecker;
import dev.simlab.core.env.Step;
import dev.simlab.core.plugin.EnvType;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.space.Discrete;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvContractTest {
    static final List<String> IDS = List.of("cliff-walking", "windy-gridworld", "frozenlake-4x4", "frozenlake-8x8", "four-rooms", "maze", "gridworld");

    @Test
    void offersTheDocumentedEnvsWithHelpForEveryParameter() {
        List<EnvType> types = new GridworldProvider().envs();
        assertThat(types).extracting(EnvType::id).containsExactlyElementsOf(IDS);
        for (EnvType t : types) {
            assertThat(t.description()).isNotBlank().doesNotContain("\n");
            t.params().params().forEach(p -> assertThat(p.help()).as(t.id() + "." + p.name()).isNotBlank());
        }
    }

    @Test
    void isDiscoverableAsAPf4jExtension() throws Exception {
        // Read the index next to the provider class: that is the one packaged into the plugin jar.
        URL classes = GridworldProvider.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, null);
                InputStream in = loader.getResourceAsStream("META-INF/extensions.idx")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains(GridworldProvider.class.getName());
        }
    }

    static GridWorld withDefaults(String id) {
        return id.equals("gridworld") ? TestEnvs.create(id, "map", "S.C\n.IH\nL.G\n", "slippery", "true") : TestEnvs.create(id);
    }

    @Test
    void observationsStayInTheSpaceAndEpisodesEndProperly() {
        for (String id : IDS) {
            GridWorld env = withDefaults(id);
            Discrete obs = (Discrete) env.observationSpace();
            Discrete act = (Discrete) env.actionSpace();
            Rng policy = new Rng(1);
            Step s = env.reset(1);
            for (int i = 0; i < 5000; i++) {
                assertThat(obs.contains(s.state())).as(id).isTrue();
                assertThat(env.map().cell(s.state()).open()).as(id + " never inside a wall").isTrue();
                assertThat(s.truncated()).as("time limits are the lab's wrapper").isFalse();
                if (s.terminated()) {
                    assertThatThrownBy(() -> env.step(0)).isInstanceOf(IllegalStateException.class);
                    s = env.reset();
                } else {
                    s = env.step(act.sample(policy));
                }
            }
        }
    }

    @Test
    void invalidActionsAreRejected() {
        GridWorld env = TestEnvs.create("cliff-walking");
        env.reset(0);
        assertThatThrownBy(() -> env.step(4)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Discrete(4)");
        assertThatThrownBy(() -> env.step(new float[] {0})).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void sameSeedSameTrajectoriesAcrossEpisodes() {
        String[][] stochastic = {
            {"frozenlake-8x8"},
            {"windy-gridworld", "stochastic_wind", "true", "king_moves", "true"},
            {"four-rooms", "random_start", "true"},
        };
        for (String[] spec : stochastic) {
            String id = spec[0];
            String[] kv = Arrays.copyOfRange(spec, 1, spec.length);
            List<Double> a = trajectory(TestEnvs.create(id, kv), 42);
            List<Double> b = trajectory(TestEnvs.create(id, kv), 42);
            List<Double> c = trajectory(TestEnvs.create(id, kv), 43);
            assertThat(a).as(id).isEqualTo(b);
            assertThat(a).as(id + " with another seed").isNotEqualTo(c);
        }
    }

    /** Five episodes: reset(seed), then reset() continuing the generator, with a fixed action sequence. */
    static List<Double> trajectory(GridWorld env, long seed) {
        List<Double> out = new ArrayList<>();
        Rng policy = new Rng(7);
        Step s = env.reset(seed);
        out.add((double) s.state());
        int episodes = 0;
        for (int i = 0; i < 3000 && episodes < 5; i++) {
            s = env.step(policy.nextInt(((Discrete) env.actionSpace()).n()));
            out.add((double) s.state());
            out.add(s.reward());
            if (s.done()) {
                episodes++;
                s = env.reset();
                out.add((double) s.state());
            }
        }
        return out;
    }

    /** A user map with everything random at once: wind (made stochastic), ice, action noise, random starts, a cliff. */
    static final String RANDOM_EVERYTHING_MAP = """
            wind: 0 1 1 -1 0
            reward: 0 4 5
            S.I..
            .CII.
            ..C.G
            """;

    @Test
    void everyEnvSavesAndRestoresItsStateExactly() {
        // every id the provider offers, so that a new env cannot be left out
        for (EnvType t : new GridworldProvider().envs()) {
            assertThatCode(() -> EnvChecker.assertRestoresExactly(() -> withDefaults(t.id()))).as(t.id()).doesNotThrowAnyException();
        }
        // and every source of randomness and every bit of episode state, switched on
        String[][] variants = {
            {"cliff-walking", "slippery", "true"},
            {"windy-gridworld", "stochastic_wind", "true", "king_moves", "true", "stay_action", "true"},
            {"four-rooms", "random_start", "true"},
            {"gridworld", "map", RANDOM_EVERYTHING_MAP, "stochastic_wind", "true", "action_noise", "0.3", "random_start", "true",
                "cliff_reward", "-3"},
        };
        for (String[] v : variants) {
            String[] kv = Arrays.copyOfRange(v, 1, v.length);
            assertThatCode(() -> EnvChecker.assertRestoresExactly(() -> TestEnvs.create(v[0], kv))).as(String.join(" ", v)).doesNotThrowAnyException();
        }
    }

    @Test
    void aCheckpointOfAnotherMapIsRefused(@TempDir Path dir) throws Exception {
        GridWorld maze = TestEnvs.create("maze", "maze_seed", "1");
        maze.reset(1);
        Path file = dir.resolve("env.ckpt");
        try (CheckpointWriter w = new CheckpointWriter(file)) {
            maze.saveState(w, "env.");
        }
        GridWorld other = TestEnvs.create("maze", "maze_seed", "2");
        assertThatThrownBy(() -> other.restoreState(new CheckpointReader(file), "env."))
                .hasMessageContaining("another map").hasMessageContaining("17x17");
        GridWorld same = TestEnvs.create("maze", "maze_seed", "1");
        same.restoreState(new CheckpointReader(file), "env.");
        assertThat(same.agentState()).isEqualTo(maze.agentState());
    }

    @Test
    void steppingAllocatesNothing() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx) || !mx.isThreadAllocatedMemorySupported()) return;
        GridWorld env = TestEnvs.create("windy-gridworld", "stochastic_wind", "true", "king_moves", "true");
        GridWorld lake = TestEnvs.create("frozenlake-8x8");
        int[] actions = new int[1024];
        Rng policy = new Rng(3);
        for (int i = 0; i < actions.length; i++) actions[i] = policy.nextInt(4);
        run(env, lake, actions, 20_000); // warm up
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        run(env, lake, actions, 200_000);
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertThat(allocated).as("bytes allocated by 400,000 steps").isLessThan(4096);
    }

    private static void run(GridWorld a, GridWorld b, int[] actions, int steps) {
        a.reset(1);
        b.reset(1);
        for (int i = 0; i < steps; i++) {
            if (a.step(actions[i & 1023]).done()) a.reset();
            if (b.step(actions[(i + 7) & 1023]).done()) b.reset();
        }
    }
}
