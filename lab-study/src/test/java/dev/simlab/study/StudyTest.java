package dev.simlab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.Corridor;
import dev.simlab.core.agent.Actions;
import dev.simlab.core.agent.Agent;
import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.param.ConfigException;
import dev.simlab.core.param.Param;
import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.plugin.AgentProvider;
import dev.simlab.core.plugin.AgentType;
import dev.simlab.core.plugin.EnvProvider;
import dev.simlab.core.plugin.EnvType;
import dev.simlab.core.plugin.Registry;
import dev.simlab.core.rng.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coordinator on threads of this JVM with a tiny env and agent: determinism, dedup, pruning, resume. */
class StudyTest {
    @TempDir
    Path tmp;

    /** Moves right with probability p, exploring or not: a larger p reaches the corridor's end sooner. */
    static final class Lean implements Agent {
        final Rng rng;
        final double p;

        Lean(Rng rng, double p) {
            this.rng = rng;
            this.p = p;
        }

        @Override
        public void act(VectorEnv env, boolean explore, Actions out) {
            for (int i = 0; i < env.numEnvs(); i++) out.discrete()[i] = rng.nextDouble() < p ? 1 : 0;
        }

        @Override
        public void observe(VectorEnv env, Actions taken) {}

        @Override
        public void save(CheckpointWriter out) throws IOException {
            out.putLongs("rng", rng.state());
        }

        @Override
        public void restore(CheckpointReader in) throws IOException {
            rng.setState(in.getLongs("rng"));
        }
    }

    static Registry registry() {
        EnvProvider envs = () -> List.of(new EnvType("corridor", "test corridor", ParamSchema.of(Param.integer("length", 12, 2, 1000, "cells")), 60,
                p -> new Corridor(p.integer("length"))));
        AgentProvider agents = () -> List.of(new AgentType("lean", "right with probability p", ParamSchema.of(Param.real("p", 0.5, 0, 1, "")), false,
                (ctx, p) -> new Lean(ctx.rng(), p.real("p"))));
        return new Registry().add(envs, new Registry.Origin("test", "1")).add(agents, new Registry.Origin("test", "1"));
    }

    private StudySpec spec(String search, String extra) throws IOException {
        Files.writeString(tmp.resolve("s.yaml"), "name: lean\nenv: {id: corridor}\nagent: {id: lean}\n"
                + "run: {episodes: 40, eval_every: 10, eval_episodes: 4}\n");
        Path f = tmp.resolve("study.yaml");
        Files.writeString(f, "name: t\nscenario: s.yaml\nsearch:\n" + search + "seeds: 3\nobjective: {metric: return_mean, episodes: [11, 40], goal: max}\n" + extra);
        return StudyLoader.load(f);
    }

    private Study run(StudySpec spec, Path dir, int threads) throws Exception {
        TrialRunner runner = new TrialRunner(registry(), spec);
        Study study = new Study(spec, dir, runner, StudyFolder.proposals(spec), StudyFolder.pruning(spec));
        try (ThreadLauncher l = new ThreadLauncher(threads, runner, dir)) {
            study.run(l);
        }
        return study;
    }

    private static List<String> objectives(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve("trials.csv")).stream().map(l -> {
            String[] c = l.split(",");
            return c[0] + "," + c[1] + "," + c[2] + "," + c[3];
        }).toList();
    }

    private static final String TPE = "  method: tpe\n  trials: 14\n  seed: 3\n  space:\n    agent.p: {range: [0.05, 0.95]}\n";

    @Test
    void tpeResultsDoNotDependOnTheNumberOfWorkers() throws Exception {
        StudySpec spec = spec(TPE, "");
        run(spec, tmp.resolve("one"), 1);
        run(spec, tmp.resolve("three"), 3);
        assertThat(objectives(tmp.resolve("three"))).isEqualTo(objectives(tmp.resolve("one"))).hasSize(15);
        assertThat(Files.readString(tmp.resolve("one/best.yaml"))).contains("The best configuration").contains("p: ");
    }

    @Test
    void medianPruningDoesNotDependOnTheNumberOfWorkersEither() throws Exception {
        StudySpec spec = spec(TPE, "prune: {method: median, warmup_evals: 1, startup_trials: 2}\n");
        Study one = run(spec, tmp.resolve("one"), 1);
        run(spec, tmp.resolve("two"), 2);
        assertThat(one.count("pruned")).as("weak trials are pruned").isPositive();
        assertThat(objectives(tmp.resolve("two"))).isEqualTo(objectives(tmp.resolve("one")));
    }

    @Test
    void aGridRunsEveryPointOnceAndARerunRunsNothingAgain() throws Exception {
        // run.threads changes no result (a trial runs its seeds on one thread anyway): two grid points, one trial
        StudySpec spec = spec("  method: grid\n  space:\n    agent.p: {values: [0.2, 0.8]}\n    run.threads: {values: [1, 2]}\n", "");
        Path dir = tmp.resolve("g");
        Study s = run(spec, dir, 2);
        assertThat(s.budget()).isEqualTo(4);
        assertThat(Files.list(dir.resolve("trials")).count()).isEqualTo(2);
        long attempts = Files.readAllLines(dir.resolve("journal.jsonl")).stream().filter(l -> l.contains("\"attempt\"")).count();
        run(spec, dir, 2);
        assertThat(Files.readAllLines(dir.resolve("journal.jsonl")).stream().filter(l -> l.contains("\"attempt\"")).count()).isEqualTo(attempts);
        List<String> rows = objectives(dir);
        assertThat(rows).as(String.join("\n", Files.readAllLines(dir.resolve("trials.csv")))).allMatch(r -> !r.contains(",,"));
        double best = Double.NEGATIVE_INFINITY;
        for (String r : rows.subList(1, rows.size())) best = Math.max(best, Double.parseDouble(r.split(",")[2]));
        assertThat(rows.get(3).split(",")[3]).isEqualTo("0.8"); // higher p: a better return here
        assertThat(Double.parseDouble(rows.get(3).split(",")[2])).isEqualTo(best);
        assertThat(rows.get(4)).isEqualTo(rows.get(3).replace(",1", ",2").substring(0, rows.get(4).length())); // the same trial twice
    }

    @Test
    void aKilledCoordinatorContinuesWhereItsJournalEnds() throws Exception {
        StudySpec spec = spec(TPE, "");
        run(spec, tmp.resolve("whole"), 2);
        // keep the first half of the journal, as if the study was killed there, and drop the half-done trials' folders' summaries
        Path dir = tmp.resolve("cut");
        run(spec, dir, 2);
        List<String> lines = Files.readAllLines(dir.resolve("journal.jsonl"));
        Files.write(dir.resolve("journal.jsonl"), lines.subList(0, lines.size() / 2));
        Files.writeString(dir.resolve("journal.jsonl"), "{\"event\": \"ended\", \"tri", java.nio.file.StandardOpenOption.APPEND); // a cut line
        run(spec, dir, 2);
        assertThat(objectives(dir)).isEqualTo(objectives(tmp.resolve("whole")));
    }

    @Test
    void badStudyFilesAreOneLineNamingTheKey() throws Exception {
        assertThatThrownBy(() -> spec("  method: tpe\n  trials: 5\n  space:\n    agent.p: {range: [0.9, 0.1]}\n", ""))
                .isInstanceOf(ConfigException.class).hasMessageContaining("agent.p");
        assertThatThrownBy(() -> spec("  method: tpee\n  trials: 5\n  space:\n    agent.p: {range: [0.1, 0.9]}\n", ""))
                .isInstanceOf(ConfigException.class).hasMessageContaining("study.yaml:4").hasMessageContaining("tpe");
        assertThatThrownBy(() -> spec(TPE, "prune: {method: median, warmup: 1}\n")).isInstanceOf(ConfigException.class).hasMessageContaining("warmup");
        StudySpec wrongKey = spec("  method: grid\n  space:\n    agent.q: {values: [1]}\n", "");
        assertThatThrownBy(() -> StudyFolder.validate(wrongKey, new TrialRunner(registry(), wrongKey))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("agent.q");
    }
}
