package dev.simlab.driving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.EnvChecker;
import dev.simlab.core.env.Step;
import dev.simlab.core.env.TimeLimit;
import dev.simlab.core.plugin.EnvType;
import dev.simlab.core.rng.Rng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Exact state save and restore ({@code Env.saveState}/{@code restoreState}) of the driving envs. */
class DrivingStateTest {
    /** Every id the provider offers, so a new one cannot be left out. */
    static Stream<String> ids() {
        return new DrivingProvider().envs().stream().map(EnvType::id);
    }

    @ParameterizedTest
    @MethodSource("ids")
    void everyEnvIdRestoresExactly(String id) {
        assertThat(TestEnvs.create(id).savesState()).isTrue();
        EnvChecker.assertRestoresExactly(() -> TestEnvs.create(id));
        // as the lab runs it: under its time limit, so episodes also end by truncation
        int steps = TestEnvs.type(id).maxEpisodeSteps();
        EnvChecker.assertRestoresExactly(() -> new TimeLimit(TestEnvs.create(id), steps));
    }

    @Test
    void otherObservationsAndContinuousActionsRestoreExactly() {
        for (String obs : List.of("occupancy", "lidar")) EnvChecker.assertRestoresExactly(() -> TestEnvs.create("highway-fast", "observation", obs));
        EnvChecker.assertRestoresExactly(() -> TestEnvs.create("highway-fast", "action", "continuous"));
        EnvChecker.assertRestoresExactly(() -> TestEnvs.create("intersection", "action", "continuous"));
    }

    @Test
    void restoresIntoAnEnvNeverResetOrHoldingAnotherNumberOfVehicles(@TempDir Path dir) throws IOException {
        // crowded arms: how many cars find a free place at reset depends on the seed
        DrivingEnv saved = TestEnvs.create("intersection", "vehicles", 30);
        saved.reset(3);
        for (int t = 0; t < 4; t++) if (saved.step(2).done()) saved.reset();
        int vehicles = saved.veh.n;
        Path file = dir.resolve("env.ckpt");
        try (CheckpointWriter w = new CheckpointWriter(file)) {
            saved.saveState(w, "env.");
        }
        List<Double> expected = play(saved);

        DrivingEnv fresh = TestEnvs.create("intersection", "vehicles", 30);
        DrivingEnv other = TestEnvs.create("intersection", "vehicles", 30);
        long seed = 0;
        do other.reset(seed++); while (other.veh.n == vehicles);
        for (DrivingEnv env : List.of(fresh, other)) {
            env.restoreState(new CheckpointReader(file), "env.");
            assertThat(env.veh.n).isEqualTo(vehicles);
            assertThat(play(env)).isEqualTo(expected);
        }
    }

    /** Observations, rewards, flags and info of 100 steps of a seeded random policy, resetting at episode ends. */
    static List<Double> play(DrivingEnv env) {
        Rng rng = new Rng(9);
        List<Double> out = new ArrayList<>();
        for (int t = 0; t < 100; t++) {
            Step s = env.step(rng.nextInt(3));
            for (float f : s.observation()) out.add((double) f);
            out.add(s.reward());
            out.add(s.terminated() ? 1.0 : 0.0);
            for (int k = 0; k < s.info().size(); k++) out.add(s.info().value(k));
            if (s.done()) env.reset();
        }
        return out;
    }
}
