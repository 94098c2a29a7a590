package dev.simlab.classiccontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.simlab.core.env.Env;
import dev.simlab.core.scene.Scene;
import dev.simlab.core.scene.SceneBuilder;
import dev.simlab.core.scene.Shape;
import org.junit.jupiter.api.Test;

class SceneTest {
    static Scene describe(Env env) {
        SceneBuilder b = new SceneBuilder();
        env.describe(b, null);
        return b.build();
    }

    @Test
    void cartPoleDrawsTheCartWhereItIsAndThePoleAtItsAngle() {
        ClassicControlEnv env = TestEnvs.create("cartpole");
        env.reset(0);
        env.setState(1.25, 0, 0.1, 0);
        Scene scene = describe(env);
        assertThat(scene.tagged("track")).hasSize(1);
        assertThat(scene.tagged("cart")).hasSize(1);
        Shape.Cuboid cart = (Shape.Cuboid) scene.tagged("cart").get(0);
        assertThat(cart.x()).isEqualTo(1.25f);
        assertThat(cart.y() - cart.sy() / 2).as("on the track").isEqualTo(0f);
        Shape.Line pole = (Shape.Line) scene.tagged("pole").get(0);
        assertThat(pole.x1()).isEqualTo(1.25f);
        assertThat(pole.x2()).as("theta > 0 leans toward +x").isGreaterThan(pole.x1());
        double length = Math.hypot(pole.x2() - pole.x1(), pole.y2() - pole.y1());
        assertThat(length).as("the whole pole: twice Gymnasium's half-length").isCloseTo(1.0, within(1e-6));
        assertThat(scene.focus()[0]).isEqualTo(1.25f);

        Shape.Cuboid track = (Shape.Cuboid) scene.tagged("track").get(0);
        assertThat(track.sx()).as("covers both limits").isGreaterThan(4.8f);
        assertThat(track.y()).isLessThan(0);

        env.step(0);
        float moved = (float) env.state(0);
        assertThat(((Shape.Cuboid) describe(env).tagged("cart").get(0)).x()).isEqualTo(moved);
    }

    @Test
    void mountainCarHasOneGoalAtTheFlagAndTheCarOnTheHill() {
        ClassicControlEnv env = TestEnvs.create("mountaincar");
        env.reset(0);
        env.setState(-0.9, 0);
        Scene scene = describe(env);
        assertThat(scene.tagged("goal")).hasSize(1);
        Shape.Line goal = (Shape.Line) scene.tagged("goal").get(0);
        assertThat(goal.x1()).isEqualTo(0.5f);
        assertThat((double) goal.y1()).isCloseTo(Math.sin(1.5) * 0.45 + 0.55, within(1e-6));

        assertThat(scene.tagged("hill")).hasSize(1);
        Shape.Surface hill = (Shape.Surface) scene.tagged("hill").get(0);
        assertThat(hill.x0()).isEqualTo(-1.2f);
        assertThat(hill.x0() + hill.width()).isCloseTo(0.6f, within(1e-6f));
        assertThat(hill.heights()).hasSize(hill.cols() * hill.rows());
        assertThat((double) hill.heights()[0]).isCloseTo(Math.sin(-3.6) * 0.45 + 0.55, within(1e-6));
        assertThat((double) hill.heights()[hill.cols() - 1]).isCloseTo(Math.sin(1.8) * 0.45 + 0.55, within(1e-6));

        Shape.Cuboid car = (Shape.Cuboid) scene.tagged("car").get(0);
        assertThat(car.x()).isEqualTo(-0.9f);
        assertThat((double) car.y() - car.sy() / 2).isGreaterThan(MountainCar.height(-0.9));
        assertThat(scene.focus()[0]).isEqualTo(-0.9f);
    }

    @Test
    void acrobotDrawsTwoLinksTheJointsAndTheLineToReach() {
        ClassicControlEnv env = TestEnvs.create("acrobot");
        env.reset(0);
        env.setState(0, 0, 0, 0);
        Scene hanging = describe(env);
        Shape.Line l1 = (Shape.Line) hanging.tagged("link1").get(0);
        Shape.Line l2 = (Shape.Line) hanging.tagged("link2").get(0);
        Shape.Line goal = (Shape.Line) hanging.tagged("goal").get(0);
        assertThat(hanging.tagged("joint")).hasSize(2);
        assertThat(l1.y2()).as("hangs straight down").isCloseTo(l1.y1() - 1, within(1e-6f));
        assertThat(l2.x1()).isEqualTo(l1.x2());
        assertThat(l2.y2()).isCloseTo(l1.y1() - 2, within(1e-6f));
        assertThat(goal.y1()).isCloseTo(l1.y1() + 1, within(1e-6f));
        assertThat(l2.y2()).as("the lowest point stays above the ground").isPositive();

        env.setState(Math.PI / 2, 0, 0, 0); // first link horizontal toward +x, second continuing it
        Scene sideways = describe(env);
        Shape.Line tip = (Shape.Line) sideways.tagged("link2").get(0);
        assertThat(tip.x2()).isCloseTo(2f, within(1e-6f));
        assertThat(tip.y2()).isCloseTo(l1.y1(), within(1e-6f));

        // The tip above the goal line is exactly the terminal condition.
        env.setState(Math.PI - 0.1, 0, 0, 0);
        Shape.Line up = (Shape.Line) describe(env).tagged("link2").get(0);
        assertThat(up.y2()).isGreaterThan(goal.y1());
    }

    @Test
    void pendulumDrawsTheRodFromTheHingeAtItsAngle() {
        ClassicControlEnv env = TestEnvs.create("pendulum");
        env.reset(0);
        env.setState(0, 0);
        Scene upright = describe(env);
        assertThat(upright.tagged("hinge")).hasSize(1);
        Shape.Line rod = (Shape.Line) upright.tagged("rod").get(0);
        Shape.Sphere hinge = (Shape.Sphere) upright.tagged("hinge").get(0);
        assertThat(rod.x1()).isEqualTo(hinge.x());
        assertThat(rod.y1()).isEqualTo(hinge.y());
        assertThat(rod.x2()).as("theta 0 is upright").isCloseTo(rod.x1(), within(1e-6f));
        assertThat(rod.y2()).isCloseTo(rod.y1() + 1, within(1e-6f));

        env.setState(Math.PI / 2, 0);
        Shape.Line quarter = (Shape.Line) describe(env).tagged("rod").get(0);
        assertThat(quarter.x2()).as("positive theta turns anticlockwise, as Gymnasium draws it").isCloseTo(quarter.x1() - 1, within(1e-6f));
        assertThat(quarter.y2()).isCloseTo(quarter.y1(), within(1e-6f));

        env.setState(Math.PI, 0);
        Scene hanging = describe(env);
        Shape.Line down = (Shape.Line) hanging.tagged("rod").get(0);
        Shape.Cuboid ground = (Shape.Cuboid) hanging.tagged("ground").get(0);
        assertThat(down.y2()).as("hanging, the rod stays above the ground").isGreaterThan(ground.y() + ground.sy() / 2).isLessThan(down.y1());
        // the viewer frames the first scene's shapes: the ground spans the whole swing whatever the start angle
        assertThat(ground.sx() / 2).isGreaterThan(1f);
        assertThat(((Shape.Line) upright.tagged("upright").get(0)).y2()).isCloseTo(rod.y1() + 1, within(1e-6f));
    }

    @Test
    void mountainCarContinuousPlantsItsFlagAt045() {
        ClassicControlEnv env = TestEnvs.create("mountaincar-continuous");
        env.reset(0);
        env.setState(-0.3, 0);
        Scene scene = describe(env);
        assertThat(scene.tagged("hill")).hasSize(1);
        Shape.Line goal = (Shape.Line) scene.tagged("goal").get(0);
        assertThat(goal.x1()).isEqualTo(0.45f);
        assertThat((double) goal.y1()).isCloseTo(MountainCar.height(0.45), within(1e-6));
        Shape.Cuboid car = (Shape.Cuboid) scene.tagged("car").get(0);
        assertThat(car.x()).isEqualTo(-0.3f);
        assertThat((double) car.y() - car.sy() / 2).isGreaterThan(MountainCar.height(-0.3));
    }
}
