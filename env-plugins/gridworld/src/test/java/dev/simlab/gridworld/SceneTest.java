package dev.simlab.gridworld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.core.scene.Scene;
import dev.simlab.core.scene.SceneBuilder;
import dev.simlab.core.scene.Shape;
import dev.simlab.core.scene.StateValues;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SceneTest {
    static Scene describe(GridWorld env, StateValues values) {
        SceneBuilder b = new SceneBuilder();
        env.describe(b, values);
        return b.build();
    }

    @Test
    void cliffWalkingShowsOneGoalOneAgentAndTheCliff() {
        GridWorld env = TestEnvs.create("cliff-walking");
        env.reset(0);
        env.step(0); // up, to (2, 0)
        Scene scene = describe(env, null);

        List<Shape> goals = scene.tagged("goal");
        assertThat(goals).hasSize(1);
        Shape.Cuboid goal = (Shape.Cuboid) goals.get(0);
        assertThat(goal.x()).isEqualTo(11);
        assertThat(goal.z()).isEqualTo(3);
        assertThat(goal.color()).isEqualTo(GridScene.GOAL);

        List<Shape> agents = scene.tagged("agent");
        assertThat(agents).hasSize(1);
        Shape.Sphere agent = (Shape.Sphere) agents.get(0);
        assertThat(agent.x()).isEqualTo(0);
        assertThat(agent.z()).isEqualTo(2);
        assertThat(scene.focus()).containsExactly(0f, 0f, 2f);
        assertThat(scene.extent()).isEqualTo(12);

        assertThat(scene.tagged("cliff")).hasSize(10);
        assertThat(scene.tagged("start")).hasSize(1);
        assertThat(scene.tagged("floor")).hasSize(36);
        assertThat(scene.tagged("wind")).isEmpty();
        assertThat(scene.tagged("value")).isEmpty();
    }

    @Test
    void wallsAreTallAndWindIsDrawnWhereItBlows() {
        Scene rooms = describe(TestEnvs.create("four-rooms"), null);
        assertThat(rooms.tagged("wall")).hasSize(169 - 104);
        assertThat(((Shape.Cuboid) rooms.tagged("wall").get(0)).sy()).isEqualTo(1);

        GridWorld windy = TestEnvs.create("windy-gridworld");
        windy.reset(0);
        List<Shape> wind = describe(windy, null).tagged("wind");
        assertThat(wind).hasSize(6); // columns 3..8
        Shape.Line strong = (Shape.Line) wind.stream().filter(s -> ((Shape.Line) s).x1() == 6).findFirst().orElseThrow();
        assertThat(strong.z2()).as("points toward row 0").isLessThan(strong.z1());
    }

    @Test
    void valuesBecomeAHeatMapAndGreedyArrows() {
        GridWorld env = TestEnvs.create("cliff-walking");
        env.reset(0);
        double[] v = new double[48];
        for (int s = 0; s < 48; s++) v[s] = s % 12; // higher to the right
        int[] greedy = new int[48];
        Arrays.fill(greedy, 1); // right
        Scene scene = describe(env, new StateValues(v, greedy, null));

        int decisionCells = 48 - 10 - 1; // not the cliff, not the goal
        assertThat(scene.tagged("value")).hasSize(decisionCells);
        assertThat(scene.tagged("policy-arrow")).hasSize(decisionCells);
        Shape.Line arrow = (Shape.Line) scene.tagged("policy-arrow").get(0);
        assertThat(arrow.x2()).as("right is +x").isGreaterThan(arrow.x1());
        assertThat(arrow.z2()).isEqualTo(arrow.z1());

        Shape.Cuboid low = valueTileAt(scene, 0, 0);
        Shape.Cuboid high = valueTileAt(scene, 11, 0);
        assertThat(low.color().toRgb()).isEqualTo(GridScene.VALUE_LOW.toRgb());
        assertThat(high.color().toRgb()).isEqualTo(GridScene.VALUE_HIGH.toRgb());
        assertThat(scene.tagged("goal")).hasSize(1);
        assertThat(scene.tagged("start")).as("start stays visible under the heat-map").hasSize(1);
    }

    private static Shape.Cuboid valueTileAt(Scene scene, float x, float z) {
        return scene.tagged("value").stream().map(s -> (Shape.Cuboid) s).filter(c -> c.x() == x && c.z() == z).findFirst().orElseThrow();
    }
}
