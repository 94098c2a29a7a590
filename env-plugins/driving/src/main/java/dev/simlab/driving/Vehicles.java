package dev.simlab.driving;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.rng.Rng;
import java.io.IOException;
import java.util.Arrays;

/**
 * The state of every vehicle on the road, as parallel arrays (structure of arrays: the simulation
 * step touches a few fields of every vehicle and allocates nothing), and highway-env's kinematic
 * bicycle model that moves them ({@code Vehicle.step}). Vehicle 0 is the ego. What sets the
 * controls {@code acc} and {@code steer}: {@link Controller}, {@link TrafficBehaviour}, or the
 * agent's continuous action.
 */
final class Vehicles {
    static final double LENGTH = 5.0, WIDTH = 2.0;
    static final double MAX_SPEED = 40, MIN_SPEED = -40;
    /** Obstacles are 2 m × 2 m. */
    static final double STATIC_HALF_SIZE = 1.0;
    /** Lanes in a route: in, through (a turn in the intersection), out. */
    static final int ROUTE_LANES = 3;

    final Road road;
    final TrafficParams params;
    /** Draws each new vehicle's IDM exponent; null on hand-built test roads (every exponent deltaMin). */
    private final Rng behaviourRng;
    final int capacity;
    int n;

    final double[] x, y, h, v, cosH, sinH, acc, steer, targetSpeed, delta, timer, halfLength, halfWidth;
    /** Longitudinal and lateral coordinates on {@link #lane}. */
    final double[] laneS, laneLat;
    final int[] lane, targetLane;
    final VehicleKind[] kind;
    final boolean[] crashed, checkCollisions, laneChanges, onRoad;
    /** Per-vehicle route (the lanes to follow at lane ends, e.g. a turn through an intersection); routeLen 0: the road's successors. */
    final int[][] route;
    final int[] routeLen, routeIdx;
    private final double[] tmp = new double[2];

    /** The arrays {@link #save} writes, by name; the ego's controller state (target lane and speed, held controls) is among them. */
    private final double[][] doubles;
    private final int[][] ints;
    private final boolean[][] flags;
    private static final String[] DOUBLE_NAMES = {"x", "y", "h", "v", "cos_h", "sin_h", "acc", "steer", "target_speed", "delta", "timer",
            "half_length", "half_width", "lane_s", "lane_lat"};
    private static final String[] INT_NAMES = {"lane", "target_lane", "route_len", "route_idx"};
    private static final String[] FLAG_NAMES = {"crashed", "check_collisions", "lane_changes", "on_road"};

    Vehicles(Road road, TrafficParams params, int capacity, Rng behaviourRng) {
        this.road = road;
        this.params = params;
        this.behaviourRng = behaviourRng;
        this.capacity = capacity;
        x = new double[capacity];
        y = new double[capacity];
        h = new double[capacity];
        v = new double[capacity];
        cosH = new double[capacity];
        sinH = new double[capacity];
        acc = new double[capacity];
        steer = new double[capacity];
        targetSpeed = new double[capacity];
        delta = new double[capacity];
        timer = new double[capacity];
        halfLength = new double[capacity];
        halfWidth = new double[capacity];
        laneS = new double[capacity];
        laneLat = new double[capacity];
        lane = new int[capacity];
        targetLane = new int[capacity];
        kind = new VehicleKind[capacity];
        crashed = new boolean[capacity];
        checkCollisions = new boolean[capacity];
        laneChanges = new boolean[capacity];
        onRoad = new boolean[capacity];
        route = new int[capacity][ROUTE_LANES];
        routeLen = new int[capacity];
        routeIdx = new int[capacity];
        doubles = new double[][] {x, y, h, v, cosH, sinH, acc, steer, targetSpeed, delta, timer, halfLength, halfWidth, laneS, laneLat};
        ints = new int[][] {lane, targetLane, routeLen, routeIdx};
        flags = new boolean[][] {crashed, checkCollisions, laneChanges, onRoad};
    }

    void clear() {
        n = 0;
    }

    /** Adds a vehicle at a world pose; its lane is the closest one. Returns its index. */
    int add(VehicleKind kind, double px, double py, double heading, double speed) {
        if (n == capacity) throw new IllegalStateException("more than " + capacity + " vehicles");
        int i = n++;
        this.kind[i] = kind;
        x[i] = px;
        y[i] = py;
        h[i] = heading;
        v[i] = speed;
        cosH[i] = Math.cos(heading);
        sinH[i] = Math.sin(heading);
        acc[i] = 0;
        steer[i] = 0;
        targetSpeed[i] = speed;
        delta[i] = params.delta(behaviourRng);
        // highway-env: timer = (sum(position) * pi) % LANE_CHANGE_DELAY
        timer[i] = ((px + py) * Math.PI) % params.laneChangeDelay();
        if (timer[i] < 0) timer[i] += params.laneChangeDelay();
        boolean isStatic = kind == VehicleKind.STATIC;
        halfLength[i] = isStatic ? STATIC_HALF_SIZE : LENGTH / 2;
        halfWidth[i] = isStatic ? STATIC_HALF_SIZE : WIDTH / 2;
        crashed[i] = false;
        checkCollisions[i] = true;
        laneChanges[i] = kind == VehicleKind.IDM;
        routeLen[i] = 0;
        routeIdx[i] = 0;
        int best = road.closestLane(px, py, tmp);
        lane[i] = best;
        targetLane[i] = best;
        road.lanes[best].local(px, py, tmp);
        laneS[i] = tmp[0];
        laneLat[i] = tmp[1];
        onRoad[i] = road.lanes[best].onLane(tmp[0], tmp[1], 0);
        return i;
    }

    /** Sets vehicle {@code i}'s route: its current lane, the lane through, the lane out. */
    void route(int i, int in, int through, int out) {
        int[] r = route[i];
        r[0] = in;
        r[1] = through;
        r[2] = out;
        routeLen[i] = ROUTE_LANES;
        routeIdx[i] = 0;
    }

    /** Puts vehicle {@code i} back at {@code s} on the centre of {@code lane}, not crashed (intersection traffic coming round again). */
    void replace(int i, double px, double py, double heading, double speed, int lane, double s) {
        x[i] = px;
        y[i] = py;
        h[i] = heading;
        cosH[i] = Math.cos(heading);
        sinH[i] = Math.sin(heading);
        v[i] = speed;
        this.lane[i] = lane;
        targetLane[i] = lane;
        laneS[i] = s;
        laneLat[i] = 0;
        crashed[i] = false;
    }

    /** The lane vehicle {@code i} continues on after {@code l}: its route's, else the road's successor. */
    int nextLane(int i, int l) {
        int len = routeLen[i];
        if (len > 0) {
            int[] r = route[i];
            for (int k = routeIdx[i]; k < len - 1; k++) if (r[k] == l) return r[k + 1];
            return -1;
        }
        return road.next[l];
    }

    /** Longitudinal distance from {@code i} to {@code j} along {@code i}'s lane (highway-env lane_distance_to). */
    double laneDistance(int i, int j) {
        road.lanes[lane[i]].local(x[j], y[j], tmp);
        return tmp[0] - laneS[i];
    }

    /**
     * highway-env Vehicle.step(dt) for every vehicle: a crashed vehicle steers 0 and brakes with
     * {@code a = -v}; speeds beyond ±{@link #MAX_SPEED} are pulled back; the bicycle model
     * {@code β = atan(½ tan δ)} moves the centre. The MOBIL timers of traffic advance too.
     */
    void move(double dt) {
        for (int i = 0; i < n; i++) {
            if (kind[i] == VehicleKind.STATIC) continue;
            if (crashed[i]) {
                steer[i] = 0;
                acc[i] = -1.0 * v[i];
            }
            if (kind[i] == VehicleKind.IDM) timer[i] += dt;
            double a = acc[i];
            if (v[i] > MAX_SPEED) a = Math.min(a, 1.0 * (MAX_SPEED - v[i]));
            else if (v[i] < MIN_SPEED) a = Math.max(a, 1.0 * (MIN_SPEED - v[i]));
            double speed = v[i];
            double st = steer[i];
            if (st == 0) {
                x[i] += speed * cosH[i] * dt;
                y[i] += speed * sinH[i] * dt;
            } else {
                double beta = Math.atan(0.5 * Math.tan(st));
                double hb = h[i] + beta;
                x[i] += speed * Math.cos(hb) * dt;
                y[i] += speed * Math.sin(hb) * dt;
                h[i] += speed * Math.sin(beta) / (LENGTH / 2) * dt;
                cosH[i] = Math.cos(h[i]);
                sinH[i] = Math.sin(h[i]);
            }
            v[i] = speed + a * dt;
        }
    }

    /** Writes the first {@link #n} entries of every array, under {@code prefix + "vehicles."}. */
    void save(CheckpointWriter out, String prefix) throws IOException {
        String p = prefix + "vehicles.";
        out.putLong(p + "n", n);
        for (int k = 0; k < doubles.length; k++) out.putDoubles(p + DOUBLE_NAMES[k], Arrays.copyOf(doubles[k], n));
        for (int k = 0; k < ints.length; k++) out.putInts(p + INT_NAMES[k], Arrays.copyOf(ints[k], n));
        for (int k = 0; k < flags.length; k++) out.putBooleans(p + FLAG_NAMES[k], Arrays.copyOf(flags[k], n));
        int[] kinds = new int[n];
        int[] routes = new int[n * ROUTE_LANES];
        for (int i = 0; i < n; i++) {
            kinds[i] = kind[i].ordinal();
            System.arraycopy(route[i], 0, routes, i * ROUTE_LANES, ROUTE_LANES);
        }
        out.putInts(p + "kind", kinds);
        out.putInts(p + "route", routes);
    }

    /** Reads what {@link #save} wrote; the number of vehicles may differ from the current one. */
    void restore(CheckpointReader in, String prefix) throws IOException {
        String p = prefix + "vehicles.";
        int count = SavedArrays.count(in.getLong(p + "n"), capacity, p + "n");
        for (int k = 0; k < doubles.length; k++) SavedArrays.restore(in.getDoubles(p + DOUBLE_NAMES[k]), doubles[k], count, p + DOUBLE_NAMES[k]);
        for (int k = 0; k < ints.length; k++) SavedArrays.restore(in.getInts(p + INT_NAMES[k]), ints[k], count, p + INT_NAMES[k]);
        for (int k = 0; k < flags.length; k++) SavedArrays.restore(in.getBooleans(p + FLAG_NAMES[k]), flags[k], count, p + FLAG_NAMES[k]);
        int[] kinds = in.getInts(p + "kind");
        int[] routes = in.getInts(p + "route");
        if (kinds.length != count || routes.length != count * ROUTE_LANES) throw new IOException("checkpoint entries '" + p + "kind' and '" + p + "route' do not match " + count + " vehicles");
        for (int i = 0; i < count; i++) {
            if (kinds[i] < 0 || kinds[i] >= VehicleKind.ALL.length) throw new IOException("checkpoint entry '" + p + "kind' has an unknown kind " + kinds[i]);
            kind[i] = VehicleKind.ALL[kinds[i]];
            System.arraycopy(routes, i * ROUTE_LANES, route[i], 0, ROUTE_LANES);
        }
        n = count;
    }
}
