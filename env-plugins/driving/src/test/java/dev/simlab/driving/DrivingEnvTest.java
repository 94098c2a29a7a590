package dev.simlab.driving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.simlab.core.env.EnvChecker;
import dev.simlab.core.env.Step;
import dev.simlab.core.env.TimeLimit;
import dev.simlab.core.param.ConfigException;
import dev.simlab.core.plugin.EnvType;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.scene.Scene;
import dev.simlab.core.scene.SceneBuilder;
import dev.simlab.core.scene.Rgba;
import dev.simlab.core.scene.Shape;
import dev.simlab.core.space.Box;
import dev.simlab.core.space.Discrete;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DrivingEnvTest {
    static final String[] IDS = {"highway", "highway-fast", "merge", "intersection", "lane-keeping"};

    @ParameterizedTest
    @ValueSource(strings = {"highway", "highway-fast", "merge", "intersection", "lane-keeping"})
    void keepsTheEnvContract(String id) {
        EnvChecker.assertValid(() -> TestEnvs.create(id));
    }

    @Test
    void everyObservationTypeKeepsTheContract() {
        for (String obs : List.of("occupancy", "lidar")) EnvChecker.assertValid(() -> TestEnvs.create("highway-fast", "observation", obs));
        EnvChecker.assertValid(() -> TestEnvs.create("highway-fast", "action", "continuous"));
    }

    @Test
    void steppingAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (String id : List.of("highway", "intersection")) {
            DrivingEnv env = TestEnvs.create(id, "traffic_collisions", false);
            env.reset(0);
            // warm up, then count bytes allocated over steps that do not reset
            for (int t = 0; t < 5; t++) if (env.step(1).done()) env.reset();
            long before = threads.getCurrentThreadAllocatedBytes();
            int steps = 0;
            for (int t = 0; t < 200 && !env.step(1).done(); t++) steps++;
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(steps).as(id).isPositive();
            assertThat(allocated).as(id + ": bytes allocated over " + steps + " steps").isLessThan(1024);
        }
    }

    @Test
    void declaresHighwayEnvDurations() {
        assertThat(TestEnvs.type("highway").maxEpisodeSteps()).isEqualTo(40);
        assertThat(TestEnvs.type("highway-fast").maxEpisodeSteps()).isEqualTo(30);
    }

    static List<Double> trace(DrivingEnv env, long seed, int steps) {
        List<Double> out = new ArrayList<>();
        Rng rng = new Rng(7);
        Step s = env.reset(seed);
        for (int t = 0; t < steps; t++) {
            for (float f : s.observation()) out.add((double) f);
            s = env.step(rng.nextInt(5));
            out.add(s.reward());
            if (s.done()) s = env.reset();
        }
        return out;
    }

    @Test
    void theSameSeedGivesTheSameEpisodes() {
        List<Double> a = trace(TestEnvs.create("highway"), 3, 120);
        List<Double> b = trace(TestEnvs.create("highway"), 3, 120);
        List<Double> c = trace(TestEnvs.create("highway"), 4, 120);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void kinematicsObservationIsNormalisedAndRelativeToTheEgo() {
        assertThat(((Box) TestEnvs.create("highway-fast").observationSpace()).shape()).as("flat for MLP agents").containsExactly(25);
        DrivingEnv env = TestEnvs.create("highway-fast", "flatten", false);
        Step s = env.reset(1);
        Box box = (Box) env.observationSpace();
        assertThat(box.shape()).containsExactly(5, 5);
        float[] o = s.observation();
        assertThat(o[0]).as("ego present").isEqualTo(1f);
        Vehicles v = env.veh;
        assertThat(o[2]).as("ego y over lanes x 4 m").isCloseTo((float) (v.y[0] / 12.0), within(1e-5f));
        assertThat(o[3]).as("ego vx over 80 m/s").isCloseTo((float) (v.v[0] / 80), within(1e-5f));
        for (int r = 1; r < 5; r++) {
            if (o[r * 5] == 0) continue;
            assertThat(o[r * 5 + 1]).as("others are ahead at spawn, relative x / 200").isGreaterThan(0f);
        }
        // the nearest other car, found by brute force
        double best = Double.POSITIVE_INFINITY;
        int near = -1;
        for (int j = 1; j < v.n; j++) {
            double d = v.x[j] - v.x[0];
            if (d > -10 && Math.abs(d) < best) {
                best = Math.abs(d);
                near = j;
            }
        }
        assertThat(o[6]).isCloseTo((float) ((v.x[near] - v.x[0]) / 200), within(1e-5f));
        assertThat(o[7]).isCloseTo((float) ((v.y[near] - v.y[0]) / 12), within(1e-5f));
        for (int t = 0; t < 30 && !s.done(); t++) {
            s = env.step(1);
            for (float f : s.observation()) assertThat(f).isBetween(-1f, 1f);
        }
    }

    @Test
    void occupancyAndLidarSeeTheCarAhead() {
        DrivingEnv grid = TestEnvs.create("highway", "observation", "occupancy", "vehicles", 1, "initial_lane", 0, "flatten", false);
        Step s = grid.reset(2);
        assertThat(((Box) grid.observationSpace()).shape()).containsExactly(4, 11, 11);
        int cells = 11;
        assertThat(s.observation()[5 * cells + 5]).as("the ego's own cell").isEqualTo(1f);
        DrivingEnv lidar = TestEnvs.create("highway", "observation", "lidar");
        s = lidar.reset(2);
        assertThat(s.observation()).hasSize(32);
        for (float f : s.observation()) assertThat(f).isBetween(-1f, 1f);
    }

    @Test
    void rewardStaysInZeroOneAndACrashEndsTheEpisode() {
        DrivingEnv env = TestEnvs.create("highway");
        Rng rng = new Rng(5);
        int crashes = 0;
        double crashReward = 0, maxOther = 0;
        for (int ep = 0; ep < 20; ep++) {
            Step s = env.reset(ep);
            for (int t = 0; t < 40; t++) {
                s = env.step(rng.nextInt(5));
                assertThat(s.reward()).isBetween(0.0, 1.0);
                assertThat(s.info().get("crashed", -1)).isIn(0.0, 1.0);
                if (s.terminated()) {
                    assertThat(s.info().get("crashed", 0)).isEqualTo(1.0);
                    crashes++;
                    crashReward += s.reward();
                    break;
                }
                maxOther = Math.max(maxOther, s.reward());
            }
        }
        assertThat(crashes).isPositive();
        assertThat(crashReward / crashes).as("a crash costs (−1 on a [−1, 0.5] scale)").isLessThan(0.5);
        assertThat(maxOther).isGreaterThan(0.6);
    }

    @Test
    void fasterRaisesTheSpeedAndKeepingRightPaysMore() {
        DrivingEnv env = TestEnvs.create("highway-fast", "vehicles", 0, "initial_lane", 0);
        env.reset(0);
        Step s = null;
        for (int t = 0; t < 4; t++) s = env.step(MetaAction.FASTER.ordinal());
        assertThat(env.veh.v[0]).isCloseTo(30, within(0.5));
        double left = s.reward();
        for (int t = 0; t < 4; t++) s = env.step(MetaAction.LANE_RIGHT.ordinal());
        assertThat(env.veh.lane[0]).isEqualTo(2);
        assertThat(s.reward()).isCloseTo(1.0, within(0.02)).isGreaterThan(left);
        s = env.step(MetaAction.LANE_RIGHT.ordinal());
        assertThat(env.veh.lane[0]).as("no lane to the right: acts as idle").isEqualTo(2);
    }

    @Test
    void leavingTheRoadIsDetectedAndCanEndTheEpisode() {
        DrivingEnv env = TestEnvs.create("highway-fast", "action", "continuous", "vehicles", 0, "initial_lane", 2, "offroad_terminal", true);
        env.reset(0);
        Step s = null;
        for (int t = 0; t < 10; t++) {
            s = env.step(new float[] {0, 1});
            if (s.done()) break;
        }
        assertThat(s.info().get("on_road", 1)).isEqualTo(0.0);
        assertThat(s.terminated()).isTrue();
        assertThat(s.reward()).isZero();
    }

    @Test
    void laneKeepingRewardsStayingCentred() {
        DrivingEnv env = TestEnvs.create("lane-keeping");
        assertThat(env.actionSpace()).isInstanceOf(Box.class);
        Step s = env.reset(0);
        double total = 0;
        // a proportional controller on the observation keeps the car on the road for the whole episode
        TimeLimit limited = new TimeLimit(env, TestEnvs.type("lane-keeping").maxEpisodeSteps());
        s = limited.reset(0);
        int steps = 0;
        while (!s.done()) {
            float[] o = s.observation();
            float steer = (float) Math.max(-1, Math.min(1, -1.5 * o[0] - 2.0 * o[1] + 1.5 * o[3]));
            s = limited.step(new float[] {steer});
            total += s.reward();
            steps++;
        }
        assertThat(s.terminated()).isFalse();
        assertThat(total / steps).isGreaterThan(0.8);
    }

    @Test
    void intersectionAndMergeEnvsPlay() {
        for (String id : List.of("merge", "intersection")) {
            DrivingEnv env = TestEnvs.create(id);
            Step s = env.reset(1);
            int n = ((Discrete) env.actionSpace()).n();
            assertThat(n).isEqualTo(id.equals("merge") ? 5 : 3);
            for (int t = 0; t < 10 && !s.done(); t++) s = env.step(1);
            assertThat(Arrays.asList(s.info().has("crashed"), s.info().has("on_road"))).containsOnly(true);
        }
    }

    @Test
    void badSettingsAreRejectedWithTheirKey() {
        assertThatThrownBy(() -> TestEnvs.create("highway", "features", "presence,speed"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("env.features").hasMessageContaining("cos_h");
        assertThatThrownBy(() -> TestEnvs.create("highway", "policy_frequency", 30))
                .isInstanceOf(ConfigException.class).hasMessageContaining("env.policy_frequency");
        assertThatThrownBy(() -> TestEnvs.create("lane-keeping", "action", "meta"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("env.action");
    }

    @Test
    void theSceneHasTaggedRoadMarkingsVehiclesAndTheEgo() {
        DrivingEnv env = TestEnvs.create("highway");
        env.reset(0);
        SceneBuilder b = new SceneBuilder();
        env.describe(b, null);
        Scene scene = b.build();
        assertThat(scene.tagged("road")).isNotEmpty();
        assertThat(scene.tagged("lane-marking")).isNotEmpty();
        assertThat(scene.tagged("vehicle")).isNotEmpty();
        assertThat(scene.tagged("ego")).hasSize(1);
        assertThat(scene.tagged("observed")).hasSize(4);
        var ego = (dev.simlab.core.scene.Shape.Cuboid) scene.tagged("ego").get(0);
        assertThat(ego.sx()).isEqualTo(5f);
        assertThat(ego.sz()).isEqualTo(2f);
        assertThat(ego.x()).isEqualTo((float) env.veh.x[0]);
        assertThat(ego.z()).isEqualTo((float) env.veh.y[0]);
        DrivingEnv lidar = TestEnvs.create("highway", "observation", "lidar");
        lidar.reset(0);
        SceneBuilder lb = new SceneBuilder();
        lidar.describe(lb, null);
        assertThat(lb.build().tagged("lidar-ray")).hasSize(16);
        for (String id : IDS) {
            DrivingEnv e = TestEnvs.create(id);
            e.reset(0);
            SceneBuilder sb = new SceneBuilder();
            e.describe(sb, null);
            assertThat(sb.build().tagged("ego")).as(id).hasSize(1);
            assertThat(sb.build().tagged("road")).as(id).isNotEmpty();
        }
        assertThat(EnvType.class).isNotNull();
    }

    @Test
    void carsHaveBodyCabinAndWheelsInVariedPaintsTheEgoIsMarkedAndBrakingLightsTheTailLights() {
        DrivingEnv env = TestEnvs.create("highway");
        env.reset(0);
        env.veh.acc[1] = -3; // vehicle 1 brakes hard (IDM would, behind a slower car)
        env.veh.acc[2] = 0.5;
        SceneBuilder b = new SceneBuilder();
        env.describe(b, null);
        Scene scene = b.build();
        int cars = scene.tagged("vehicle").size();
        assertThat(cars).isGreaterThan(5);
        assertThat(scene.tagged("vehicle-cabin")).hasSize(cars);
        assertThat(scene.tagged("vehicle-wheel")).hasSize(4 * cars);
        assertThat(scene.tagged("ego-wheel")).hasSize(4);
        assertThat(scene.tagged("ego-marker")).hasSize(1);
        assertThat(scene.tagged("vehicle").stream().map(s -> ((Shape.Cuboid) s).color()).distinct().count())
                .as("traffic in several paints").isGreaterThanOrEqualTo(4);
        assertThat(((Shape.Cuboid) scene.tagged("ego").get(0)).color()).isEqualTo(DrivingScene.EGO);
        assertThat(brakeLights(scene, env, 1)).containsOnly(DrivingScene.BRAKE_LIGHT).hasSize(2);
        assertThat(brakeLights(scene, env, 2)).containsOnly(DrivingScene.TAIL_LIGHT).hasSize(2);
    }

    @Test
    void solidEdgesHaveShouldersAndGrassAndIntersectionArmsEndInGiveWayLines() {
        // highway: 4 lanes 4 m apart, lane 0 centred on y = 0, so the carriageway's edges are y = -2 and y = 14
        Scene highway = scene(TestEnvs.create("highway"));
        assertThat(highway.tagged("shoulder")).isNotEmpty();
        assertThat(zs(highway, "shoulder")).as("a 2 m shoulder beyond each edge").containsOnly(-3f, 15f);
        assertThat(zs(highway, "verge")).as("then 4 m of grass").containsOnly(-6f, 18f);
        Shape.Cuboid road = (Shape.Cuboid) highway.tagged("road").get(0), shoulder = (Shape.Cuboid) highway.tagged("shoulder").get(0),
                verge = (Shape.Cuboid) highway.tagged("verge").get(0);
        assertThat(road.y() + road.sy() / 2).as("the road lies on top of shoulders and grass where they overlap")
                .isGreaterThan(shoulder.y() + shoulder.sy() / 2);
        assertThat(shoulder.y() + shoulder.sy() / 2).isGreaterThan(verge.y() + verge.sy() / 2);
        assertThat(highway.tagged("give-way")).as("no intersection, no give-way line").isEmpty();

        // merge: the ramp (y = 14.5, solid both sides) has its own shoulders, so there is grass between it and the highway
        Scene merge = scene(TestEnvs.create("merge"));
        assertThat(zs(merge, "shoulder")).contains(-3f, 7f, 11.5f, 17.5f);

        // intersection: each of the four arms ends in a dashed line across its incoming lane, just before the junction
        Scene crossing = scene(TestEnvs.create("intersection"));
        int[] perArm = new int[4];
        for (Shape sh : crossing.tagged("give-way")) {
            Shape.Line l = (Shape.Line) sh;
            float mx = (l.x1() + l.x2()) / 2, mz = (l.z1() + l.z2()) / 2;
            int found = -1;
            for (int k = 0; k < 4; k++) {
                double c = Math.cos(k * Math.PI / 2), sn = Math.sin(k * Math.PI / 2);
                double across = c * mx + sn * mz, along = -sn * mx + c * mz; // the arm's own frame (arm 0 runs along +y)
                if (Math.abs(along - (Roads.OUTER + 0.3)) < 1e-3 && across > 0 && across < Roads.LANE_WIDTH) found = k;
            }
            assertThat(found).as("give-way dash at (%s, %s) lies across an incoming lane's end", mx, mz).isNotNegative();
            perArm[found]++;
        }
        assertThat(perArm).as("dashes per arm").containsOnly(4);
    }

    private static Scene scene(DrivingEnv env) {
        env.reset(0);
        SceneBuilder b = new SceneBuilder();
        env.describe(b, null);
        return b.build();
    }

    /** The distinct lateral positions (scene z, rounded to 1 cm) of a tag's slabs. */
    private static List<Float> zs(Scene scene, String tag) {
        return scene.tagged(tag).stream().map(sh -> Math.round(((Shape.Cuboid) sh).z() * 100) / 100f).distinct().toList();
    }

    /** Colours of the brake lights at vehicle i's rear. */
    private static List<Rgba> brakeLights(Scene scene, DrivingEnv env, int i) {
        double rx = env.veh.x[i] - env.veh.halfLength[i] * env.veh.cosH[i], ry = env.veh.y[i] - env.veh.halfLength[i] * env.veh.sinH[i];
        return scene.tagged("vehicle-brake-light").stream().map(s -> (Shape.Cuboid) s)
                .filter(c -> Math.hypot(c.x() - rx, c.z() - ry) < env.veh.halfWidth[i]).map(Shape.Cuboid::color).toList();
    }
}
