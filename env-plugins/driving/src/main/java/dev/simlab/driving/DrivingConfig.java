package dev.simlab.driving;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.param.Param;
import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.param.Params;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every setting of a driving env, with highway-env's names where it has one. Each env id declares
 * the same parameters with its own defaults ({@link Defaults}); the episode length is not among
 * them because it is the lab's time limit ({@code env.max_episode_steps}, in policy steps).
 */
record DrivingConfig(Scenario scenario, int lanes, int vehicles, int simulationFrequency, int policyFrequency,
                     double egoSpacing, double vehiclesDensity, int initialLane, double egoSpeed, boolean trafficCollisions,
                     ActionKind action, double[] targetSpeeds, double accelerationRange, double steeringRange,
                     ObservationKind observation, boolean flatten, int observedVehicles, List<Feature> features, double obsXRange, double obsYRange,
                     double obsSpeedRange, int gridCells, double gridStep, int lidarRays, double lidarRange,
                     double collisionReward, double rightLaneReward, double highSpeedReward, double laneChangeReward,
                     double mergingSpeedReward, double arrivedReward, double rewardSpeedLow, double rewardSpeedHigh,
                     boolean normalizeReward, boolean offroadTerminal, double speedLimit, TrafficParams traffic) {

    /**
     * The defaults an env id declares. Built by {@link #of}, which starts from highway-v0's config
     * (highway-env's {@code HighwayEnv.default_config}), naming each value an id changes; what is
     * not here is highway-env's common default, the same for every id.
     */
    record Defaults(Scenario scenario, int lanes, int vehicles, int simulationFrequency, int policyFrequency, double egoSpacing,
                    boolean trafficCollisions, ActionKind action, String targetSpeeds, ObservationKind observation, int observedVehicles,
                    String features, double obsXRange, double obsVRange, double collisionReward, double rightLaneReward,
                    double highSpeedReward, double laneChangeReward, double mergingSpeedReward, double arrivedReward,
                    double rewardSpeedLow, double rewardSpeedHigh, boolean offroadTerminal, double speedLimit, double egoSpeed,
                    double steeringRange) {

        static Builder of(Scenario scenario) {
            return new Builder(scenario);
        }

        /** highway-v0's values until set otherwise. */
        static final class Builder {
            private final Scenario scenario;
            private int lanes = 4, vehicles = 50, simulationFrequency = 15, policyFrequency = 1;
            private double egoSpacing = 2;
            private boolean trafficCollisions = true;
            private ActionKind action = ActionKind.META;
            private String targetSpeeds = "20,25,30";
            private ObservationKind observation = ObservationKind.KINEMATICS;
            private int observedVehicles = 5;
            private String features = "presence,x,y,vx,vy";
            private double obsXRange = 200, obsVRange = 80;
            private double collisionReward = -1, rightLaneReward = 0.1, highSpeedReward = 0.4, laneChangeReward = 0;
            private double mergingSpeedReward = 0, arrivedReward = 0, rewardSpeedLow = 20, rewardSpeedHigh = 30;
            private boolean offroadTerminal = false;
            private double speedLimit = 30, egoSpeed = 25, steeringRange = Math.PI / 4;

            private Builder(Scenario scenario) {
                this.scenario = scenario;
            }

            Builder lanes(int v) { lanes = v; return this; }
            Builder vehicles(int v) { vehicles = v; return this; }
            Builder simulationFrequency(int v) { simulationFrequency = v; return this; }
            Builder policyFrequency(int v) { policyFrequency = v; return this; }
            Builder egoSpacing(double v) { egoSpacing = v; return this; }
            Builder trafficCollisions(boolean v) { trafficCollisions = v; return this; }
            Builder action(ActionKind v) { action = v; return this; }
            Builder targetSpeeds(String v) { targetSpeeds = v; return this; }
            Builder observation(ObservationKind v) { observation = v; return this; }
            Builder observedVehicles(int v) { observedVehicles = v; return this; }
            Builder features(String v) { features = v; return this; }
            Builder obsXRange(double v) { obsXRange = v; return this; }
            Builder obsVRange(double v) { obsVRange = v; return this; }
            Builder collisionReward(double v) { collisionReward = v; return this; }
            Builder rightLaneReward(double v) { rightLaneReward = v; return this; }
            Builder highSpeedReward(double v) { highSpeedReward = v; return this; }
            Builder laneChangeReward(double v) { laneChangeReward = v; return this; }
            Builder mergingSpeedReward(double v) { mergingSpeedReward = v; return this; }
            Builder arrivedReward(double v) { arrivedReward = v; return this; }
            Builder rewardSpeedRange(double low, double high) { rewardSpeedLow = low; rewardSpeedHigh = high; return this; }
            Builder offroadTerminal(boolean v) { offroadTerminal = v; return this; }
            Builder speedLimit(double v) { speedLimit = v; return this; }
            Builder egoSpeed(double v) { egoSpeed = v; return this; }
            Builder steeringRange(double v) { steeringRange = v; return this; }

            Defaults build() {
                return new Defaults(scenario, lanes, vehicles, simulationFrequency, policyFrequency, egoSpacing, trafficCollisions, action,
                        targetSpeeds, observation, observedVehicles, features, obsXRange, obsVRange, collisionReward, rightLaneReward,
                        highSpeedReward, laneChangeReward, mergingSpeedReward, arrivedReward, rewardSpeedLow, rewardSpeedHigh,
                        offroadTerminal, speedLimit, egoSpeed, steeringRange);
            }
        }
    }

    static ParamSchema schema(Defaults d) {
        TrafficParams t = TrafficParams.defaults();
        List<Param> p = new ArrayList<>(List.of(
                Param.integer("lanes", d.lanes, 1, 8, "lanes of the carriageway (highway-env lanes_count)"),
                Param.integer("vehicles", d.vehicles, 0, 1000, "traffic vehicles besides the ego (highway-env vehicles_count)"),
                Param.integer("simulation_frequency", d.simulationFrequency, 1, 1000, "simulation steps per second").withUnit("Hz"),
                Param.integer("policy_frequency", d.policyFrequency, 1, 1000, "agent decisions per second (each agent step runs simulation_frequency / policy_frequency simulation steps)").withUnit("Hz"),
                Param.real("ego_spacing", d.egoSpacing, 0, 100, "gap ahead of the ego at spawn, in units of the default spacing (highway-env ego_spacing)"),
                Param.real("vehicles_density", 1.0, 0.01, 100, "traffic density: spacing between spawned vehicles is divided by it"),
                Param.integer("initial_lane", -1, -1, 7, "the ego's starting lane (0 leftmost; -1: random)"),
                Param.real("ego_speed", d.egoSpeed, 0, 40, "the ego's initial speed").withUnit("m/s"),
                Param.bool("traffic_collisions", d.trafficCollisions, "also detect collisions between two traffic vehicles (highway-fast-v0 turns this off)"),
                Param.choice("action", d.action.key(), Keyed.keys(ActionKind.class), "meta: LANE_LEFT, IDLE, LANE_RIGHT, FASTER, SLOWER; meta-longitudinal: SLOWER, IDLE, FASTER; "
                        + "continuous: Box(2) acceleration and steering in [-1, 1]; steering: Box(1) steering only"),
                Param.string("target_speeds", d.targetSpeeds, "speeds the meta-actions FASTER/SLOWER step through, comma-separated (m/s)"),
                Param.real("acceleration_range", 5.0, 0, 20, "continuous actions: ±1 maps to ± this acceleration").withUnit("m/s²"),
                Param.real("steering_range", d.steeringRange, 0, Math.PI / 2, "continuous actions: ±1 maps to ± this steering angle").withUnit("rad"),
                Param.choice("observation", d.observation.key(), Keyed.keys(ObservationKind.class), "kinematics: nearest vehicles' features; occupancy: grid around the ego; "
                        + "lidar: ray distances; lane: lateral offset and heading errors (lane keeping)"),
                Param.bool("flatten", true, "observation as a flat Box (the lab's MLP agents need one); false keeps the shape [rows, features], [4, cells, cells] or [rays, 2]"),
                Param.integer("observed_vehicles", d.observedVehicles, 1, 100, "kinematics: rows, the ego first (highway-env vehicles_count of the observation)"),
                Param.string("features", d.features, "kinematics: comma-separated columns from " + String.join(", ", Keyed.keys(Feature.class))),
                Param.real("obs_x_range", d.obsXRange, 1, 10_000, "kinematics: x is normalised from ± this to ±1").withUnit("m"),
                Param.real("obs_y_range", 0, 0, 10_000, "kinematics: y is normalised from ± this to ±1 (0: lane width × lanes, as highway-env)").withUnit("m"),
                Param.real("obs_speed_range", d.obsVRange, 1, 1000, "kinematics/occupancy: vx, vy are normalised from ± this to ±1").withUnit("m/s"),
                Param.integer("grid_cells", 11, 1, 101, "occupancy: cells per side"),
                Param.real("grid_step", 5, 0.1, 100, "occupancy: cell size").withUnit("m"),
                Param.integer("lidar_rays", 16, 1, 720, "lidar: rays around the ego"),
                Param.real("lidar_range", 60, 1, 1000, "lidar: maximum range").withUnit("m"),
                Param.real("collision_reward", d.collisionReward, -100, 100, "reward weight of a collision"),
                Param.real("right_lane_reward", d.rightLaneReward, -100, 100, "reward weight of driving in the rightmost lane (scaled by lane index)"),
                Param.real("high_speed_reward", d.highSpeedReward, -100, 100, "reward weight of speed, scaled to [0, 1] over reward_speed_range"),
                Param.real("lane_change_reward", d.laneChangeReward, -100, 100, "reward weight of a lane-change action"),
                Param.real("merging_speed_reward", d.mergingSpeedReward, -100, 100, "merge: weight of the relative speed loss of vehicles on the ramp"),
                Param.real("arrived_reward", d.arrivedReward, -100, 100, "intersection: weight of reaching the exit"),
                Param.real("reward_speed_low", d.rewardSpeedLow, 0, 100, "speed (m/s) scored 0 by the speed reward").withUnit("m/s"),
                Param.real("reward_speed_high", d.rewardSpeedHigh, 0, 100, "speed (m/s) scored 1 by the speed reward").withUnit("m/s"),
                Param.bool("normalize_reward", true, "map the weighted sum from [worst, best] to [0, 1] (highway-env normalize_reward)"),
                Param.bool("offroad_terminal", d.offroadTerminal, "end the episode when the ego leaves the road"),
                Param.real("speed_limit", d.speedLimit, 1, 100, "lane speed limit, caps traffic target speeds").withUnit("m/s"),
                Param.real("idm_acc_max", t.accMax(), 0.1, 50, "IDM: maximum acceleration").withUnit("m/s²"),
                Param.real("idm_comfort_acc_max", t.comfortAccMax(), 0.1, 50, "IDM: desired maximum acceleration a").withUnit("m/s²"),
                Param.real("idm_comfort_acc_min", t.comfortAccMin(), -50, -0.1, "IDM: desired maximum deceleration -b").withUnit("m/s²"),
                Param.real("idm_distance_wanted", t.distanceWanted(), 0, 100, "IDM: jam distance s0 between centres (5 m + a vehicle length)").withUnit("m"),
                Param.real("idm_time_wanted", t.timeWanted(), 0, 10, "IDM: desired time gap T").withUnit("s"),
                Param.real("idm_delta_min", t.deltaMin(), 1, 10, "IDM: velocity exponent delta, drawn per vehicle in [min, max]"),
                Param.real("idm_delta_max", t.deltaMax(), 1, 10, "IDM: upper end of delta's range"),
                Param.real("mobil_politeness", t.politeness(), 0, 1, "MOBIL: politeness factor p"),
                Param.real("mobil_min_acc_gain", t.laneChangeMinAccGain(), 0, 10, "MOBIL: acceleration gain needed to change lanes").withUnit("m/s²"),
                Param.real("mobil_max_braking_imposed", t.laneChangeMaxBrakingImposed(), 0, 20, "MOBIL: safety limit on the new follower's braking").withUnit("m/s²"),
                Param.real("lane_change_delay", t.laneChangeDelay(), 0, 100, "MOBIL: seconds between lane-change decisions").withUnit("s")));
        return new ParamSchema(p);
    }

    static DrivingConfig from(Scenario scenario, Params p) {
        double[] speeds = parseSpeeds(p.string("target_speeds"));
        List<Feature> features = new ArrayList<>();
        for (String f : p.string("features").split(",")) {
            String name = f.trim();
            if (name.isEmpty()) continue;
            Feature feature = Keyed.find(Feature.class, name);
            if (feature == null) {
                throw new ConfigException("", "env.features", "unknown feature '" + name + "'; valid: " + String.join(", ", Keyed.keys(Feature.class)));
            }
            features.add(feature);
        }
        if (features.isEmpty()) throw new ConfigException("", "env.features", "needs at least one feature");
        int sim = p.integer("simulation_frequency"), policy = p.integer("policy_frequency");
        if (policy > sim) throw new ConfigException("", "env.policy_frequency", "must not exceed simulation_frequency (" + sim + ")");
        if (p.real("reward_speed_high") <= p.real("reward_speed_low")) {
            throw new ConfigException("", "env.reward_speed_high", "must be above reward_speed_low");
        }
        if (p.real("idm_delta_max") < p.real("idm_delta_min")) throw new ConfigException("", "env.idm_delta_max", "must be at least idm_delta_min");
        int lanes = p.integer("lanes");
        if (p.integer("initial_lane") >= lanes) throw new ConfigException("", "env.initial_lane", "must be below lanes (" + lanes + ") or -1");
        ActionKind action = choice(ActionKind.class, p, "action");
        ObservationKind observation = choice(ObservationKind.class, p, "observation");
        if (scenario == Scenario.LANE_KEEPING && action.discrete()) {
            throw new ConfigException("", "env.action", "lane-keeping has no lanes to change: use steering or continuous");
        }
        TrafficParams traffic = new TrafficParams(p.real("idm_acc_max"), p.real("idm_comfort_acc_max"), p.real("idm_comfort_acc_min"),
                p.real("idm_distance_wanted"), p.real("idm_time_wanted"), p.real("idm_delta_min"), p.real("idm_delta_max"),
                p.real("mobil_politeness"), p.real("mobil_min_acc_gain"), p.real("mobil_max_braking_imposed"), p.real("lane_change_delay"));
        return new DrivingConfig(scenario, lanes, p.integer("vehicles"), sim, policy, p.real("ego_spacing"), p.real("vehicles_density"),
                p.integer("initial_lane"), p.real("ego_speed"), p.bool("traffic_collisions"), action, speeds, p.real("acceleration_range"),
                p.real("steering_range"), observation, p.bool("flatten"), p.integer("observed_vehicles"), List.copyOf(features), p.real("obs_x_range"),
                p.real("obs_y_range"), p.real("obs_speed_range"), p.integer("grid_cells"), p.real("grid_step"), p.integer("lidar_rays"),
                p.real("lidar_range"), p.real("collision_reward"), p.real("right_lane_reward"), p.real("high_speed_reward"),
                p.real("lane_change_reward"), p.real("merging_speed_reward"), p.real("arrived_reward"), p.real("reward_speed_low"),
                p.real("reward_speed_high"), p.bool("normalize_reward"), p.bool("offroad_terminal"), p.real("speed_limit"), traffic);
    }

    private static <E extends Enum<E> & Keyed> E choice(Class<E> type, Params p, String key) {
        E e = Keyed.find(type, p.string(key));
        if (e == null) throw new ConfigException("", "env." + key, "'" + p.string(key) + "' is not one of " + String.join(", ", Keyed.keys(type)));
        return e;
    }

    private static double[] parseSpeeds(String text) {
        String[] parts = text.split(",");
        double[] out = new double[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) out[i] = Double.parseDouble(parts[i].trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("", "env.target_speeds", "'" + text + "' is not a comma-separated list of speeds");
        }
        for (int i = 1; i < out.length; i++) {
            if (out[i] <= out[i - 1]) throw new ConfigException("", "env.target_speeds", "must increase: " + Arrays.toString(out));
        }
        return out;
    }

    /** Simulation steps per agent step. */
    int frames() {
        return Math.max(1, simulationFrequency / policyFrequency);
    }
}
