package dev.simlab.driving;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.Env;
import dev.simlab.core.env.Step;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.scene.SceneBuilder;
import dev.simlab.core.scene.StateValues;
import dev.simlab.core.space.Discrete;
import dev.simlab.core.space.Space;
import java.io.IOException;

/**
 * A driving scenario after highway-env: one ego vehicle among IDM/MOBIL traffic. Each agent step
 * applies the action once and runs {@code simulation_frequency / policy_frequency} simulation
 * steps (highway-env's {@code _simulate}); the observation, reward and end flags are then read.
 *
 * <p>Terminated on collision, on leaving the road when {@code offroad_terminal}, and for merge
 * (past x = 370 m) and intersection (arrived at the exit) at the scenario's goal. Never truncated:
 * the duration is the lab's time limit. Info: {@code crashed} (0/1), {@code on_road} (0/1),
 * {@code speed} (m/s). Deterministic for a seed; no allocation per step; its state saves and
 * restores exactly.
 */
public final class DrivingEnv implements Env {
    static final String CRASHED = "crashed", ON_ROAD = "on_road", SPEED = "speed", ARRIVED = "arrived";
    static final double MERGE_END_X = 370;
    static final double ARRIVED_DISTANCE = 25;

    final DrivingConfig c;
    final Road road;
    final Simulation sim;
    /** The simulation's vehicles, vehicle 0 the ego. */
    final Vehicles veh;
    final Observations observer;
    private final Spawner spawner;
    private final Space actionSpace;
    private final Rng rng = new Rng(0);
    private final Step step;
    private final double dt;
    private final int frames;
    private final int egoExit = Spawner.intersectionEgoExit();
    private boolean done = true;
    private boolean arrived;
    /** The last meta-action, for the lane-change reward. */
    private MetaAction lastAction = MetaAction.IDLE;

    public DrivingEnv(DrivingConfig config) {
        this.c = config;
        this.road = c.scenario().road(c);
        this.sim = new Simulation(road, c.traffic(), c.scenario().capacity(c), rng, c.targetSpeeds());
        this.veh = sim.vehicles;
        this.spawner = new Spawner(c, road, veh, rng);
        this.observer = Observations.create(c, road);
        this.actionSpace = c.action().space();
        this.step = new Step(observer.space.flatSize());
        this.dt = 1.0 / c.simulationFrequency();
        this.frames = c.frames();
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
        arrived = false;
        lastAction = MetaAction.IDLE;
        spawner.spawn();
        sim.ready();
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
        MetaAction meta = c.action().meta(action);
        lastAction = meta;
        sim.controller.apply(0, meta);
        return simulate();
    }

    @Override
    public Step step(float[] action) {
        if (actionSpace instanceof Discrete) return Env.super.step(action);
        check();
        if (c.action() == ActionKind.CONTINUOUS) {
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
            sim.act();
            sim.step(dt);
        }
        Scenario scenario = c.scenario();
        if (scenario == Scenario.INTERSECTION) spawner.recycleIntersection();
        boolean crashed = veh.crashed[0];
        boolean onRoad = veh.onRoad[0];
        if (scenario == Scenario.INTERSECTION) arrived = veh.lane[0] == egoExit && veh.laneS[0] >= ARRIVED_DISTANCE;
        boolean terminated = crashed || (c.offroadTerminal() && !onRoad) || arrived
                || (scenario == Scenario.MERGE && veh.x[0] > MERGE_END_X);
        double reward = reward(crashed, onRoad);
        done = terminated;
        observer.observe(veh, step.observation());
        step.outcome(reward, terminated, false);
        info();
        return step;
    }

    private void info() {
        step.info().put(CRASHED, veh.crashed[0] ? 1 : 0).put(ON_ROAD, veh.onRoad[0] ? 1 : 0).put(SPEED, veh.v[0]);
        if (c.scenario() == Scenario.INTERSECTION) step.info().put(ARRIVED, arrived ? 1 : 0);
    }

    /** highway-env's reward: weighted terms, normalised from [worst, best] to [0, 1], zero off the road. */
    double reward(boolean crashed, boolean onRoad) {
        if (c.scenario() == Scenario.LANE_KEEPING) {
            if (!onRoad) return 0;
            double lat = veh.laneLat[0] / (road.lanes[veh.lane[0]].width / 2);
            return Math.max(0, 1 - lat * lat);
        }
        int t = veh.targetLane[0];
        int groupSize = road.groupSize(t);
        double right = road.indexInGroup[t] / (double) Math.max(groupSize - 1, 1);
        // highway-env's highway rewards the speed along the road, merge and intersection the speed itself
        double forward = c.scenario() == Scenario.HIGHWAY ? veh.v[0] * veh.cosH[0] : veh.v[0];
        double scaled = (forward - c.rewardSpeedLow()) / (c.rewardSpeedHigh() - c.rewardSpeedLow());
        scaled = Math.max(0, Math.min(1, scaled));
        boolean laneChange = lastAction.changesLane();
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
        if (c.scenario() != Scenario.MERGE) return 0;
        double sum = 0;
        for (int i = 0; i < veh.n; i++) {
            if (veh.lane[i] == Roads.BC2 && veh.kind[i] != VehicleKind.STATIC && veh.targetSpeed[i] > 0) {
                sum += (veh.targetSpeed[i] - veh.v[i]) / veh.targetSpeed[i];
            }
        }
        return sum;
    }

    @Override
    public boolean savesState() {
        return true;
    }

    /** The generator, the episode's flags and the whole simulation, under {@code prefix + "driving."}. */
    @Override
    public void saveState(CheckpointWriter out, String prefix) throws IOException {
        String p = prefix + "driving.";
        out.putLongs(p + "rng", rng.state());
        out.putLong(p + "done", done ? 1 : 0);
        out.putLong(p + "arrived", arrived ? 1 : 0);
        out.putLong(p + "last_action", lastAction.ordinal());
        sim.save(out, p);
    }

    /** Restores what {@link #saveState} wrote, then recomputes the observation and info of the restored state. */
    @Override
    public void restoreState(CheckpointReader in, String prefix) throws IOException {
        String p = prefix + "driving.";
        long action = in.getLong(p + "last_action");
        MetaAction[] actions = MetaAction.values();
        if (action < 0 || action >= actions.length) throw new IOException("checkpoint entry '" + p + "last_action' is " + action + ", not a meta-action");
        long[] state = in.getLongs(p + "rng");
        if (state.length != 4) throw new IOException("checkpoint entry '" + p + "rng' has " + state.length + " values, not a generator's 4");
        rng.setState(state);
        done = in.getLong(p + "done") != 0;
        arrived = in.getLong(p + "arrived") != 0;
        lastAction = actions[(int) action];
        sim.restore(in, p);
        observer.observe(veh, step.observation());
        info();
    }

    @Override
    public void describe(SceneBuilder scene, StateValues values) {
        DrivingScene.describe(this, scene);
    }

    @Override
    public String toString() {
        return "driving:" + c.scenario().key() + "(ego x=" + veh.x[0] + ", y=" + veh.y[0] + ", v=" + veh.v[0] + ", crashed=" + veh.crashed[0] + ")";
    }
}
