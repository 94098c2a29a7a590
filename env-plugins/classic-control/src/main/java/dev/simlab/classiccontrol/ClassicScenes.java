package dev.simlab.classiccontrol;

import dev.simlab.core.scene.Rgba;
import dev.simlab.core.scene.SceneBuilder;
import dev.simlab.core.scene.Shape;

/**
 * Renderer-neutral frames for the classic-control envs, with Gymnasium's proportions in metres.
 * Everything lies in the plane z = 0, y up, x to the right as in Gymnasium's pictures, so a
 * camera looking toward -z sees what Gymnasium draws. Tags and colours are listed in
 * docs/CLASSIC_CONTROL.md.
 */
final class ClassicScenes {
    static final Rgba TRACK = Rgba.rgb(0x404040);
    static final Rgba RAIL = Rgba.rgb(0x9AA0A8);
    static final Rgba CART = Rgba.rgb(0x202020);
    static final Rgba WHEEL = Rgba.rgb(0x555A60);
    static final Rgba POLE = Rgba.rgb(0xCA9865); // Gymnasium's (202, 152, 101)
    static final Rgba AXLE = Rgba.rgb(0x8184CB); // Gymnasium's (129, 132, 203)
    static final Rgba LIMIT = Rgba.rgb(0xC0392B);
    static final Rgba HILL_LOW = Rgba.rgb(0x6D8B3A);
    static final Rgba HILL_HIGH = Rgba.rgb(0xC8D9A0);
    static final Rgba CAR = Rgba.rgb(0x202020);
    static final Rgba CAR_WHEEL = Rgba.rgb(0x808080); // Gymnasium's (128, 128, 128)
    static final Rgba FLAG = Rgba.rgb(0xCCCC00); // Gymnasium's (204, 204, 0)
    static final Rgba FLAGPOLE = Rgba.rgb(0x303030);
    static final Rgba LINK = Rgba.rgb(0x00CCCC); // Gymnasium's (0, 204, 204)
    static final Rgba JOINT = Rgba.rgb(0xCCCC00); // Gymnasium's (204, 204, 0)
    static final Rgba GOAL_LINE = Rgba.rgb(0x202020);
    static final Rgba STAND = Rgba.rgb(0x5A5A5A);
    static final Rgba ROD = Rgba.rgb(0xCC4D4D); // Gymnasium's (204, 77, 77)
    static final Rgba HINGE = Rgba.rgb(0x000000);
    static final Rgba UPRIGHT = Rgba.rgb(0x9A9A9A);

    // Cart-pole, Gymnasium's 600 px for 4.8 m: cart 50 x 30 px, pole 10 px wide, 2 * length long.
    static final float CART_WIDTH = 0.4f;
    static final float CART_HEIGHT = 0.24f;
    static final float CART_DEPTH = 0.3f;
    static final float TRACK_THICKNESS = 0.02f;
    /** The bed under the two rails, wider than the cart so its shadow falls on it. */
    static final float TRACK_DEPTH = 0.5f;
    static final float RAIL_HEIGHT = 0.03f, RAIL_WIDTH = 0.04f;
    /** The rails (and the wheels on them) run just outside the cart's sides, at z = ±this. */
    static final float RAIL_Z = CART_DEPTH / 2 + 0.03f;
    static final float WHEEL_RADIUS = 0.05f, WHEEL_WIDTH = 0.04f;
    /** The cart's underside: on its wheels, whose axles are this high. */
    static final float CART_BOTTOM = RAIL_HEIGHT + WHEEL_RADIUS;
    static final float POLE_WIDTH = 0.08f;
    static final float POLE_LENGTH = (float) (2 * CartPole.LENGTH);
    /** The pole's pivot: Gymnasium puts the axle a quarter of the cart's height below its top. */
    static final float AXLE_HEIGHT = CART_BOTTOM + CART_HEIGHT * 0.75f;

    // Mountain car, Gymnasium's 600 px for 1.8 m: car 40 x 20 px, 10 px clearance, wheels of radius car height / 2.5
    // a quarter of the car's length either side of its middle, flag 50 px high.
    static final float CAR_LENGTH = 0.12f;
    static final float CAR_HEIGHT = 0.06f;
    static final float CLEARANCE = 0.03f;
    static final float CAR_WHEEL_RADIUS = CAR_HEIGHT / 2.5f;
    static final float FLAGPOLE_HEIGHT = 0.15f;
    static final int HILL_SAMPLES = 91;
    static final float HILL_DEPTH = 0.4f;

    /** Acrobot: the pivot hangs this high so the links (2 m) never reach the ground; Gymnasium's view is ±2.2 m. */
    static final float PIVOT_HEIGHT = 2.2f;
    static final float LINK_WIDTH = 0.2f;
    static final float JOINT_RADIUS = 0.1f;
    /** The second link hangs in front of the first (toward a camera at +z), the stand behind both. */
    static final float LINK2_Z = LINK_WIDTH + 0.02f, STAND_Z = -LINK_WIDTH;

    // Pendulum, Gymnasium's 500 px for 4.4 m: a rod of length 1 and width 0.2, a hinge of radius 0.05.
    static final float ROD_WIDTH = 0.2f;
    static final float HINGE_RADIUS = 0.05f;
    /** The hinge stands this high so that the hanging rod stays above the ground. */
    static final float HINGE_HEIGHT = 1.2f;

    private ClassicScenes() {}

    /**
     * A cart on four wheels running on two rails just outside its sides, the rails on a bed; the
     * pole hinged on a pin in front of the cart (toward a camera at +z, so the cart does not hide it).
     */
    static void cartPole(double x, double theta, SceneBuilder scene) {
        float limit = (float) CartPole.X_THRESHOLD;
        float width = (float) (2 * CartPole.X_THRESHOLD + CART_WIDTH);
        scene.add(new Shape.Cuboid("track", 0, -TRACK_THICKNESS / 2, 0, width, TRACK_THICKNESS, TRACK_DEPTH, 0, TRACK));
        for (int side = -1; side <= 1; side += 2) {
            scene.add(new Shape.Cuboid("rail", 0, RAIL_HEIGHT / 2, side * RAIL_Z, width, RAIL_HEIGHT, RAIL_WIDTH, 0, RAIL));
        }
        // Where the episode ends: the cart's centre past ±2.4.
        scene.add(new Shape.Line("limit", -limit, 0, RAIL_Z, -limit, 0.15f, RAIL_Z, 0.02f, LIMIT));
        scene.add(new Shape.Line("limit", limit, 0, RAIL_Z, limit, 0.15f, RAIL_Z, 0.02f, LIMIT));
        float cx = (float) x;
        scene.add(new Shape.Cuboid("cart", cx, CART_BOTTOM + CART_HEIGHT / 2, 0, CART_WIDTH, CART_HEIGHT, CART_DEPTH, 0, CART));
        for (int k = 0; k < 4; k++) {
            float wx = cx + (k < 2 ? -0.3f : 0.3f) * CART_WIDTH, wz = (k % 2 == 0 ? -1 : 1) * RAIL_Z;
            scene.add(new Shape.Cylinder("wheel", wx, CART_BOTTOM, wz - WHEEL_WIDTH / 2, wx, CART_BOTTOM, wz + WHEEL_WIDTH / 2, WHEEL_RADIUS, WHEEL));
        }
        float pz = CART_DEPTH / 2 + POLE_WIDTH / 2 + 0.01f;
        float tipX = (float) (x + POLE_LENGTH * Math.sin(theta));
        float tipY = (float) (AXLE_HEIGHT + POLE_LENGTH * Math.cos(theta));
        scene.add(new Shape.Line("pole", cx, AXLE_HEIGHT, pz, tipX, tipY, pz, POLE_WIDTH, POLE));
        // the hinge: a pin from the cart's front face through the pole's foot
        scene.add(new Shape.Cylinder("axle", cx, AXLE_HEIGHT, CART_DEPTH / 2 - 0.01f, cx, AXLE_HEIGHT, pz + POLE_WIDTH / 2 + 0.02f,
                POLE_WIDTH * 0.4f, AXLE));
        scene.focus(cx, AXLE_HEIGHT + POLE_LENGTH / 2, 0);
        scene.extent(width);
    }

    /** The valley of both mountain cars, the flag at {@code goalPosition} (0.5 for MountainCar-v0, 0.45 for the continuous one). */
    static void mountainCar(double position, double goalPosition, SceneBuilder scene) {
        float x0 = (float) MountainCar.MIN_POSITION;
        float span = (float) (MountainCar.MAX_POSITION - MountainCar.MIN_POSITION);
        float[] heights = new float[HILL_SAMPLES * 2];
        for (int c = 0; c < HILL_SAMPLES; c++) {
            float h = (float) MountainCar.height(MountainCar.MIN_POSITION + span * c / (HILL_SAMPLES - 1));
            heights[c] = h;
            heights[HILL_SAMPLES + c] = h;
        }
        scene.add(new Shape.Surface("hill", x0, -HILL_DEPTH / 2, span, HILL_DEPTH, HILL_SAMPLES, 2, heights, HILL_LOW, HILL_HIGH));

        float gx = (float) goalPosition;
        float gy = (float) MountainCar.height(goalPosition);
        scene.add(new Shape.Line("goal", gx, gy, 0, gx, gy + FLAGPOLE_HEIGHT, 0, 0.01f, FLAGPOLE));
        scene.add(new Shape.Cuboid("flag", gx + 0.04f, gy + FLAGPOLE_HEIGHT - 0.025f, 0, 0.08f, 0.05f, 0.005f, 0, FLAG));

        car(position, scene);
        scene.extent(span + 0.2f);
    }

    /**
     * Gymnasium's car: a body {@code CLEARANCE} above the hill, tilted with the slope, two wheels a
     * quarter of its length either side of its middle; a cabin on top. Everything is laid out along
     * the hill's tangent {@code t} and normal {@code n} at the car's position.
     */
    private static void car(double position, SceneBuilder scene) {
        double slope = 1.35 * Math.cos(3 * position); // d/dx of MountainCar.height
        double norm = Math.hypot(1, slope);
        float tx = (float) (1 / norm), ty = (float) (slope / norm), nx = -ty, ny = tx;
        float px = (float) position, py = (float) MountainCar.height(position);
        float up = CLEARANCE + CAR_HEIGHT / 2, half = CAR_LENGTH / 2;
        scene.add(new Shape.Line("car", px + nx * up - tx * half, py + ny * up - ty * half, 0,
                px + nx * up + tx * half, py + ny * up + ty * half, 0, CAR_HEIGHT, CAR));
        float cabin = CLEARANCE + CAR_HEIGHT + CAR_HEIGHT * 0.3f;
        scene.add(new Shape.Line("car-cabin", px + nx * cabin - tx * half * 0.6f, py + ny * cabin - ty * half * 0.6f, 0,
                px + nx * cabin + tx * half * 0.2f, py + ny * cabin + ty * half * 0.2f, 0, CAR_HEIGHT * 0.6f, CAR));
        float wz = CAR_HEIGHT / 2 + 0.012f;
        for (int k = -1; k <= 1; k += 2) {
            float wx = px + nx * CLEARANCE + k * tx * CAR_LENGTH / 4, wy = py + ny * CLEARANCE + k * ty * CAR_LENGTH / 4;
            scene.add(new Shape.Cylinder("car-wheel", wx, wy, -wz, wx, wy, wz, CAR_WHEEL_RADIUS, CAR_WHEEL));
        }
        scene.focus(px, py + CLEARANCE, 0);
    }

    /**
     * The two links hang from a pin on a stand behind them, the second link in front of the first,
     * joined by a pin through both; Gymnasium's yellow joints are the pins' ends.
     */
    static void acrobot(double theta1, double theta2, SceneBuilder scene) {
        // Gymnasium's drawing: angle 0 hangs straight down, positive angles swing toward +x.
        float px = 0;
        float py = PIVOT_HEIGHT;
        float x1 = (float) (Acrobot.LINK_LENGTH_1 * Math.sin(theta1));
        float y1 = (float) (PIVOT_HEIGHT - Acrobot.LINK_LENGTH_1 * Math.cos(theta1));
        float x2 = (float) (x1 + Acrobot.LINK_LENGTH_2 * Math.sin(theta1 + theta2));
        float y2 = (float) (y1 - Acrobot.LINK_LENGTH_2 * Math.cos(theta1 + theta2));
        float reach = (float) (Acrobot.LINK_LENGTH_1 + Acrobot.LINK_LENGTH_2 + 0.2);
        float goalY = (float) (PIVOT_HEIGHT + Acrobot.LINK_LENGTH_1);
        scene.add(new Shape.Line("goal", -reach, goalY, 0, reach, goalY, 0, 0.02f, GOAL_LINE));
        scene.add(new Shape.Cuboid("stand", px, 0.02f, STAND_Z, 0.8f, 0.04f, 0.5f, 0, STAND));
        scene.add(new Shape.Cylinder("stand", px, 0, STAND_Z, px, py, STAND_Z, 0.06f, STAND));
        scene.add(new Shape.Line("link1", px, py, 0, x1, y1, 0, LINK_WIDTH, LINK));
        scene.add(new Shape.Line("link2", x1, y1, LINK2_Z, x2, y2, LINK2_Z, LINK_WIDTH, LINK));
        scene.add(new Shape.Cylinder("joint", px, py, STAND_Z, px, py, LINK_WIDTH / 2 + 0.03f, JOINT_RADIUS, JOINT));
        scene.add(new Shape.Cylinder("joint", x1, y1, -LINK_WIDTH / 2 - 0.03f, x1, y1, LINK2_Z + LINK_WIDTH / 2 + 0.03f, JOINT_RADIUS, JOINT));
        scene.focus(px, py, 0);
        scene.extent(2 * reach);
    }

    static void pendulum(double theta, SceneBuilder scene) {
        // Gymnasium's drawing: theta 0 points straight up and positive angles turn anticlockwise (toward -x).
        float length = (float) Pendulum.LENGTH;
        float tipX = (float) (-length * Math.sin(theta));
        float tipY = (float) (HINGE_HEIGHT + length * Math.cos(theta));
        // The ground under the whole swing: the viewer frames the first scene's shapes, so they must span
        // every place the rod can reach (x within ±length, y from HINGE_HEIGHT - length up to the upright line's top).
        float half = length + 0.2f;
        scene.add(new Shape.Cuboid("ground", 0, -TRACK_THICKNESS / 2, 0, 2 * half, TRACK_THICKNESS, 2 * ROD_WIDTH, 0, TRACK));
        // The target, a thin line straight up, behind the rod (toward -z).
        scene.add(new Shape.Line("upright", 0, HINGE_HEIGHT, -ROD_WIDTH, 0, HINGE_HEIGHT + length, -ROD_WIDTH, 0.01f, UPRIGHT));
        scene.add(new Shape.Line("rod", 0, HINGE_HEIGHT, 0, tipX, tipY, 0, ROD_WIDTH, ROD));
        // a post behind the rod up to the hinge; the hinge's pin runs through the rod and shows in front of it
        scene.add(new Shape.Cylinder("stand", 0, 0, -ROD_WIDTH - 0.06f, 0, HINGE_HEIGHT, -ROD_WIDTH - 0.06f, 0.05f, STAND));
        scene.add(new Shape.Cylinder("hinge", 0, HINGE_HEIGHT, -ROD_WIDTH - 0.06f, 0, HINGE_HEIGHT, ROD_WIDTH / 2 + HINGE_RADIUS,
                HINGE_RADIUS, HINGE));
        scene.focus(0, HINGE_HEIGHT, 0);
        scene.extent(2.2f * 2 * length);
    }
}
