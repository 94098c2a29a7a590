package dev.simlab.driving;

import dev.simlab.core.plugin.EnvProvider;
import dev.simlab.core.plugin.EnvType;
import java.util.List;

/**
 * The driving plugin's environments, after highway-env (see docs/DRIVING.md): {@code highway}
 * (highway-v0), {@code highway-fast} (highway-fast-v0), {@code merge} (merge-v0),
 * {@code intersection} (a simplified intersection-v0) and {@code lane-keeping} (continuous
 * steering on a winding road). Time limits are the scenarios' durations in policy steps.
 */
@org.pf4j.Extension
public class DrivingProvider implements EnvProvider {
    /** Kinematics columns with the heading (intersection-v0's observation). */
    static final String KIN7 = "presence,x,y,vx,vy,cos_h,sin_h";

    /** highway-v0: the defaults' base. */
    static final DrivingConfig.Defaults HIGHWAY = DrivingConfig.Defaults.of(Scenario.HIGHWAY).build();
    static final DrivingConfig.Defaults HIGHWAY_FAST = DrivingConfig.Defaults.of(Scenario.HIGHWAY)
            .lanes(3).vehicles(20).simulationFrequency(5).egoSpacing(1.5).trafficCollisions(false)
            .build();
    static final DrivingConfig.Defaults MERGE = DrivingConfig.Defaults.of(Scenario.MERGE)
            .lanes(2).vehicles(4).egoSpeed(30)
            .highSpeedReward(0.2).laneChangeReward(-0.05).mergingSpeedReward(-0.5)
            .build();
    static final DrivingConfig.Defaults INTERSECTION = DrivingConfig.Defaults.of(Scenario.INTERSECTION)
            .lanes(1).vehicles(10).speedLimit(10).egoSpeed(9)
            .action(ActionKind.META_LONGITUDINAL).targetSpeeds("0,4.5,9")
            .observedVehicles(15).features(KIN7).obsXRange(100).obsVRange(20)
            .collisionReward(-5).rightLaneReward(0).highSpeedReward(1).arrivedReward(1).rewardSpeedRange(7, 9)
            .build();
    static final DrivingConfig.Defaults LANE_KEEPING = DrivingConfig.Defaults.of(Scenario.LANE_KEEPING)
            .lanes(1).vehicles(0).policyFrequency(5).egoSpeed(8.3)
            .action(ActionKind.STEERING).steeringRange(Math.PI / 3).observation(ObservationKind.LANE)
            .rightLaneReward(0).highSpeedReward(0).offroadTerminal(true)
            .build();

    static final int HIGHWAY_STEPS = 40, HIGHWAY_FAST_STEPS = 30, MERGE_STEPS = 40, INTERSECTION_STEPS = 13, LANE_KEEPING_STEPS = 150;

    @Override
    public List<EnvType> envs() {
        return List.of(
                type("highway", "highway-env highway-v0: 4 lanes, 50 IDM/MOBIL vehicles, 40 s at 1 decision/s; be fast, keep right, do not crash",
                        HIGHWAY, HIGHWAY_STEPS),
                type("highway-fast", "highway-env highway-fast-v0: 3 lanes, 20 vehicles, 30 s, 5 Hz simulation, only the ego's collisions checked",
                        HIGHWAY_FAST, HIGHWAY_FAST_STEPS),
                type("merge", "highway-env merge-v0: a two-lane highway with a car merging from an on-ramp; let it in, keep speed",
                        MERGE, MERGE_STEPS),
                type("intersection", "an unsignalised four-way crossing (after intersection-v0): speed up or slow down to turn left through traffic",
                        INTERSECTION, INTERSECTION_STEPS),
                type("lane-keeping", "steer (continuous) along a winding 4 m lane at 8.3 m/s; reward 1 - (offset / half width)², ends off the road",
                        LANE_KEEPING, LANE_KEEPING_STEPS));
    }

    private static EnvType type(String id, String description, DrivingConfig.Defaults d, int steps) {
        return new EnvType(id, description, DrivingConfig.schema(d), steps, p -> new DrivingEnv(DrivingConfig.from(d.scenario(), p)));
    }
}
