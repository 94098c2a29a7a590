package dev.simlab.driving;

import dev.simlab.core.rng.Rng;

/**
 * Places each scenario's vehicles at reset (highway-env's {@code _create_vehicles} and
 * {@code _make_vehicles}) and brings intersection traffic that has left back onto a random arm.
 * Every draw comes from the env's generator, in a fixed order, so a seed fixes the episode.
 */
final class Spawner {
    /** The ego turns left through the intersection (turn 2 of arm 0). */
    static final int INTERSECTION_EGO_TURN = 2;
    /** Merge: the other cars' initial positions along their lane and speeds (highway-env MergeEnv._make_vehicles). */
    private static final double[] MERGE_CAR_S = {90, 70, 5}, MERGE_CAR_SPEED = {29, 31, 31.5};

    private final DrivingConfig c;
    private final Road road;
    private final Vehicles veh;
    private final Rng rng;
    private final double[] pos = new double[2];

    Spawner(DrivingConfig config, Road road, Vehicles vehicles, Rng rng) {
        this.c = config;
        this.road = road;
        this.veh = vehicles;
        this.rng = rng;
    }

    /** Empties the road and places the scenario's vehicles. */
    void spawn() {
        veh.clear();
        switch (c.scenario()) {
            case HIGHWAY -> spawnHighway();
            case MERGE -> spawnMerge();
            case INTERSECTION -> spawnIntersection();
            case LANE_KEEPING -> spawnLaneKeeping();
        }
    }

    /** The intersection's lane where the ego arrives. */
    static int intersectionEgoExit() {
        return Roads.exit(Roads.destination(0, INTERSECTION_EGO_TURN));
    }

    /**
     * highway-env HighwayEnv._create_vehicles with Vehicle.create_random: the ego first on a random
     * lane at 25 m/s, then each traffic vehicle on a random lane ahead of the frontmost vehicle so
     * far, spaced by {@code (12 + speed) · exp(-5/40 · lanes) / density}, at a speed drawn in
     * [0.7, 0.8] × the speed limit, with a random IDM exponent.
     */
    private void spawnHighway() {
        int lanes = road.laneCount();
        double spacingFactor = Math.exp(-5.0 / 40 * lanes);
        double maxS = Double.NaN;
        for (int k = 0; k <= c.vehicles(); k++) {
            boolean ego = k == 0;
            int laneId = ego && c.initialLane() >= 0 ? c.initialLane() : rng.nextInt(lanes);
            double speed = ego ? c.egoSpeed() : rng.uniform(0.7 * c.speedLimit(), 0.8 * c.speedLimit());
            double spacing = ego ? c.egoSpacing() : 1 / c.vehiclesDensity();
            double offset = spacing * (12 + speed) * spacingFactor;
            double x0 = Double.isNaN(maxS) ? 3 * offset : maxS;
            x0 += offset * rng.uniform(0.95, 1.05);
            Lane lane = road.lanes[laneId];
            lane.position(x0, 0, pos);
            int i = veh.add(ego ? c.action().egoKind() : VehicleKind.IDM, pos[0], pos[1], lane.headingAt(x0), speed);
            if (!ego) veh.checkCollisions[i] = c.trafficCollisions();
            maxS = Double.isNaN(maxS) ? x0 : Math.max(maxS, x0);
        }
    }

    /** highway-env MergeEnv._make_vehicles: the ego on the right lane, three cars around it, one on the ramp, an obstacle at the ramp's end. */
    private void spawnMerge() {
        road.lanes[Roads.AB1].position(30, 0, pos);
        veh.add(c.action().egoKind(), pos[0], pos[1], 0, c.egoSpeed());
        for (int k = 0; k < MERGE_CAR_S.length; k++) {
            Lane l = road.lanes[rng.nextInt(2) == 0 ? Roads.AB0 : Roads.AB1];
            l.position(MERGE_CAR_S[k] + rng.uniform(-5, 5), 0, pos);
            int i = veh.add(VehicleKind.IDM, pos[0], pos[1], 0, MERGE_CAR_SPEED[k] + rng.uniform(-1, 1));
            veh.checkCollisions[i] = c.trafficCollisions();
        }
        road.lanes[Roads.JK].position(110, 0, pos);
        int m = veh.add(VehicleKind.IDM, pos[0], pos[1], 0, 20);
        veh.targetSpeed[m] = 30;
        veh.checkCollisions[m] = c.trafficCollisions();
        road.lanes[Roads.BC2].position(Roads.MERGE_ENDS[2], 0, pos);
        veh.add(VehicleKind.STATIC, pos[0], pos[1], 0, 0);
    }

    /** The ego waits on arm 0 to turn left across traffic; traffic on random arms and turns (see docs/DRIVING.md). */
    private void spawnIntersection() {
        int in = Roads.incoming(0);
        Lane l = road.lanes[in];
        double s = 60 + 5 * rng.nextGaussian();
        l.position(s, 0, pos);
        int ego = veh.add(c.action().egoKind(), pos[0], pos[1], l.headingAt(s), c.egoSpeed());
        veh.targetSpeed[ego] = c.targetSpeeds()[c.targetSpeeds().length - 1];
        veh.route(ego, in, Roads.connector(0, INTERSECTION_EGO_TURN), intersectionEgoExit());
        for (int k = 0; k < c.vehicles(); k++) {
            for (int attempt = 0; attempt < 20; attempt++) {
                int arm = rng.nextInt(4);
                double at = rng.uniform(0, Roads.ACCESS - 10);
                if (free(Roads.incoming(arm), at, 15)) {
                    spawnOnArm(-1, arm, at);
                    break;
                }
            }
        }
    }

    /** Places (or re-places, when {@code i >= 0}) a traffic vehicle on arm {@code arm}'s incoming lane with a random turn. */
    private void spawnOnArm(int i, int arm, double s) {
        int in = Roads.incoming(arm);
        Lane l = road.lanes[in];
        l.position(s, 0, pos);
        double speed = Math.max(0, 0.8 * c.speedLimit() + rng.nextGaussian());
        int turn = rng.nextInt(3);
        if (i < 0) i = veh.add(VehicleKind.IDM, pos[0], pos[1], l.headingAt(s), speed);
        else veh.replace(i, pos[0], pos[1], l.headingAt(s), speed, in, s);
        veh.targetSpeed[i] = c.speedLimit();
        veh.laneChanges[i] = false;
        veh.checkCollisions[i] = c.trafficCollisions();
        veh.route(i, in, Roads.connector(arm, turn), Roads.exit(Roads.destination(arm, turn)));
    }

    /** True when no vehicle on {@code lane} is within {@code gap} of {@code s}. */
    private boolean free(int lane, double s, double gap) {
        for (int j = 0; j < veh.n; j++) {
            if (veh.lane[j] != lane) continue;
            road.lanes[lane].local(veh.x[j], veh.y[j], pos);
            if (Math.abs(pos[0] - s) < gap) return false;
        }
        return true;
    }

    /**
     * Traffic that has left the intersection far enough comes back on a random arm (highway-env
     * removes and spawns), after the agent step's simulation: the lane index sees it there from
     * the next simulation step on.
     */
    void recycleIntersection() {
        for (int i = 1; i < veh.n; i++) {
            int l = veh.lane[i];
            if (veh.routeLen[i] == 0 || l != veh.route[i][veh.routeLen[i] - 1] || veh.laneS[i] < Roads.ACCESS - 20) continue;
            int arm = rng.nextInt(4);
            if (free(Roads.incoming(arm), 5, 20)) spawnOnArm(i, arm, 5);
        }
    }

    /** The ego alone near the start of the winding road, slightly off the centre line. */
    private void spawnLaneKeeping() {
        Lane l = road.lanes[0];
        double s = 20;
        l.position(s, rng.uniform(-1, 1), pos);
        veh.add(c.action().egoKind(), pos[0], pos[1], l.headingAt(s) + rng.uniform(-0.1, 0.1), c.egoSpeed());
    }
}
