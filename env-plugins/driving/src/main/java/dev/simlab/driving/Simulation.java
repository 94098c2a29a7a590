package dev.simlab.driving;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.rng.Rng;
import java.io.IOException;

/**
 * The traffic simulation in highway-env's order ({@code Road.act}, then {@code Road.step}): every
 * vehicle decides its controls, then every vehicle moves, then collisions, then each vehicle's
 * lane. Owns the vehicles and the parts that act on them.
 */
final class Simulation {
    final Vehicles vehicles;
    final LaneIndex lanes;
    final Collisions collisions;
    final Controller controller;
    final TrafficBehaviour traffic;

    /** A simulation without a generator (every IDM exponent {@code deltaMin}) and the default target speeds, for hand-built roads. */
    Simulation(Road road, TrafficParams params, int capacity) {
        this(road, params, capacity, null, Controller.DEFAULT_TARGET_SPEEDS);
    }

    /** @param rng draws the IDM exponent of each vehicle added (highway-env randomize_behavior) */
    Simulation(Road road, TrafficParams params, int capacity, Rng rng, double[] egoTargetSpeeds) {
        vehicles = new Vehicles(road, params, capacity, rng);
        lanes = new LaneIndex(vehicles);
        collisions = new Collisions(vehicles);
        controller = new Controller(vehicles, egoTargetSpeeds);
        traffic = new TrafficBehaviour(vehicles, lanes, controller);
    }

    /** After adding (or moving by hand) vehicles: builds the lane index and the collision sweep's reach. */
    void ready() {
        collisions.ready();
        lanes.ready();
    }

    /** highway-env Road.act(): every vehicle decides its controls from the current state. */
    void act() {
        VehicleKind[] kind = vehicles.kind;
        // comparisons, not a switch: a switch on an enum reads the ordinal through a synthetic lookup table
        for (int i = 0; i < vehicles.n; i++) {
            VehicleKind k = kind[i];
            if (k == VehicleKind.IDM) traffic.act(i);
            else if (k == VehicleKind.EGO_META) controller.track(i);
            // EGO_CONTINUOUS holds the agent's controls; STATIC never moves
        }
    }

    /** highway-env Road.step(dt): moves every vehicle, then detects collisions and updates lanes. */
    void step(double dt) {
        vehicles.move(dt);
        lanes.sortByX();
        collisions.detect(lanes.byX);
        lanes.assignLanes();
        lanes.rebuild();
    }

    void save(CheckpointWriter out, String prefix) throws IOException {
        vehicles.save(out, prefix);
        lanes.save(out, prefix);
        collisions.save(out, prefix);
    }

    void restore(CheckpointReader in, String prefix) throws IOException {
        vehicles.restore(in, prefix);
        lanes.restore(in, prefix);
        collisions.restore(in, prefix);
    }
}
