package dev.simlab.driving;

/**
 * highway-env's {@code ControlledVehicle} and {@code MDPVehicle}: lane following through the
 * lateral → heading → yaw-rate → steering cascade, speed tracking, and the meta-actions that move
 * the ego's target lane and target speed. Traffic steers with the same controllers
 * ({@link TrafficBehaviour}, as highway-env's {@code IDMVehicle} extends {@code ControlledVehicle}).
 */
final class Controller {
    static final double TAU_ACC = 0.6, TAU_HEADING = 0.2, TAU_LATERAL = 0.6, TAU_PURSUIT = 0.5 * TAU_HEADING;
    static final double KP_A = 1 / TAU_ACC, KP_HEADING = 1 / TAU_HEADING, KP_LATERAL = 1 / TAU_LATERAL;
    static final double MAX_STEERING_ANGLE = Math.PI / 3;
    /** highway-env MDPVehicle.DEFAULT_TARGET_SPEEDS. */
    static final double[] DEFAULT_TARGET_SPEEDS = {20, 25, 30};

    private final Vehicles veh;
    private final Road road;
    /** The speeds FASTER and SLOWER step through, increasing. */
    private final double[] targetSpeeds;
    /** The vehicles' arrays, held here: they never change, and one load less per access on the step path. */
    private final double[] x, y, h, v, acc, steer, targetSpeed;
    private final int[] targetLane;
    private final double[] tmp = new double[2];

    Controller(Vehicles vehicles, double[] targetSpeeds) {
        this.veh = vehicles;
        this.road = vehicles.road;
        this.targetSpeeds = targetSpeeds.clone();
        x = vehicles.x;
        y = vehicles.y;
        h = vehicles.h;
        v = vehicles.v;
        acc = vehicles.acc;
        steer = vehicles.steer;
        targetSpeed = vehicles.targetSpeed;
        targetLane = vehicles.targetLane;
    }

    /** One simulation step of an ego under meta-actions: follow the road, steer to the target lane, track the target speed. */
    void track(int i) {
        followRoad(i);
        steer[i] = steering(i);
        acc[i] = KP_A * (targetSpeed[i] - v[i]);
    }

    /** highway-env MDPVehicle.act(meta-action): changes the target lane or speed; unavailable actions do nothing. */
    void apply(int i, MetaAction action) {
        switch (action) {
            case FASTER, SLOWER -> {
                int idx = speedToIndex(v[i]) + (action == MetaAction.FASTER ? 1 : -1);
                idx = Math.max(0, Math.min(targetSpeeds.length - 1, idx));
                targetSpeed[i] = targetSpeeds[idx];
            }
            case LANE_LEFT, LANE_RIGHT -> {
                int t = road.side(targetLane[i], action == MetaAction.LANE_RIGHT ? 1 : -1);
                if (t < 0 || road.lanes[t].forbidden) return;
                road.lanes[t].local(x[i], y[i], tmp);
                if (road.lanes[t].reachableFrom(tmp[0], tmp[1])) targetLane[i] = t;
            }
            case IDLE -> { }
        }
    }

    /** highway-env MDPVehicle.speed_to_index: the closest target speed's index (round half to even). */
    private int speedToIndex(double speed) {
        double[] s = targetSpeeds;
        if (s.length == 1) return 0;
        double f = (speed - s[0]) / (s[s.length - 1] - s[0]);
        return (int) Math.max(0, Math.min(s.length - 1, Math.rint(f * (s.length - 1))));
    }

    /** Switches the target lane to the next one on the route when the vehicle nears its end (highway-env follow_road). */
    void followRoad(int i) {
        Lane t = road.lanes[targetLane[i]];
        t.local(x[i], y[i], tmp);
        if (tmp[0] > t.length() - Vehicles.LENGTH / 2) {
            int next = veh.nextLane(i, targetLane[i]);
            if (next >= 0) targetLane[i] = next;
        }
    }

    /** The steering angle toward the target lane, limited to ±{@link #MAX_STEERING_ANGLE}. */
    double steering(int i) {
        return clip(steeringControl(i, targetLane[i]), -MAX_STEERING_ANGLE, MAX_STEERING_ANGLE);
    }

    /** highway-env ControlledVehicle.steering_control: lateral position → heading → yaw rate → steering. */
    private double steeringControl(int i, int targetLane) {
        Lane l = road.lanes[targetLane];
        l.local(x[i], y[i], tmp);
        double s = tmp[0], lat = tmp[1];
        double speed = notZero(v[i]);
        double futureHeading = l.headingAt(s + v[i] * TAU_PURSUIT);
        double lateralSpeedCommand = -KP_LATERAL * lat;
        double headingCommand = Math.asin(clip(lateralSpeedCommand / speed, -1, 1));
        double headingRef = futureHeading + clip(headingCommand, -Math.PI / 4, Math.PI / 4);
        double headingRateCommand = KP_HEADING * Lane.wrapToPi(headingRef - h[i]);
        double slip = Math.asin(clip(Vehicles.LENGTH / 2 / speed * headingRateCommand, -1, 1));
        return Math.atan(2 * Math.tan(slip));
    }

    /** highway-env utils.not_zero: {@code x}, kept at least 0.01 away from zero (a divisor). */
    static double notZero(double x) {
        if (Math.abs(x) > 1e-2) return x;
        return x >= 0 ? 1e-2 : -1e-2;
    }

    static double clip(double x, double lo, double hi) {
        return x < lo ? lo : (x > hi ? hi : x);
    }
}
