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
        // the cart stands on four wheels, each resting on one of the two rails, under the cart's sides
        assertThat(scene.tagged("wheel")).hasSize(4);
        assertThat(scene.tagged("rail")).hasSize(2);
        for (Shape s : scene.tagged("wheel")) {
            Shape.Cylinder w = (Shape.Cylinder) s;
            assertThat(cart.y() - cart.sy() / 2).as("the cart rides on its axles").isCloseTo(w.y1(), within(1e-6f));
            assertThat(Math.abs(w.x1() - cart.x())).as("under the cart").isLessThan(cart.sx() / 2);
            Shape.Cuboid rail = (Shape.Cuboid) scene.tagged("rail").stream()
                    .filter(r -> Math.abs(((Shape.Cuboid) r).z() - (w.z1() + w.z2()) / 2) < 1e-6f).findFirst().orElseThrow();
            assertThat(w.y1() - w.radius()).as("the wheel rests on its rail").isCloseTo(rail.y() + rail.sy() / 2, within(1e-6f));
        }
        Shape.Cylinder axle = (Shape.Cylinder) scene.tagged("axle").get(0);
        Shape.Line pole = (Shape.Line) scene.tagged("pole").get(0);
        assertThat(pole.x1()).isEqualTo(1.25f);
        assertThat(new float[] {axle.x1(), axle.y1()}).as("the pole is hinged on the axle pin").containsExactly(pole.x1(), pole.y1());
        assertThat(Math.min(axle.z1(), axle.z2())).isLessThan(pole.z1() - 0.04f);
        assertThat(Math.max(axle.z1(), axle.z2())).as("the pin runs through the pole's foot").isGreaterThan(pole.z1() + 0.04f);
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

        assertCarOnTheHill(scene, -0.9);
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
        Shape.Cylinder elbow = (Shape.Cylinder) hanging.tagged("joint").get(1);
        assertThat(new float[] {elbow.x1(), elbow.y1()}).as("the middle joint is where the links meet").containsExactly(l1.x2(), l1.y2());
        assertThat(Math.min(elbow.z1(), elbow.z2())).as("a pin through both links").isLessThan(l1.z1() - l1.width() / 2);
        assertThat(Math.max(elbow.z1(), elbow.z2())).isGreaterThan(l2.z1() + l2.width() / 2);
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
        Shape.Cylinder hinge = (Shape.Cylinder) upright.tagged("hinge").get(0);
        assertThat(rod.x1()).isEqualTo(hinge.x1());
        assertThat(rod.y1()).isEqualTo(hinge.y1());
        assertThat(hinge.z2()).as("the pin shows in front of the rod").isGreaterThan(rod.z1() + rod.width() / 2);
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
        assertCarOnTheHill(scene, -0.3);
    }

    /** The car's body, its middle over the car's position, lies along the hill's slope there, clear of it, with both wheels touching it. */
    static void assertCarOnTheHill(Scene scene, double position) {
        Shape.Line car = (Shape.Line) scene.tagged("car").get(0);
        double slope = 1.35 * Math.cos(3 * position);
        assertThat((double) (car.y2() - car.y1()) / (car.x2() - car.x1())).as("tilted with the hill").isCloseTo(slope, within(1e-4));
        // the middle of the body's underside, half its height below its centre line along the hill's normal
        double phi = Math.atan(slope);
        double ux = (car.x1() + car.x2()) / 2 + car.width() / 2 * Math.sin(phi), uy = (car.y1() + car.y2()) / 2 - car.width() / 2 * Math.cos(phi);
        assertThat(ux).as("the underside's middle is over the position").isCloseTo(position - 0.03 * Math.sin(phi), within(1e-4));
        assertThat(uy).as("3 cm clear of the hill along its normal").isCloseTo(MountainCar.height(position) + 0.03 * Math.cos(phi), within(1e-4));
        assertThat(scene.tagged("car-wheel")).hasSize(2);
        for (Shape s : scene.tagged("car-wheel")) {
            Shape.Cylinder w = (Shape.Cylinder) s;
            double gap = (w.y1() - MountainCar.height(w.x1())) * Math.cos(Math.atan(slope)) - w.radius();
            assertThat(gap).as("the wheel touches the hill (Gymnasium's 10 px clearance, 8 px wheels)").isBetween(-0.005, 0.01);
        }
    }
}
