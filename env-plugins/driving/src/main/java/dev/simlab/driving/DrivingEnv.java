package dev.simlab.driving;

import dev.simlab.core.env.Env;
import dev.simlab.core.env.Step;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.scene.SceneBuilder;
import dev.simlab.core.scene.StateValues;
import dev.simlab.core.space.Box;
import dev.simlab.core.space.Discrete;
import dev.simlab.core.space.Space;

/**
 * A driving scenario after highway-env: one ego vehicle among IDM/MOBIL traffic. Each agent step
 * applies the action once and runs {@code simulation_frequency / policy_frequency} simulation
 * steps (highway-env's {@code _simulate}); the observation, reward and end flags are then read.
 *
 * <p>Terminated on collision, on leaving the road when {@code offroad_terminal}, and for merge
 * (past x = 370 m) and intersection (arrived at the exit) at the scenario's goal. Never truncated:
 * the duration is the lab's time limit. Info: {@code crashed} (0/1), {@code on_road} (0/1),
 * {@code speed} (m/s). Deterministic for a seed; no allocation per step.
 */
public final class DrivingEnv implements Env {
    static final String CRASHED = "crashed", ON_ROAD = "on_road", SPEED = "speed", ARRIVED = "arrived";
    static final double MERGE_END_X = 370;
    static final double ARRIVED_DISTANCE = 25;
    static final int INTERSECTION_EGO_TURN = 2;

    final DrivingConfig c;
    final Road road;
    final Vehicles veh;
    final Observations observer;
    private final Space actionSpace;
    private final Rng rng = new Rng(0);
    private final Step step;
    private final double dt;
    private final int frames;
    private boolean done = true;
    private boolean arrived;
    private int lastAction = Vehicles.IDLE;
    private final double[] scratch = new double[2];

    public DrivingEnv(DrivingConfig config) {
        this.c = config;
        this.road = switch (c.scenario()) {
            case "merge" -> Roads.merge(c.speedLimit());
            case "intersection" -> Roads.intersection(c.speedLimit());
            case "lane-keeping" -> Roads.winding(c.speedLimit());
            default -> Roads.highway(c.lanes(), c.speedLimit());
        };
        int capacity = switch (c.scenario()) {
            case "merge" -> 6;
            case "lane-keeping" -> 1 + c.vehicles();
            default -> 1 + c.vehicles();
        };
        this.veh = new Vehicles(road, c.traffic(), capacity);
        veh.egoSpeeds = c.targetSpeeds().clone();
        if (c.scenario().equals("intersection")) {
            for (int k = 0; k < 4; k++) {
                veh.arm[Roads.incoming(k)] = k;
                for (int t = 0; t < 3; t++) {
                    veh.conflictZone[Roads.connector(k, t)] = true;
                    veh.arm[Roads.connector(k, t)] = k;
                }
            }
        }
        this.observer = Observations.create(c, road);
        this.actionSpace = switch (c.action()) {
            case "meta" -> new Discrete(5);
            case "meta-longitudinal" -> new Discrete(3);
            case "continuous" -> Box.uniform(-1, 1, 2);
            default -> Box.uniform(-1, 1, 1);
        };
        this.step = new Step(observer.space.flatSize());
        this.dt = 1.0 / c.simulationFrequency();
        this.frames = c.frames();
        c.traffic().seed(rng);
    }

    public DrivingConfig config() {
        return c;
    }

    @Override
    public Space observationSpace() {
        return observer.space;
    }

    @Override
    public Space actionSpace() {
        return actionSpace;
    }

    @Override
    public Step reset(long seed) {
        rng.setSeed(seed);
        return reset();
    }

    @Override
    public Step reset() {
        c.traffic().seed(rng);
        veh.clear();
        arrived = false;
        lastAction = Vehicles.IDLE;
        switch (c.scenario()) {
            case "merge" -> spawnMerge();
            case "intersection" -> spawnIntersection();
            case "lane-keeping" -> spawnLaneKeeping();
            default -> spawnHighway();
        }
        veh.ready();
        done = false;
        observer.observe(veh, step.observation());
        step.start();
        info();
        return step;
    }

    @Override
    public Step step(int action) {
        if (!(actionSpace instanceof Discrete d)) return Env.super.step(action);
        check();
        if (action < 0 || action >= d.n()) throw new IllegalArgumentException("action " + action + " is outside " + d.describe());
        // meta-longitudinal: SLOWER, IDLE, FASTER (highway-env ACTIONS_LONGI)
        int meta = c.action().equals("meta") ? action : (action == 0 ? Vehicles.SLOWER : action == 1 ? Vehicles.IDLE : Vehicles.FASTER);
        lastAction = meta;
        veh.metaAction(0, meta);
        return simulate();
    }

    @Override
    public Step step(float[] action) {
        if (actionSpace instanceof Discrete) return Env.super.step(action);
        check();
        if (c.action().equals("continuous")) {
            veh.acc[0] = clip(action[0]) * c.accelerationRange();
            veh.steer[0] = clip(action[1]) * c.steeringRange();
        } else {
            veh.acc[0] = 0;
            veh.steer[0] = clip(action[0]) * c.steeringRange();
        }
        return simulate();
    }

    private static double clip(float a) {
        if (Float.isNaN(a)) throw new IllegalArgumentException("action is NaN");
        return a < -1 ? -1 : (a > 1 ? 1 : a);
    }

    private void check() {
        if (done) throw new IllegalStateException("step() after the episode ended (or before the first reset); call reset()");
    }

    private Step simulate() {
        for (int f = 0; f < frames; f++) {
            veh.act();
            veh.step(dt);
        }
        if (c.scenario().equals("intersection")) recycleIntersection();
        boolean crashed = veh.crashed[0];
        boolean onRoad = veh.onRoad[0];
        if (c.scenario().equals("intersection")) {
            int exit = Roads.exit(Roads.destination(0, INTERSECTION_EGO_TURN));
            arrived = veh.lane[0] == exit && veh.laneS[0] >= ARRIVED_DISTANCE;
        }
        boolean terminated = crashed || (c.offroadTerminal() && !onRoad) || arrived
                || (c.scenario().equals("merge") && veh.x[0] > MERGE_END_X);
        double reward = reward(crashed, onRoad);
        done = terminated;
        observer.observe(veh, step.observation());
        step.outcome(reward, terminated, false);
        info();
        return step;
    }

    private void info() {
        step.info().put(CRASHED, veh.crashed[0] ? 1 : 0).put(ON_ROAD, veh.onRoad[0] ? 1 : 0).put(SPEED, veh.v[0]);
        if (c.scenario().equals("intersection")) step.info().put(ARRIVED, arrived ? 1 : 0);
    }

    /** highway-env's reward: weighted terms, normalised from [worst, best] to [0, 1], zero off the road. */
    double reward(boolean crashed, boolean onRoad) {
        if (c.scenario().equals("lane-keeping")) {
            if (!onRoad) return 0;
            double lat = veh.laneLat[0] / (road.lanes[veh.lane[0]].width / 2);
            return Math.max(0, 1 - lat * lat);
        }
        int t = veh.targetLane[0];
        int groupSize = road.groupSize(t);
        double right = road.indexInGroup[t] / (double) Math.max(groupSize - 1, 1);
        double forward = c.scenario().equals("highway") ? veh.v[0] * veh.cosH[0] : veh.v[0];
        double scaled = (forward - c.rewardSpeedLow()) / (c.rewardSpeedHigh() - c.rewardSpeedLow());
        scaled = Math.max(0, Math.min(1, scaled));
        boolean laneChange = lastAction == Vehicles.LANE_LEFT || lastAction == Vehicles.LANE_RIGHT;
        double r = c.collisionReward() * (crashed ? 1 : 0) + c.rightLaneReward() * right + c.highSpeedReward() * scaled
                + c.laneChangeReward() * (laneChange ? 1 : 0) + c.mergingSpeedReward() * mergingSpeed() + c.arrivedReward() * (arrived ? 1 : 0);
        if (c.normalizeReward()) {
            double worst = c.collisionReward() + Math.min(0, c.mergingSpeedReward()) + Math.min(0, c.laneChangeReward());
            double best = c.highSpeedReward() + c.rightLaneReward() + Math.max(0, c.arrivedReward());
            if (best > worst) r = (r - worst) / (best - worst);
        }
        return onRoad ? r : 0;
    }

    /** merge: sum over vehicles on the merge lane of their relative shortfall from the target speed (highway-env merging_speed_reward). */
    private double mergingSpeed() {
        if (!c.scenario().equals("merge")) return 0;
        double sum = 0;
        for (int i = 0; i < veh.n; i++) {
            if (veh.lane[i] == Roads.BC2 && veh.kind[i] != Vehicles.STATIC && veh.targetSpeed[i] > 0) {
                sum += (veh.targetSpeed[i] - veh.v[i]) / veh.targetSpeed[i];
            }
        }
        return sum;
    }

    // ---------------------------------------------------------------- spawning

    private int egoKind() {
        return c.action().startsWith("meta") ? Vehicles.EGO_META : Vehicles.EGO_CONTINUOUS;
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
        double[] pos = new double[2];
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
            int i = veh.add(ego ? egoKind() : Vehicles.IDM, pos[0], pos[1], lane.headingAt(x0), speed);
            if (!ego) veh.checkCollisions[i] = c.trafficCollisions();
            maxS = Double.isNaN(maxS) ? x0 : Math.max(maxS, x0);
        }
    }

    /** highway-env MergeEnv._make_vehicles: the ego on the right lane, three cars around it, one on the ramp, an obstacle at the ramp's end. */
    private void spawnMerge() {
        double[] pos = new double[2];
        Lane ab1 = road.lanes[Roads.AB1];
        ab1.position(30, 0, pos);
        veh.add(egoKind(), pos[0], pos[1], 0, c.egoSpeed());
        double[][] others = {{90, 29}, {70, 31}, {5, 31.5}};
        for (double[] o : others) {
            Lane l = road.lanes[rng.nextInt(2) == 0 ? Roads.AB0 : Roads.AB1];
            l.position(o[0] + rng.uniform(-5, 5), 0, pos);
            int i = veh.add(Vehicles.IDM, pos[0], pos[1], 0, o[1] + rng.uniform(-1, 1));
            veh.checkCollisions[i] = c.trafficCollisions();
        }
        Lane jk = road.lanes[Roads.JK];
        jk.position(110, 0, pos);
        int m = veh.add(Vehicles.IDM, pos[0], pos[1], 0, 20);
        veh.targetSpeed[m] = 30;
        veh.checkCollisions[m] = c.trafficCollisions();
        road.lanes[Roads.BC2].position(Roads.MERGE_ENDS[2], 0, pos);
        veh.add(Vehicles.STATIC, pos[0], pos[1], 0, 0);
    }

    /** The ego waits on arm 0 to turn left across traffic; traffic on random arms and turns (see docs/DRIVING.md). */
    private void spawnIntersection() {
        double[] pos = new double[2];
        int in = Roads.incoming(0);
        Lane l = road.lanes[in];
        double s = 60 + 5 * rng.nextGaussian();
        l.position(s, 0, pos);
        int ego = veh.add(egoKind(), pos[0], pos[1], l.headingAt(s), c.egoSpeed());
        veh.targetSpeed[ego] = c.targetSpeeds()[c.targetSpeeds().length - 1];
        veh.route(ego, in, Roads.connector(0, INTERSECTION_EGO_TURN), Roads.exit(Roads.destination(0, INTERSECTION_EGO_TURN)));
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
        double[] pos = scratch;
        int in = Roads.incoming(arm);
        Lane l = road.lanes[in];
        l.position(s, 0, pos);
        double speed = Math.max(0, 0.8 * c.speedLimit() + rng.nextGaussian());
        int turn = rng.nextInt(3);
        if (i < 0) {
            i = veh.add(Vehicles.IDM, pos[0], pos[1], l.headingAt(s), speed);
        } else {
            veh.x[i] = pos[0];
            veh.y[i] = pos[1];
            veh.h[i] = l.headingAt(s);
            veh.cosH[i] = Math.cos(veh.h[i]);
            veh.sinH[i] = Math.sin(veh.h[i]);
            veh.v[i] = speed;
            veh.lane[i] = in;
            veh.targetLane[i] = in;
            veh.laneS[i] = s;
            veh.laneLat[i] = 0;
            veh.crashed[i] = false;
        }
        veh.targetSpeed[i] = c.speedLimit();
        veh.laneChanges[i] = false;
        veh.checkCollisions[i] = c.trafficCollisions();
        veh.route(i, in, Roads.connector(arm, turn), Roads.exit(Roads.destination(arm, turn)));
    }

    private boolean free(int lane, double s, double gap) {
        double[] tmp = scratch;
        for (int j = 0; j < veh.n; j++) {
            if (veh.lane[j] != lane) continue;
            road.lanes[lane].local(veh.x[j], veh.y[j], tmp);
            if (Math.abs(tmp[0] - s) < gap) return false;
        }
        return true;
    }

    /** Traffic that has left the intersection far enough comes back on a random arm (highway-env removes and spawns). */
    private void recycleIntersection() {
        for (int i = 1; i < veh.n; i++) {
            int l = veh.lane[i];
            if (veh.routeLen[i] == 0 || l != veh.route[i][veh.routeLen[i] - 1] || veh.laneS[i] < Roads.ACCESS - 20) continue;
            int arm = rng.nextInt(4);
            if (free(Roads.incoming(arm), 5, 20)) spawnOnArm(i, arm, 5);
        }
    }

    /** The ego alone near the start of the winding road, slightly off the centre line. */
    private void spawnLaneKeeping() {
        double[] pos = new double[2];
        Lane l = road.lanes[0];
        double s = 20;
        l.position(s, rng.uniform(-1, 1), pos);
        veh.add(egoKind(), pos[0], pos[1], l.headingAt(s) + rng.uniform(-0.1, 0.1), c.egoSpeed());
    }

    @Override
    public void describe(SceneBuilder scene, StateValues values) {
        DrivingScene.describe(this, scene);
    }

    @Override
    public String toString() {
        return "driving:" + c.scenario() + "(ego x=" + veh.x[0] + ", y=" + veh.y[0] + ", v=" + veh.v[0] + ", crashed=" + veh.crashed[0] + ")";
    }
}
