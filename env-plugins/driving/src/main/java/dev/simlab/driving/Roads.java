package dev.simlab.driving;

/** The road networks of the scenarios, with highway-env's geometry (x forward, y to the right, metres). */
final class Roads {
    static final double LANE_WIDTH = 4.0;
    static final double HIGHWAY_LENGTH = 10_000;
    /** Merge: lengths before, converging, merge, after (highway-env merge_env). */
    static final double[] MERGE_ENDS = {150, 80, 80, 150};
    static final double MERGE_AMPLITUDE = 3.25;
    /** Intersection: distance from the centre to where the arms start, and the arms' length. */
    static final double OUTER = 9 + LANE_WIDTH / 2, ACCESS = 100;
    static final double RIGHT_RADIUS = 9, LEFT_RADIUS = RIGHT_RADIUS + LANE_WIDTH;
    /** Lane keeping: a winding road. */
    static final double WINDING_LENGTH = 2000, WINDING_AMPLITUDE = 5, WINDING_PERIOD = 100;

    private Roads() {}

    /** highway-env RoadNetwork.straight_road_network: parallel lanes 4 m apart, lane 0 leftmost. */
    static Road highway(int lanes, double speedLimit) {
        Road.Builder b = new Road.Builder();
        Lane[] ls = new Lane[lanes];
        for (int i = 0; i < lanes; i++) {
            double y = i * LANE_WIDTH;
            ls[i] = new Lane.Straight(0, y, HIGHWAY_LENGTH, y, LANE_WIDTH, i == 0 ? Lane.CONTINUOUS : Lane.STRIPED,
                    i == lanes - 1 ? Lane.CONTINUOUS : Lane.NONE, false, speedLimit);
        }
        b.group(ls);
        return b.build();
    }

    /** Lane ids of the merge road, in {@link #merge}'s order. */
    static final int AB0 = 0, AB1 = 1, BC0 = 2, BC1 = 3, BC2 = 4, CD0 = 5, CD1 = 6, JK = 7, KB = 8;

    /** highway-env merge_env._make_road: a two-lane highway and a ramp (straight, sine, then a merge lane ending at an obstacle). */
    static Road merge(double speedLimit) {
        double[] e = MERGE_ENDS;
        int c = Lane.CONTINUOUS, s = Lane.STRIPED, n = Lane.NONE;
        double ab = e[0] + e[1], bc = ab + e[2], cd = bc + e[3];
        double w = LANE_WIDTH;
        Road.Builder b = new Road.Builder();
        b.group(new Lane.Straight(0, 0, ab, 0, w, c, s, false, speedLimit), new Lane.Straight(0, w, ab, w, w, n, c, false, speedLimit));
        double rampY = 6.5 + 4 + 4;
        Lane.Straight jk = new Lane.Straight(0, rampY, e[0], rampY, w, c, c, true, speedLimit);
        double[] p0 = new double[2], p1 = new double[2];
        jk.position(e[0], -MERGE_AMPLITUDE, p0);
        jk.position(ab, -MERGE_AMPLITUDE, p1);
        Lane.Sine kb = new Lane.Sine(p0[0], p0[1], p1[0], p1[1], MERGE_AMPLITUDE, 2 * Math.PI / (2 * e[1]), Math.PI / 2, w, c, c, true, speedLimit);
        double[] m = new double[2];
        kb.position(e[1], 0, m);
        b.group(new Lane.Straight(ab, 0, bc, 0, w, c, s, false, speedLimit), new Lane.Straight(ab, w, bc, w, w, n, s, false, speedLimit),
                new Lane.Straight(m[0], m[1], m[0] + e[2], m[1], w, n, c, true, speedLimit));
        b.group(new Lane.Straight(bc, 0, cd, 0, w, c, s, false, speedLimit), new Lane.Straight(bc, w, cd, w, w, n, c, false, speedLimit));
        b.lane(jk);
        b.lane(kb);
        b.connect(AB0, BC0).connect(AB1, BC1).connect(BC0, CD0).connect(BC1, CD1).connect(JK, KB).connect(KB, BC2);
        return b.build();
    }

    /** Per arm k (0..3): incoming, exit, then the connectors straight, right and left. */
    static int incoming(int arm) {
        return 5 * arm;
    }

    static int exit(int arm) {
        return 5 * arm + 1;
    }

    /** The connector from arm {@code arm} turning {@code turn} (0 straight, 1 right, 2 left). */
    static int connector(int arm, int turn) {
        return 5 * arm + 2 + turn;
    }

    /** The arm a turn leads to. */
    static int destination(int arm, int turn) {
        return switch (turn) {
            case 0 -> (arm + 2) % 4;
            case 1 -> (arm + 3) % 4;
            default -> (arm + 1) % 4;
        };
    }

    /**
     * A four-way crossing of two-lane roads after highway-env intersection_env (one lane each way,
     * arms 100 m long, right turns of radius 9 m and left turns of 13 m). Arm k is the arm rotated
     * by k·90° from the one along +y.
     */
    static Road intersection(double speedLimit) {
        Road.Builder b = new Road.Builder();
        double w = LANE_WIDTH;
        for (int k = 0; k < 4; k++) {
            double a = k * Math.PI / 2;
            double c = Math.cos(a), s = Math.sin(a);
            double[] p = new double[8];
            rot(c, s, w / 2, ACCESS + OUTER, p, 0);
            rot(c, s, w / 2, OUTER, p, 2);
            b.lane(new Lane.Straight(p[0], p[1], p[2], p[3], w, Lane.CONTINUOUS, Lane.STRIPED, false, speedLimit));
            rot(c, s, -w / 2, OUTER, p, 4);
            rot(c, s, -w / 2, ACCESS + OUTER, p, 6);
            b.lane(new Lane.Straight(p[4], p[5], p[6], p[7], w, Lane.STRIPED, Lane.CONTINUOUS, false, speedLimit));
            rot(c, s, w / 2, -OUTER, p, 4);
            b.lane(new Lane.Straight(p[2], p[3], p[4], p[5], w, Lane.NONE, Lane.NONE, false, speedLimit));
            rot(c, s, OUTER, OUTER, p, 4);
            b.lane(new Lane.Circular(p[4], p[5], RIGHT_RADIUS, a + Math.PI, a + 1.5 * Math.PI, true, w, Lane.NONE, Lane.NONE, speedLimit));
            rot(c, s, -OUTER, OUTER, p, 4);
            b.lane(new Lane.Circular(p[4], p[5], LEFT_RADIUS, a, a - Math.PI / 2, false, w, Lane.NONE, Lane.NONE, speedLimit));
        }
        for (int k = 0; k < 4; k++) {
            b.arm(incoming(k), k);
            for (int turn = 0; turn < 3; turn++) b.conflictZone(connector(k, turn), k);
        }
        return b.build();
    }

    private static void rot(double c, double s, double x, double y, double[] out, int at) {
        out[at] = c * x - s * y;
        out[at + 1] = s * x + c * y;
    }

    /** Lane keeping: one wide-sweeping lane (a sine of 5 m amplitude and 100 m period), solid lines both sides. */
    static Road winding(double speedLimit) {
        Road.Builder b = new Road.Builder();
        b.lane(new Lane.Sine(0, 0, WINDING_LENGTH, 0, WINDING_AMPLITUDE, 2 * Math.PI / WINDING_PERIOD, 0, LANE_WIDTH,
                Lane.CONTINUOUS, Lane.CONTINUOUS, false, speedLimit));
        return b.build();
    }
}
