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
    static final String KIN5 = "presence,x,y,vx,vy";
    static final String KIN7 = "presence,x,y,vx,vy,cos_h,sin_h";
    static final double QUARTER_PI = Math.PI / 4;

    static final DrivingConfig.Defaults HIGHWAY = new DrivingConfig.Defaults("highway", 4, 50, 15, 1, 2, true, "meta", "20,25,30",
            "kinematics", 5, KIN5, 200, 80, -1, 0.1, 0.4, 0, 0, 0, 20, 30, false, 30, 25, QUARTER_PI);
    static final DrivingConfig.Defaults HIGHWAY_FAST = new DrivingConfig.Defaults("highway", 3, 20, 5, 1, 1.5, false, "meta", "20,25,30",
            "kinematics", 5, KIN5, 200, 80, -1, 0.1, 0.4, 0, 0, 0, 20, 30, false, 30, 25, QUARTER_PI);
    static final DrivingConfig.Defaults MERGE = new DrivingConfig.Defaults("merge", 2, 4, 15, 1, 2, true, "meta", "20,25,30",
            "kinematics", 5, KIN5, 200, 80, -1, 0.1, 0.2, -0.05, -0.5, 0, 20, 30, false, 30, 30, QUARTER_PI);
    static final DrivingConfig.Defaults INTERSECTION = new DrivingConfig.Defaults("intersection", 1, 10, 15, 1, 2, true, "meta-longitudinal",
            "0,4.5,9", "kinematics", 15, KIN7, 100, 20, -5, 0, 1, 0, 0, 1, 7, 9, false, 10, 9, QUARTER_PI);
    static final DrivingConfig.Defaults LANE_KEEPING = new DrivingConfig.Defaults("lane-keeping", 1, 0, 15, 5, 2, true, "steering", "20,25,30",
            "lane", 5, KIN5, 200, 80, -1, 0, 0, 0, 0, 0, 20, 30, true, 30, 8.3, Math.PI / 3);

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
