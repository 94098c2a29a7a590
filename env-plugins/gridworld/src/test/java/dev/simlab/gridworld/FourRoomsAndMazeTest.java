package dev.simlab.gridworld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.space.Discrete;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FourRoomsAndMazeTest {
    @Test
    void fourRoomsHasThePapersLayoutAndDefaults() {
        GridWorld env = TestEnvs.create("four-rooms");
        GridMap map = env.map();
        assertThat(map.rows()).isEqualTo(13);
        assertThat(map.cols()).isEqualTo(13);
        assertThat(env.observationSpace()).isEqualTo(new Discrete(169));
        long open = IntStream.range(0, map.size()).filter(s -> map.cell(s).open()).count();
        assertThat(open).as("104 cells, as in the paper").isEqualTo(104);
        assertThat(map.start()).isEqualTo(13 + 1);
        assertThat(map.cell(7, 9)).isEqualTo(Cell.GOAL);
        for (int[] hallway : new int[][] {{3, 6}, {6, 2}, {7, 9}, {10, 6}}) assertThat(map.cell(hallway[0], hallway[1]).open()).isTrue();
        assertThat(TestEnvs.type("four-rooms").maxEpisodeSteps()).isEqualTo(500);
    }

    @Test
    void fourRoomsGoalIsReachableAndPaysOne() {
        GridWorld env = TestEnvs.create("four-rooms", "action_noise", "0");
        int[] path = TestEnvs.shortestPathToGoal(env);
        assertThat(path).hasSize(14);
        assertThat(TestEnvs.returnOf(env, 0, path)).isEqualTo(1);
    }

    @Test
    void fourRoomsMovesFailAThirdOfTheTime() {
        GridWorld env = TestEnvs.create("four-rooms");
        int samples = 30_000;
        int[] counts = new int[env.map().size()];
        env.reset(4);
        int centre = 3 * 13 + 3;
        for (int i = 0; i < samples; i++) {
            env.placeAgent(centre);
            counts[env.step(0).state()]++; // up
        }
        assertThat(counts[centre - 13] / (double) samples).as("intended").isCloseTo(2.0 / 3, offset(0.015));
        for (int other : new int[] {centre + 1, centre + 13, centre - 1}) {
            assertThat(counts[other] / (double) samples).as("each other direction").isCloseTo(1.0 / 9, offset(0.01));
        }
    }

    @Test
    void fourRoomsRejectsAStartInAWall() {
        assertThatThrownBy(() -> TestEnvs.create("four-rooms", "start_row", "6", "start_col", "1"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("start_row, start_col")
                .hasMessageContaining("(6, 1) is a wall");
        assertThatThrownBy(() -> TestEnvs.create("four-rooms", "start_row", "7", "start_col", "9"))
                .hasMessageContaining("is the goal");
    }

    @Test
    void mazeIsAPerfectMazeWithASolution() {
        for (long seed = 0; seed < 20; seed++) {
            GridWorld env = TestEnvs.create("maze", "width", "6", "height", "4", "maze_seed", String.valueOf(seed));
            GridMap map = env.map();
            assertThat(map.rows()).isEqualTo(9);
            assertThat(map.cols()).isEqualTo(13);
            assertThat(map.start()).isEqualTo(map.state(1, 1));
            assertThat(map.cell(7, 11)).isEqualTo(Cell.GOAL);
            // A spanning tree of 24 rooms: 24 rooms plus 23 knocked-down walls, no loops.
            long open = IntStream.range(0, map.size()).filter(s -> map.cell(s).open()).count();
            assertThat(open).isEqualTo(24 + 23);
            int[] path = TestEnvs.shortestPathToGoal(env);
            assertThat(path).as("solvable, seed " + seed).isNotNull();
            assertThat(TestEnvs.returnOf(env, 0, path)).isEqualTo(-path.length);
        }
    }

    @Test
    void sameMazeSeedSameMaze() {
        GridMap a = TestEnvs.create("maze", "maze_seed", "123").map();
        GridMap b = TestEnvs.create("maze", "maze_seed", "123").map();
        GridMap c = TestEnvs.create("maze", "maze_seed", "124").map();
        assertThat(a).isEqualTo(b);
        assertThat(a.toText()).isEqualTo(b.toText());
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void mazeSizeIsRangeChecked() {
        assertThatThrownBy(() -> TestEnvs.create("maze", "width", "1"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("env.width");
    }
}
