package dev.simlab.driving;

import static dev.simlab.driving.Controller.clip;
import static dev.simlab.driving.Controller.notZero;

/**
 * How traffic drives (highway-env's {@code IDMVehicle}): IDM car-following behind the vehicle
 * ahead on the current and the target lane, MOBIL lane changes, and a yield rule at intersections;
 * steering through the {@link Controller}'s lane following. Others' accelerations in MOBIL are
 * evaluated with the deciding vehicle's exponent, as highway-env does.
 */
final class TrafficBehaviour {
    private final Vehicles veh;
    private final Road road;
    private final LaneIndex index;
    private final Controller controller;
    private final TrafficParams p;
    /** The vehicles' arrays, held here: they never change, and one load less per access on the step path. */
    private final double[] x, y, v, cosH, sinH, acc, steer, targetSpeed, delta, timer, halfLength, laneS;
    private final int[] lane, targetLane;
    private final VehicleKind[] kind;
    private final boolean[] crashed, laneChanges;
    private final double[] tmp = new double[2];

    TrafficBehaviour(Vehicles vehicles, LaneIndex index, Controller controller) {
        this.veh = vehicles;
        this.road = vehicles.road;
        this.index = index;
        this.controller = controller;
        this.p = vehicles.params;
        x = vehicles.x;
        y = vehicles.y;
        v = vehicles.v;
        cosH = vehicles.cosH;
        sinH = vehicles.sinH;
        acc = vehicles.acc;
        steer = vehicles.steer;
        targetSpeed = vehicles.targetSpeed;
        delta = vehicles.delta;
        timer = vehicles.timer;
        halfLength = vehicles.halfLength;
        laneS = vehicles.laneS;
        lane = vehicles.lane;
        targetLane = vehicles.targetLane;
        kind = vehicles.kind;
        crashed = vehicles.crashed;
        laneChanges = vehicles.laneChanges;
    }

    /** One simulation step of traffic vehicle {@code i}: lane decision, steering, then the most cautious IDM acceleration. */
    void act(int i) {
        if (crashed[i]) return;
        controller.followRoad(i);
        if (laneChanges[i]) changeLanePolicy(i);
        steer[i] = controller.steering(i);
        index.neighbours(i, lane[i], true);
        double a = idm(i, index.front, index.frontGap, delta[i]);
        if (lane[i] != targetLane[i]) {
            index.neighbours(i, targetLane[i], true);
            a = Math.min(a, idm(i, index.front, index.frontGap, delta[i]));
        }
        double yield = yieldGap(i);
        if (yield < Double.POSITIVE_INFINITY) a = Math.min(a, idmToStop(i, yield));
        acc[i] = clip(a, -p.accMax(), p.accMax());
    }

    /**
     * IDM acceleration of {@code a} behind {@code b} at centre distance {@code gap} along the lane
     * (highway-env IDMVehicle.acceleration; {@code a} or {@code b} = -1 for none). {@code exponent}
     * is the deciding vehicle's delta. The target speed is capped by the lane's speed limit.
     */
    private double idm(int a, int b, double gap, double exponent) {
        if (a < 0 || kind[a] == VehicleKind.STATIC) return 0;
        double target = clip(targetSpeed[a], 0, road.lanes[lane[a]].speedLimit);
        double ratio = Math.max(v[a], 0) / Math.abs(notZero(target));
        double accel = p.comfortAccMax() * (1 - pow(ratio, exponent));
        if (b >= 0) {
            double r = desiredGap(a, b) / notZero(gap);
            accel -= p.comfortAccMax() * r * r;
        }
        return accel;
    }

    /** IDM toward a standing obstacle {@code gap} metres ahead (a stop line). */
    private double idmToStop(int a, double gap) {
        double target = Math.max(targetSpeed[a], 0.1);
        double accel = p.comfortAccMax() * (1 - pow(Math.max(v[a], 0) / target, delta[a]));
        double ab = -p.comfortAccMax() * p.comfortAccMin();
        double dStar = p.distanceWanted() - Vehicles.LENGTH / 2 + v[a] * p.timeWanted() + v[a] * v[a] / (2 * Math.sqrt(ab));
        double r = dStar / notZero(Math.max(gap, 0.01));
        return accel - p.comfortAccMax() * r * r;
    }

    /** {@code Math.pow}, with highway-env's fixed exponent 4 ({@code idm_delta_min = idm_delta_max = 4}) as two squarings, faster. */
    private static double pow(double base, double exponent) {
        if (exponent == 4) {
            double b2 = base * base;
            return b2 * b2;
        }
        return Math.pow(base, exponent);
    }

    /** highway-env IDMVehicle.desired_gap with the projected speed difference. */
    private double desiredGap(int a, int b) {
        double ab = -p.comfortAccMax() * p.comfortAccMin();
        double dv = v[a] - v[b] * (cosH[b] * cosH[a] + sinH[b] * sinH[a]);
        return p.distanceWanted() + v[a] * p.timeWanted() + v[a] * dv / (2 * Math.sqrt(ab));
    }

    /**
     * Intersection rule (not in highway-env, which uses priorities and predicted collisions): a
     * vehicle about to enter a conflict zone stops at its end while another vehicle from another arm
     * is inside it. Returns the distance to the stop line, or infinity when free to go.
     */
    private double yieldGap(int i) {
        int l = lane[i];
        int next = veh.nextLane(i, l);
        boolean[] conflict = road.conflictZone;
        if (next < 0 || !conflict[next] || conflict[l]) return Double.POSITIVE_INFINITY;
        double toEnd = road.lanes[l].length() - laneS[i] - halfLength[i];
        if (toEnd > 25 || toEnd < -1) return Double.POSITIVE_INFINITY;
        int[] arm = road.arm;
        for (int j = 0; j < veh.n; j++) {
            if (j == i || !conflict[lane[j]] || arm[lane[j]] == arm[l] || kind[j] == VehicleKind.STATIC) continue;
            return Math.max(toEnd, 0.01);
        }
        return Double.POSITIVE_INFINITY;
    }

    /** highway-env IDMVehicle.change_lane_policy: abort a lane change into a conflict, else try MOBIL once per delay. */
    private void changeLanePolicy(int i) {
        int l = lane[i], t = targetLane[i];
        if (l != t) {
            if (road.group[l] == road.group[t]) {
                for (int off = -1; off <= 1; off += 2) {
                    int side = road.side(t, off);
                    if (side < 0) continue;
                    int c = index.count(side);
                    int[] m = index.members(side);
                    for (int k = 0; k < c; k++) {
                        int j = m[k];
                        if (j == i || lane[j] != side || targetLane[j] != t
                                || (kind[j] != VehicleKind.IDM && kind[j] != VehicleKind.EGO_META)) continue;
                        road.lanes[l].local(x[j], y[j], tmp);
                        double d = tmp[0] - laneS[i];
                        if (0 < d && d < desiredGap(i, j)) {
                            targetLane[i] = l;
                            return;
                        }
                    }
                }
            }
            return;
        }
        if (!(p.laneChangeDelay() < timer[i])) return;
        timer[i] = 0;
        for (int off = -1; off <= 1; off += 2) {
            int side = road.side(l, off);
            if (side < 0 || road.lanes[side].forbidden) continue;
            road.lanes[side].local(x[i], y[i], tmp);
            if (!road.lanes[side].reachableFrom(tmp[0], tmp[1])) continue;
            if (Math.abs(v[i]) < 1) continue;
            if (mobil(i, side)) targetLane[i] = side;
        }
    }

    /** highway-env IDMVehicle.mobil: change if the own gain outweighs the others' loss and nobody brakes too hard. */
    private boolean mobil(int i, int newLane) {
        double d = delta[i];
        index.neighbours(i, newLane, false);
        int newPre = index.front, newFol = index.rear;
        double nfg = index.frontGap, nrg = index.rearGap;
        double newFollowingA = idm(newFol, newPre, nrg + nfg, d);
        double newFollowingPredA = idm(newFol, i, nrg, d);
        if (newFollowingPredA < -p.laneChangeMaxBrakingImposed()) return false;
        index.neighbours(i, lane[i], false);
        int oldPre = index.front, oldFol = index.rear;
        double ofg = index.frontGap, org = index.rearGap;
        double selfPredA = idm(i, newPre, nfg, d);
        double selfA = idm(i, oldPre, ofg, d);
        double oldFollowingA = idm(oldFol, i, org, d);
        double oldFollowingPredA = idm(oldFol, oldPre, org + ofg, d);
        double jerk = selfPredA - selfA + p.politeness() * (newFollowingPredA - newFollowingA + oldFollowingPredA - oldFollowingA);
        return jerk >= p.laneChangeMinAccGain();
    }
}
