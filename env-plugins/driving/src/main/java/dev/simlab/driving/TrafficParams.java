package dev.simlab.driving;

import dev.simlab.core.rng.Rng;

/**
 * IDM and MOBIL parameters of the traffic (highway-env {@code IDMVehicle}'s class constants by
 * default). {@code delta} is drawn per vehicle uniformly in {@code [deltaMin, deltaMax]}
 * (highway-env's {@code randomize_behavior}).
 */
record TrafficParams(double accMax, double comfortAccMax, double comfortAccMin, double distanceWanted, double timeWanted,
                     double deltaMin, double deltaMax, double politeness, double laneChangeMinAccGain,
                     double laneChangeMaxBrakingImposed, double laneChangeDelay) {
    // highway-env IDMVehicle
    static final double ACC_MAX = 6.0, COMFORT_ACC_MAX = 3.0, COMFORT_ACC_MIN = -5.0;
    /** Centre to centre: 5 m of jam distance plus a vehicle length. */
    static final double DISTANCE_WANTED = 5.0 + Vehicles.LENGTH;
    static final double TIME_WANTED = 1.5, DELTA_MIN = 3.5, DELTA_MAX = 4.5;
    static final double POLITENESS = 0.0, LANE_CHANGE_MIN_ACC_GAIN = 0.2, LANE_CHANGE_MAX_BRAKING_IMPOSED = 2.0, LANE_CHANGE_DELAY = 1.0;

    /** highway-env's defaults. */
    static TrafficParams defaults() {
        return new TrafficParams(ACC_MAX, COMFORT_ACC_MAX, COMFORT_ACC_MIN, DISTANCE_WANTED, TIME_WANTED, DELTA_MIN, DELTA_MAX,
                POLITENESS, LANE_CHANGE_MIN_ACC_GAIN, LANE_CHANGE_MAX_BRAKING_IMPOSED, LANE_CHANGE_DELAY);
    }

    /** The IDM exponent of a new vehicle, drawn from {@code rng}; without one (hand-built test roads), {@code deltaMin}. */
    double delta(Rng rng) {
        return rng == null || deltaMin == deltaMax ? deltaMin : rng.uniform(deltaMin, deltaMax);
    }
}
