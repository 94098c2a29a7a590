package dev.simlab.driving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** IDM car-following, MOBIL lane changes and collision detection on hand-built roads. */
class TrafficTest {
    static final double DT = 1.0 / 15;

    static Simulation road(int lanes, int capacity) {
        return new Simulation(Roads.highway(lanes, 30), TrafficParams.defaults(), capacity);
    }

    static void run(Simulation sim, double seconds) {
        for (int k = 0; k < Math.round(seconds / DT); k++) {
            sim.act();
            sim.step(DT);
        }
    }

    @Test
    void aFollowerSlowsBehindASlowLeaderAndNeverCollides() {
        Simulation sim = road(1, 2);
        Vehicles v = sim.vehicles;
        int leader = v.add(VehicleKind.IDM, 150, 0, 0, 15);
        int follower = v.add(VehicleKind.IDM, 60, 0, 0, 30);
        sim.ready();
        double minGap = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 60 * 15; k++) {
            sim.act();
            sim.step(DT);
            minGap = Math.min(minGap, v.x[leader] - v.x[follower]);
            assertThat(v.crashed[follower]).as("crashed at t = %.1f s", k * DT).isFalse();
        }
        assertThat(v.v[follower]).as("matches the leader's speed").isCloseTo(15, within(0.5));
        assertThat(minGap).as("keeps more than a car length").isGreaterThan(Vehicles.LENGTH + 2);
        // IDM equilibrium gap s0 + v T (centre to centre, highway-env's convention), within 10% (delta varies)
        double gap = v.x[leader] - v.x[follower];
        assertThat(gap).isBetween(0.9 * (10 + 15 * 1.5), 1.3 * (10 + 15 * 1.5));
    }

    @Test
    void aFastCarOvertakesASlowOneOnTheFreeLane() {
        Simulation sim = road(2, 2);
        Vehicles v = sim.vehicles;
        int slow = v.add(VehicleKind.IDM, 100, 0, 0, 15);
        int fast = v.add(VehicleKind.IDM, 60, 0, 0, 28);
        sim.ready();
        run(sim, 20);
        assertThat(v.lane[fast]).as("MOBIL moved it to the free lane").isEqualTo(1);
        assertThat(v.x[fast]).as("and it passed").isGreaterThan(v.x[slow]);
        assertThat(v.crashed[fast] || v.crashed[slow]).isFalse();
        assertThat(v.y[fast]).as("centred in its new lane").isCloseTo(4.0, within(0.3));
    }

    @Test
    void noLaneChangeWhenItWouldCutSomeoneOff() {
        Simulation sim = road(2, 3);
        Vehicles v = sim.vehicles;
        int slow = v.add(VehicleKind.IDM, 100, 0, 0, 15);
        int fast = v.add(VehicleKind.IDM, 80, 0, 0, 25);
        // a car right beside, slightly behind, on the other lane: changing would make it brake hard
        int beside = v.add(VehicleKind.IDM, 76, 4, 0, 30);
        sim.ready();
        v.timer[fast] = 0.99;
        sim.act();
        assertThat(v.targetLane[fast]).isEqualTo(v.lane[fast]);
        assertThat(slow + beside).isPositive();
    }

    @Test
    void rotatedBoxesCollideOnlyWhenTheyReallyOverlap() {
        double c45 = Math.cos(Math.PI / 4), s45 = Math.sin(Math.PI / 4);
        // axis-aligned bounding boxes overlap, the rotated cars do not (corner gap)
        assertThat(Collisions.boxesOverlap(0, 0, c45, s45, 2.5, 1, 3.2, -2.2, c45, s45, 2.5, 1)).isFalse();
        // T-bone: one car across the other's nose
        assertThat(Collisions.boxesOverlap(0, 0, 1, 0, 2.5, 1, 3.2, 0, 0, 1, 2.5, 1)).isTrue();
        // side by side in adjacent lanes, 4 m apart: no contact
        assertThat(Collisions.boxesOverlap(0, 0, 1, 0, 2.5, 1, 1, 4, 1, 0, 2.5, 1)).isFalse();
        // rotated 30° and touching the other's corner region
        double c30 = Math.cos(Math.PI / 6), s30 = Math.sin(Math.PI / 6);
        assertThat(Collisions.boxesOverlap(0, 0, 1, 0, 2.5, 1, 4.5, 1.5, c30, s30, 2.5, 1)).isTrue();
    }

    @Test
    void aCarDrivingIntoAStoppedOneCrashesBoth() {
        Simulation sim = road(1, 2);
        Vehicles v = sim.vehicles;
        int stopped = v.add(VehicleKind.EGO_CONTINUOUS, 50, 0, 0, 0);
        int moving = v.add(VehicleKind.EGO_CONTINUOUS, 20, 0, 0, 20);
        sim.ready();
        run(sim, 2);
        assertThat(v.crashed[stopped]).isTrue();
        assertThat(v.crashed[moving]).isTrue();
    }

    @Test
    void highwayTrafficAloneRarelyCrashes() {
        // 50 IDM/MOBIL cars on 4 lanes for 40 s, the ego parked far behind
        DrivingEnv env = TestEnvs.create("highway");
        int crashes = 0, vehicles = 0;
        for (long seed = 0; seed < 5; seed++) {
            env.reset(seed);
            Simulation sim = env.sim;
            Vehicles v = sim.vehicles;
            v.kind[0] = VehicleKind.STATIC;
            v.x[0] = -1000;
            sim.ready();
            run(sim, 40);
            for (int i = 1; i < v.n; i++) if (v.crashed[i]) crashes++;
            vehicles += v.n - 1;
        }
        assertThat(crashes / (double) vehicles).as("share of traffic cars crashed in 40 s").isLessThan(0.05);
    }

    @Test
    void theRampCarMergesOntoTheHighway() {
        int merged = 0;
        for (long seed = 0; seed < 10; seed++) {
            DrivingEnv env = TestEnvs.create("merge");
            env.reset(seed);
            Simulation sim = env.sim;
            Vehicles v = sim.vehicles;
            v.kind[0] = VehicleKind.STATIC; // the ego parked out of the way
            v.x[0] = -500;
            sim.ready();
            run(sim, 20);
            int ramp = 4;
            if (!v.crashed[ramp] && (v.lane[ramp] == Roads.CD1 || v.lane[ramp] == Roads.CD0)) merged++;
        }
        assertThat(merged).as("of 10 episodes, the ramp car is on the main road past the merge").isGreaterThanOrEqualTo(9);
    }
}
