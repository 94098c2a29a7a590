package dev.simlab.driving;

import dev.simlab.core.rng.Rng;

/**
 * IDM and MOBIL parameters of the traffic (highway-env IDMVehicle's class constants by default).
 * {@code delta} is drawn per vehicle uniformly in {@code [deltaMin, deltaMax]} (highway-env's
 * {@code randomize_behavior}); the draw uses the env's seeded generator through {@link #seed}.
 */
final class Traffic {
    private final double accMax, comfortAccMax, comfortAccMin, distanceWanted, timeWanted, deltaMin, deltaMax;
    private final double politeness, laneChangeMinAccGain, laneChangeMaxBrakingImposed, laneChangeDelay;
    private Rng rng;

    Traffic(double accMax, double comfortAccMax, double comfortAccMin, double distanceWanted, double timeWanted,
            double deltaMin, double deltaMax, double politeness, double laneChangeMinAccGain,
            double laneChangeMaxBrakingImposed, double laneChangeDelay) {
        this.accMax = accMax;
        this.comfortAccMax = comfortAccMax;
        this.comfortAccMin = comfortAccMin;
        this.distanceWanted = distanceWanted;
        this.timeWanted = timeWanted;
        this.deltaMin = deltaMin;
        this.deltaMax = deltaMax;
        this.politeness = politeness;
        this.laneChangeMinAccGain = laneChangeMinAccGain;
        this.laneChangeMaxBrakingImposed = laneChangeMaxBrakingImposed;
        this.laneChangeDelay = laneChangeDelay;
    }

    /** highway-env's defaults. */
    static Traffic defaults() {
        return new Traffic(6.0, 3.0, -5.0, 5.0 + Vehicles.LENGTH, 1.5, 3.5, 4.5, 0.0, 0.2, 2.0, 1.0);
    }

    void seed(Rng rng) {
        this.rng = rng;
    }

    /** The IDM exponent of a new vehicle. */
    double delta() {
        return rng == null || deltaMin == deltaMax ? deltaMin : rng.uniform(deltaMin, deltaMax);
    }

    double accMax() { return accMax; }
    double comfortAccMax() { return comfortAccMax; }
    double comfortAccMin() { return comfortAccMin; }
    double distanceWanted() { return distanceWanted; }
    double timeWanted() { return timeWanted; }
    double politeness() { return politeness; }
    double laneChangeMinAccGain() { return laneChangeMinAccGain; }
    double laneChangeMaxBrakingImposed() { return laneChangeMaxBrakingImposed; }
    double laneChangeDelay() { return laneChangeDelay; }
}
