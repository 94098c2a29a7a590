package dev.simlab.core.run;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.scenario.GanScenario;
import dev.simlab.core.scenario.RlScenario;
import dev.simlab.core.scenario.Scenario;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The run contract {@link Experiment} is generic over, one implementation per kind of scenario:
 * probe (build once, fail fast), create a run, draw the experiment's plots, and re-score a
 * checkpoint ({@code simlab eval}). Resume and the summary are the experiment's, the same for all.
 */
public sealed interface RunKind<S extends Scenario> permits RunKind.Rl, RunKind.Gan {

    /** Builds the scenario's parts once so bad input is reported before any run starts or any file is written. */
    void probe(S scenario);

    Run create(S scenario, RunContext context);

    /** Pictures across runs, written into the folder after the runs ended (RL: the learning curve). */
    void plot(S scenario, List<RunResult> results, RunFolder folder) throws IOException;

    /**
     * Re-scores a saved run: greedy episodes for RL ({@code amount} episodes seeded with {@code seed}),
     * fresh generated samples for GANs ({@code amount} samples). Figures by name.
     */
    Map<String, Double> evaluate(S scenario, CheckpointReader checkpoint, int amount, long seed) throws IOException;

    @SuppressWarnings("unchecked")
    static <S extends Scenario> RunKind<S> of(S scenario) {
        if (scenario instanceof RlScenario) return (RunKind<S>) Rl.INSTANCE;
        if (scenario instanceof GanScenario) return (RunKind<S>) Gan.INSTANCE;
        throw new IllegalArgumentException("unknown scenario kind " + scenario.getClass());
    }

    /** Env + agent runs. */
    final class Rl implements RunKind<RlScenario> {
        static final Rl INSTANCE = new Rl();

        @Override
        public void probe(RlScenario scenario) {
            RlRun.probe(scenario);
        }

        @Override
        public Run create(RlScenario scenario, RunContext context) {
            return new RlRun(scenario, context);
        }

        @Override
        public void plot(RlScenario scenario, List<RunResult> results, RunFolder folder) throws IOException {
            if (!results.isEmpty()) LearningCurvePlot.write(folder.dir().resolve("learning-curve.png"), scenario.name(), results);
        }

        @Override
        public Map<String, Double> evaluate(RlScenario scenario, CheckpointReader checkpoint, int episodes, long seed) throws IOException {
            return RlRun.evaluateCheckpoint(scenario, checkpoint, episodes, seed);
        }
    }

    /** GAN + dataset runs; each run draws its own pictures into {@code run-NNN/}. */
    final class Gan implements RunKind<GanScenario> {
        static final Gan INSTANCE = new Gan();

        @Override
        public void probe(GanScenario scenario) {
            GanRun.probe(scenario);
        }

        @Override
        public Run create(GanScenario scenario, RunContext context) {
            return new GanRun(scenario, context);
        }

        @Override
        public void plot(GanScenario scenario, List<RunResult> results, RunFolder folder) {
            // per-run pictures are written by the runs themselves
        }

        @Override
        public Map<String, Double> evaluate(GanScenario scenario, CheckpointReader checkpoint, int samples, long seed) throws IOException {
            return GanRun.evaluateCheckpoint(scenario, checkpoint, samples);
        }
    }
}
