package dev.simlab.driving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** IDM car-following, MOBIL lane changes and collision detection on hand-built roads. */
class TrafficTest {
    static final double DT = 1.0 / 15;

    static Vehicles road(int lanes, int capacity) {
        Traffic t = Traffic.defaults();
        return new Vehicles(Roads.highway(lanes, 30), t, capacity);
    }

    static void run(Vehicles v, double seconds) {
        for (int k = 0; k < Math.round(seconds / DT); k++) {
            v.act();
            v.step(DT);
        }
    }

    @Test
    void aFollowerSlowsBehindASlowLeaderAndNeverCollides() {
        Vehicles v = road(1, 2);
        int leader = v.add(Vehicles.IDM, 150, 0, 0, 15);
        int follower = v.add(Vehicles.IDM, 60, 0, 0, 30);
        v.ready();
        double minGap = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 60 * 15; k++) {
            v.act();
            v.step(DT);
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
        Vehicles v = road(2, 2);
        int slow = v.add(Vehicles.IDM, 100, 0, 0, 15);
        int fast = v.add(Vehicles.IDM, 60, 0, 0, 28);
        v.ready();
        run(v, 20);
        assertThat(v.lane[fast]).as("MOBIL moved it to the free lane").isEqualTo(1);
        assertThat(v.x[fast]).as("and it passed").isGreaterThan(v.x[slow]);
        assertThat(v.crashed[fast] || v.crashed[slow]).isFalse();
        assertThat(v.y[fast]).as("centred in its new lane").isCloseTo(4.0, within(0.3));
    }

    @Test
    void noLaneChangeWhenItWouldCutSomeoneOff() {
        Vehicles v = road(2, 3);
        int slow = v.add(Vehicles.IDM, 100, 0, 0, 15);
        int fast = v.add(Vehicles.IDM, 80, 0, 0, 25);
        // a car right beside, slightly behind, on the other lane: changing would make it brake hard
        int beside = v.add(Vehicles.IDM, 76, 4, 0, 30);
        v.ready();
        v.timer[fast] = 0.99;
        v.act();
        assertThat(v.targetLane[fast]).isEqualTo(v.lane[fast]);
        assertThat(slow + beside).isPositive();
    }

    @Test
    void rotatedBoxesCollideOnlyWhenTheyReallyOverlap() {
        double c45 = Math.cos(Math.PI / 4), s45 = Math.sin(Math.PI / 4);
        // axis-aligned bounding boxes overlap, the rotated cars do not (corner gap)
        assertThat(Vehicles.boxesOverlap(0, 0, c45, s45, 2.5, 1, 3.2, -2.2, c45, s45, 2.5, 1)).isFalse();
        // T-bone: one car across the other's nose
        assertThat(Vehicles.boxesOverlap(0, 0, 1, 0, 2.5, 1, 3.2, 0, 0, 1, 2.5, 1)).isTrue();
        // side by side in adjacent lanes, 4 m apart: no contact
        assertThat(Vehicles.boxesOverlap(0, 0, 1, 0, 2.5, 1, 1, 4, 1, 0, 2.5, 1)).isFalse();
        // rotated 30° and touching the other's corner region
        double c30 = Math.cos(Math.PI / 6), s30 = Math.sin(Math.PI / 6);
        assertThat(Vehicles.boxesOverlap(0, 0, 1, 0, 2.5, 1, 4.5, 1.5, c30, s30, 2.5, 1)).isTrue();
    }

    @Test
    void aCarDrivingIntoAStoppedOneCrashesBoth() {
        Vehicles v = road(1, 2);
        int stopped = v.add(Vehicles.EGO_CONTINUOUS, 50, 0, 0, 0);
        int moving = v.add(Vehicles.EGO_CONTINUOUS, 20, 0, 0, 20);
        v.ready();
        run(v, 2);
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
            Vehicles v = env.veh;
            v.kind[0] = Vehicles.STATIC;
            v.x[0] = -1000;
            v.ready();
            run(v, 40);
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
            Vehicles v = env.veh;
            v.kind[0] = Vehicles.STATIC; // the ego parked out of the way
            v.x[0] = -500;
            v.ready();
            run(v, 20);
            int ramp = 4;
            if (!v.crashed[ramp] && (v.lane[ramp] == Roads.CD1 || v.lane[ramp] == Roads.CD0)) merged++;
        }
        assertThat(merged).as("of 10 episodes, the ramp car is on the main road past the merge").isGreaterThanOrEqualTo(9);
    }
}
