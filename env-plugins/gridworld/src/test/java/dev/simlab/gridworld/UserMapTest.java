package dev.simlab.gridworld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.env.Step;
import dev.simlab.core.param.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserMapTest {
    static final int UP = 0, RIGHT = 1, DOWN = 2, LEFT = 3;

    @Test
    void inlineMapWithLavaWallsAndCustomRewards() {
        GridWorld env = TestEnvs.create("gridworld", "map", """
                reward: 0 2 5
                S#.G
                .L..
                """, "lava_reward", "-50");
        env.reset(0);
        assertThat(env.step(RIGHT).state()).as("wall blocks").isEqualTo(0);
        env.step(DOWN);
        Step lava = env.step(RIGHT);
        assertThat(lava.terminated()).isTrue();
        assertThat(lava.reward()).isEqualTo(-50);

        env.reset();
        env.placeAgent(6);
        assertThat(env.step(UP).reward()).as("reward header replaces the step reward").isEqualTo(5);
        assertThat(env.step(RIGHT).terminated()).isTrue();
    }

    @Test
    void iceCellsAlwaysSlip() {
        GridWorld env = TestEnvs.create("gridworld", "map", """
                .....
                .....
                ..I..
                .....
                S...G
                """);
        int slipped = 0;
        env.reset(2);
        for (int i = 0; i < 3000; i++) {
            env.placeAgent(12);
            if (env.step(UP).state() != 7) slipped++;
        }
        assertThat(slipped / 3000.0).isBetween(0.6, 0.74);
        env.placeAgent(11);
        assertThat(env.step(UP).state()).as("floor does not slip").isEqualTo(6);
    }

    @Test
    void frozenLakeActionOrderCanBeChosen() {
        GridWorld env = TestEnvs.create("gridworld", "map", "S.G\n", "action_order", "left-down-right-up");
        env.reset(0);
        assertThat(env.step(2).state()).isEqualTo(1); // 2 is right in FrozenLake's order
    }

    @Test
    void mapFileIsRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("corridor.txt");
        Files.writeString(file, "S..G\n");
        GridWorld env = TestEnvs.create("gridworld", "map_file", file.toString());
        assertThat(TestEnvs.returnOf(env, 0, RIGHT, RIGHT, RIGHT)).isEqualTo(-3);
    }

    @Test
    void parseErrorsInAFileNameTheFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.txt");
        Files.writeString(file, "S..G\n.?..\n");
        assertThatThrownBy(() -> TestEnvs.create("gridworld", "map_file", file.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 2: unknown cell '?'");
    }

    @Test
    void missingFileIsNamed() {
        assertThatThrownBy(() -> TestEnvs.create("gridworld", "map_file", "no/such/map.txt"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("map_file")
                .hasMessageContaining("no such file 'no/such/map.txt'");
    }

    @Test
    void aMapIsRequiredAndOnlyOne() {
        assertThatThrownBy(() -> TestEnvs.create("gridworld"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("set map (inline text) or map_file (a path)");
        assertThatThrownBy(() -> TestEnvs.create("gridworld", "map", "SG", "map_file", "x.txt"))
                .hasMessageContaining("either map or map_file, not both");
    }

    @Test
    void inlineParseErrorsSayMap() {
        assertThatThrownBy(() -> TestEnvs.create("gridworld", "map", "S.G\nS..\n"))
                .hasMessage("map: line 2: a second start cell 'S' at row 1, col 0 (the first is on line 1); a map has exactly one");
    }

    @Test
    void randomStartUsesEveryOpenNonTerminalCell() {
        GridWorld env = TestEnvs.create("gridworld", "map", "S.#\n.CG\n", "random_start", "true");
        boolean[] seen = new boolean[6];
        env.reset(0);
        for (int i = 0; i < 200; i++) seen[env.reset().state()] = true;
        assertThat(seen).containsExactly(true, true, false, true, false, false);
    }
}
