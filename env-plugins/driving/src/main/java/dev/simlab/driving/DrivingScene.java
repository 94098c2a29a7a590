package dev.simlab.driving;

import dev.simlab.core.scene.Rgba;
import dev.simlab.core.scene.SceneBuilder;
import dev.simlab.core.scene.Shape;

/**
 * The driving scene for the viewer. World mapping: the simulation's x → scene x, the simulation's
 * y (to the right of a car heading along +x) → scene z, up is scene y; a vehicle's heading h
 * becomes the cuboid's yaw -h. Only the road within {@link #VIEW} metres of the ego is drawn (the
 * highway is 10 km long). Tags: {@code road} (surface pieces), {@code lane-marking} (dashes and
 * solid lines), {@code shoulder} and {@code verge} (paved shoulder and grass beyond every solid
 * edge line), {@code give-way} (the dashed line where an intersection arm ends), {@code vehicle}, {@code ego}, {@code obstacle}, and the overlays {@code observed}
 * (ego to each vehicle in the kinematics observation) and {@code lidar-ray}.
 */
final class DrivingScene {
    static final double VIEW = 150;
    static final float VEHICLE_HEIGHT = 1.5f;
    static final float ROAD_THICKNESS = 0.05f;
    static final double STRIPE_LENGTH = 3, STRIPE_PERIOD = 9, PIECE = 5;
    // highway-env's VehicleGraphics colours
    static final Rgba EGO = Rgba.rgb(0x32C800);
    /** Traffic's paints, one per vehicle slot: none is the ego's green or the crashed red. */
    static final Rgba[] PAINTS = {Rgba.rgb(0x2E86DE), Rgba.rgb(0xE1B12C), Rgba.rgb(0xEEEEF2), Rgba.rgb(0x3C3C78), Rgba.rgb(0x9B2D2D),
        Rgba.rgb(0xA9C2E0), Rgba.rgb(0xD9822B), Rgba.rgb(0x227093), Rgba.rgb(0x6D4C8F)};
    static final Rgba GLASS = Rgba.rgb(0x28323E);
    static final Rgba TYRE = Rgba.rgb(0x161616);
    static final Rgba TAIL_LIGHT = Rgba.rgb(0x6E1A1A), BRAKE_LIGHT = Rgba.rgb(0xFF2A2A), INDICATOR = Rgba.rgb(0xFFA500);
    static final Rgba EGO_MARKER = new Rgba(0.2f, 0.85f, 0.1f, 0.45f);
    /** Decelerations harder than this (m/s²) light the brake lights: IDM braking, a crash. */
    static final double BRAKING = -0.5;
    static final Rgba CRASHED = Rgba.rgb(0xFF6464);
    static final Rgba OBSTACLE = Rgba.rgb(0x646464);
    static final Rgba ROAD = Rgba.rgb(0x646464);
    static final Rgba MARKING = Rgba.rgb(0xFFFFFF);
    static final Rgba SHOULDER = Rgba.rgb(0x8A8A86);
    static final Rgba VERGE = Rgba.rgb(0x6E8F4E);
    /** Beyond every solid edge line: a paved shoulder, then a strip of grass. */
    static final double SHOULDER_WIDTH = 2, VERGE_WIDTH = 4;
    /** The give-way line across the end of an intersection arm: dashes this long, this far apart. */
    static final double GIVE_WAY_DASH = 0.6, GIVE_WAY_PERIOD = 1;
    static final Rgba OBSERVED = Rgba.rgb(0x3296FF);
    static final Rgba LIDAR = Rgba.rgb(0xFF9632);

    private DrivingScene() {}

    static void describe(DrivingEnv env, SceneBuilder scene) {
        Vehicles veh = env.veh;
        Road road = env.road;
        double ex = veh.x[0], ey = veh.y[0];
        double[] tmp = new double[2];
        for (Lane lane : road.lanes) {
            lane.local(ex, ey, tmp);
            double from = Math.max(0, tmp[0] - VIEW), to = Math.min(lane.length(), tmp[0] + VIEW);
            if (from >= to) continue;
            // surface in pieces (curved lanes bend between them)
            strip(scene, "road", lane, 0, lane.width, 0, from, to, ex, ey, ROAD);
            marking(scene, lane, lane.leftLine, -lane.width / 2, from, to, ex, ey);
            marking(scene, lane, lane.rightLine, lane.width / 2, from, to, ex, ey);
            if (lane.leftLine == Lane.CONTINUOUS) edge(scene, lane, -1, from, to, ex, ey);
            if (lane.rightLine == Lane.CONTINUOUS) edge(scene, lane, 1, from, to, ex, ey);
        }
        for (int l = 0; l < road.lanes.length; l++) {
            if (road.arm[l] >= 0 && !road.conflictZone[l]) giveWay(scene, road.lanes[l], ex, ey);
        }
        for (int i = 0; i < veh.n; i++) {
            if (Math.hypot(veh.x[i] - ex, veh.y[i] - ey) > VIEW) continue;
            if (veh.kind[i] == VehicleKind.STATIC) {
                scene.add(new Shape.Cuboid("obstacle", (float) veh.x[i], VEHICLE_HEIGHT / 2, (float) veh.y[i], (float) (2 * veh.halfLength[i]),
                        VEHICLE_HEIGHT, (float) (2 * veh.halfWidth[i]), (float) -veh.h[i], OBSTACLE));
            } else {
                car(scene, veh, i);
            }
        }
        float eh = VEHICLE_HEIGHT + 0.1f;
        for (int j : Observations.observed(env.observer)) {
            scene.add(new Shape.Line("observed", (float) ex, eh, (float) ey, (float) veh.x[j], eh, (float) veh.y[j], 0.15f, OBSERVED));
        }
        if (env.observer instanceof Observations.Lidar lidar) {
            for (int r = 0; r < lidar.rays; r++) {
                double ang = veh.h[0] + 2 * Math.PI * r / lidar.rays;
                double d = lidar.distances[r];
                scene.add(new Shape.Line("lidar-ray", (float) ex, 0.5f, (float) ey, (float) (ex + d * Math.cos(ang)), 0.5f,
                        (float) (ey + d * Math.sin(ang)), 0.05f, LIDAR));
            }
        }
        scene.focus((float) ex, 0, (float) ey);
        scene.extent(120);
    }

    /**
     * A car as a body, a glass cabin set back, four wheels, tail lights that glow when it brakes
     * and amber indicators on the side it is changing lanes to. Tags: the body is {@code ego} or
     * {@code vehicle}, its parts {@code ego-…}/{@code vehicle-…}, so hiding one hides the car.
     */
    private static void car(SceneBuilder scene, Vehicles veh, int i) {
        String tag = i == 0 ? "ego" : "vehicle";
        float len = (float) (2 * veh.halfLength[i]), wid = (float) (2 * veh.halfWidth[i]);
        Rgba paint = veh.crashed[i] ? CRASHED : i == 0 ? EGO : PAINTS[i % PAINTS.length];
        float clearance = 0.25f, bodyHeight = 0.75f, cabinHeight = VEHICLE_HEIGHT - clearance - bodyHeight;
        part(scene, veh, i, tag, 0, 0, clearance + bodyHeight / 2, len, bodyHeight, wid, paint);
        part(scene, veh, i, tag + "-cabin", -0.08f * len, 0, clearance + bodyHeight + cabinHeight / 2, 0.5f * len, cabinHeight, 0.86f * wid, GLASS);
        float wheel = 0.66f, tread = 0.28f;
        double c = veh.cosH[i], s = veh.sinH[i];
        for (int k = 0; k < 4; k++) {
            // a tyre: a short cylinder across the car, its axis to the car's right
            float ahead = (k < 2 ? 0.32f : -0.32f) * len, right = (k % 2 == 0 ? -0.5f : 0.5f) * (wid - 0.1f);
            float wx = (float) (veh.x[i] + ahead * c - right * s), wz = (float) (veh.y[i] + ahead * s + right * c);
            float hx = (float) (-s * tread / 2), hz = (float) (c * tread / 2);
            scene.add(new Shape.Cylinder(tag + "-wheel", wx - hx, wheel / 2, wz - hz, wx + hx, wheel / 2, wz + hz, wheel / 2, TYRE));
        }
        Rgba tail = veh.acc[i] < BRAKING || veh.crashed[i] ? BRAKE_LIGHT : TAIL_LIGHT;
        for (int side = -1; side <= 1; side += 2) {
            part(scene, veh, i, tag + "-brake-light", -len / 2 - 0.02f, side * 0.33f * wid, clearance + bodyHeight * 0.7f, 0.06f, 0.18f, 0.3f * wid, tail);
        }
        if (veh.targetLane[i] != veh.lane[i] && Math.abs(veh.steer[i]) > 1e-3) {
            // the sim's lateral axis points right of the heading: steering right is positive
            float side = veh.steer[i] > 0 ? 0.5f : -0.5f;
            for (int end = -1; end <= 1; end += 2) {
                part(scene, veh, i, tag + "-indicator", end * (len / 2 + 0.02f), side * (wid - 0.2f), clearance + bodyHeight * 0.6f,
                        0.08f, 0.16f, 0.2f, INDICATOR);
            }
        }
        if (i == 0) {
            scene.add(new Shape.Cuboid("ego-marker", (float) veh.x[i], 0.03f, (float) veh.y[i], len + 1.4f, 0.02f, wid + 1.0f,
                    (float) -veh.h[i], EGO_MARKER));
        }
    }

    /** A box {@code ahead} metres along the vehicle's heading and {@code right} to its right, centred {@code up} above the road. */
    private static void part(SceneBuilder scene, Vehicles veh, int i, String tag, float ahead, float right, float up,
            float length, float height, float width, Rgba color) {
        double c = veh.cosH[i], s = veh.sinH[i];
        scene.add(new Shape.Cuboid(tag, (float) (veh.x[i] + ahead * c - right * s), up, (float) (veh.y[i] + ahead * s + right * c),
                length, height, width, (float) -veh.h[i], color));
    }

    /**
     * Slabs along a lane, {@code lat} metres right of its centre line, {@code width} across, top
     * {@code depth} below the road's, in pieces of {@link #PIECE} metres so curved lanes bend
     * between them. Lower strips lie under higher ones where they overlap (a shoulder under the
     * next lane), so the road always shows.
     */
    private static void strip(SceneBuilder scene, String tag, Lane lane, double lat, double width, float depth, double from, double to,
            double ex, double ey, Rgba color) {
        double[] a = new double[2], b = new double[2];
        for (double s = from; s < to; s += PIECE) {
            double e = Math.min(to, s + PIECE);
            lane.position(s, lat, a);
            lane.position(e, lat, b);
            if (Math.hypot(a[0] - ex, a[1] - ey) > VIEW + PIECE) continue;
            float len = (float) Math.hypot(b[0] - a[0], b[1] - a[1]);
            float yaw = (float) -Math.atan2(b[1] - a[1], b[0] - a[0]);
            scene.add(new Shape.Cuboid(tag, (float) (a[0] + b[0]) / 2, -depth - ROAD_THICKNESS / 2, (float) (a[1] + b[1]) / 2,
                    len + 0.05f, ROAD_THICKNESS, (float) width, yaw, color));
        }
    }

    /** Beyond a solid edge line ({@code side} -1 left, 1 right): the shoulder, then the grass verge. */
    private static void edge(SceneBuilder scene, Lane lane, int side, double from, double to, double ex, double ey) {
        double out = lane.width / 2;
        strip(scene, "shoulder", lane, side * (out + SHOULDER_WIDTH / 2), SHOULDER_WIDTH, 0.005f, from, to, ex, ey, SHOULDER);
        strip(scene, "verge", lane, side * (out + SHOULDER_WIDTH + VERGE_WIDTH / 2), VERGE_WIDTH, 0.01f, from, to, ex, ey, VERGE);
    }

    /** A dashed line across the end of a lane that enters an intersection: where its traffic gives way. */
    private static void giveWay(SceneBuilder scene, Lane lane, double ex, double ey) {
        double[] a = new double[2], b = new double[2];
        double s = lane.length() - 0.3;
        lane.position(s, 0, a);
        if (Math.hypot(a[0] - ex, a[1] - ey) > VIEW) return;
        for (double lat = -lane.width / 2 + 0.2; lat + GIVE_WAY_DASH <= lane.width / 2; lat += GIVE_WAY_PERIOD) {
            lane.position(s, lat, a);
            lane.position(s, lat + GIVE_WAY_DASH, b);
            scene.add(new Shape.Line("give-way", (float) a[0], 0.01f, (float) a[1], (float) b[0], 0.01f, (float) b[1], 0.3f, MARKING));
        }
    }

    private static void marking(SceneBuilder scene, Lane lane, int type, double lat, double from, double to, double ex, double ey) {
        if (type == Lane.NONE) return;
        double[] a = new double[2], b = new double[2];
        boolean striped = type == Lane.STRIPED;
        double start = striped ? Math.floor(from / STRIPE_PERIOD) * STRIPE_PERIOD : from;
        double stepLen = striped ? STRIPE_PERIOD : PIECE;
        for (double s = start; s < to; s += stepLen) {
            double e = Math.min(to, s + (striped ? STRIPE_LENGTH : PIECE));
            if (e <= s) continue;
            lane.position(s, lat, a);
            lane.position(e, lat, b);
            if (Math.hypot(a[0] - ex, a[1] - ey) > VIEW + PIECE) continue;
            scene.add(new Shape.Line("lane-marking", (float) a[0], 0.01f, (float) a[1], (float) b[0], 0.01f, (float) b[1],
                    striped ? 0.15f : 0.2f, MARKING));
        }
    }
}
