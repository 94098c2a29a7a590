package dev.simlab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.run.EpisodeRecord;
import dev.simlab.core.run.Experiment;
import dev.simlab.core.run.RunListener;
import dev.simlab.core.run.RunResult;
import dev.simlab.core.scenario.Scenario;
import dev.simlab.core.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupted and resumed runs write exactly the rows of the same run uninterrupted (wall clock
 * aside), and a resume that cannot be exact is refused before any file is touched.
 */
class ResumeTest {
    @TempDir
    Path tmp;

    static final String RL = "name: r\nenv: {id: corridor, length: 30}\nagent: {id: go-right, p: 0.7}\n"
            + "run: {episodes: 120, runs: 3, threads: 2, num_envs: 3, checkpoint_every: 7, eval_every: 20, eval_episodes: 3}\n";

    static Scenario parse(String yaml, String... sets) {
        return new ScenarioLoader(TestComponents.registry()).parse("r.yaml", new StringReader(yaml), List.of(sets));
    }

    /** metrics.csv with the wall-clock column emptied: what must match between two runs of one scenario. */
    static List<String> rows(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
        int wall = List.of(lines.get(0).split(",")).indexOf("wall_seconds");
        for (String l : lines) {
            String[] c = l.split(",", -1);
            c[wall] = "";
            out.add(String.join(",", c));
        }
        return out;
    }

    /** Requests a stop when run {@code run} records its {@code at}-th row (episode or GAN row). */
    static Experiment<?> stopAt(Experiment<?> e, int run, long at) {
        long[] seen = new long[1];
        return e.listen(new RunListener() {
            @Override
            public void episode(EpisodeRecord r) {
                if (r.run() == run && ++seen[0] == at) e.requestStop();
            }
        });
    }

    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) m.put(dir.relativize(p).toString(), new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return m;
    }

    @Test
    void interruptedRlRunResumesToTheUninterruptedRows() throws Exception {
        Scenario s = parse(RL);
        Experiment.Outcome whole = Experiment.of(s, tmp.resolve("whole")).run();
        Experiment.Outcome cut = stopAt(Experiment.of(s, tmp.resolve("cut")), 1, 45).run();
        assertThat(cut.status()).isEqualTo("interrupted");
        assertThat(rows(tmp.resolve("cut")).size()).isLessThan(rows(tmp.resolve("whole")).size());
        // twice: a resumed run can itself be interrupted and resumed
        Experiment.Outcome again = stopAt(Experiment.of(s, tmp.resolve("cut")).resume(), 2, 30).run();
        assertThat(again.status()).isEqualTo("interrupted");
        Experiment.Outcome done = Experiment.of(s, tmp.resolve("cut")).resume().run();
        assertThat(done.status()).isEqualTo("completed");
        assertThat(rows(tmp.resolve("cut"))).isEqualTo(rows(tmp.resolve("whole")));
        for (int k = 0; k < 3; k++) {
            RunResult a = whole.results().get(k), b = done.results().get(k);
            assertThat(b.returns()).isEqualTo(a.returns());
            assertThat(b.figure("final_eval_return_mean")).isEqualTo(a.figure("final_eval_return_mean"));
            assertThat(b.figure("env_steps")).isEqualTo(a.figure("env_steps"));
        }
    }

    @Test
    void envsWithoutSavedStateAreReseededAndStillResume() throws Exception {
        Scenario s = parse(RL.replace("id: corridor,", "id: corridor-no-state,"));
        stopAt(Experiment.of(s, tmp.resolve("cut")), 0, 50).run();
        Experiment.Outcome done = Experiment.of(s, tmp.resolve("cut")).resume().run();
        assertThat(done.status()).isEqualTo("completed");
        assertThat(rows(tmp.resolve("cut"))).hasSize(1 + 3 * 120);
    }

    @Test
    void interruptedGanRunResumesToTheUninterruptedRows() throws Exception {
        Scenario s = GanRunTest.parse(GanRunTest.GOOD, "run.checkpoint_every=15", "run.log_every=5");
        Experiment.of(s, tmp.resolve("whole")).run();
        assertThat(stopAt(Experiment.of(s, tmp.resolve("cut")), 0, 5).run().status()).isEqualTo("interrupted");
        assertThat(Experiment.of(s, tmp.resolve("cut")).resume().run().status()).isEqualTo("completed");
        assertThat(rows(tmp.resolve("cut"))).isEqualTo(rows(tmp.resolve("whole")));
        assertThat(Files.readAllLines(tmp.resolve("cut/run-000/samples.csv"))).isEqualTo(Files.readAllLines(tmp.resolve("whole/run-000/samples.csv")));
    }

    @Test
    void aDeletedCheckpointIsRefusedAndTheFolderIsLeftAsItWas() throws Exception {
        Scenario s = parse(RL);
        Path dir = tmp.resolve("d");
        stopAt(Experiment.of(s, dir), 0, 50).run();
        Files.delete(dir.resolve("checkpoints/run-000.ckpt"));
        Map<String, String> before = snapshot(dir);
        assertThatThrownBy(() -> Experiment.of(s, dir).resume().run()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("run-000.ckpt").hasMessageContaining("deleted");
        assertThat(snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aCheckpointOfAnotherScenarioIsRefusedAndTheFolderIsLeftAsItWas() throws Exception {
        Path dir = tmp.resolve("d");
        stopAt(Experiment.of(parse(RL), dir), 0, 50).run();
        Path other = tmp.resolve("other");
        Experiment.of(parse(RL, "agent.p=0.6"), other).run();
        Files.copy(other.resolve("checkpoints/run-000.ckpt"), dir.resolve("checkpoints/run-000.ckpt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> before = snapshot(dir);
        assertThatThrownBy(() -> Experiment.of(parse(RL), dir).resume().run()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("another scenario");
        assertThat(snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aGarbageRowIsRefusedWithItsLineAndTheFolderIsLeftAsItWas() throws Exception {
        Path dir = tmp.resolve("d");
        stopAt(Experiment.of(parse(RL), dir), 0, 50).run();
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("metrics.csv")));
        lines.set(3, "abc,1,2");
        Files.write(dir.resolve("metrics.csv"), lines);
        Map<String, String> before = snapshot(dir);
        assertThatThrownBy(() -> Experiment.of(parse(RL), dir).resume().run()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("metrics.csv:4").hasMessageContaining("abc,1,2");
        assertThat(snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aHalfWrittenLastRowIsDroppedOnResume() throws Exception {
        Scenario s = parse(RL);
        Experiment.of(s, tmp.resolve("whole")).run();
        Path dir = tmp.resolve("d");
        stopAt(Experiment.of(s, dir), 0, 50).run();
        Files.writeString(dir.resolve("metrics.csv"), "2,17,-0.3", java.nio.file.StandardOpenOption.APPEND); // a crash mid-row
        Experiment.of(s, dir).resume().run();
        assertThat(rows(dir)).isEqualTo(rows(tmp.resolve("whole")));
    }

    @Test
    void aFolderInUseIsRefused() throws Exception {
        Scenario s = parse("env: {id: corridor, length: 400}\nagent: {id: go-right, p: 0.5}\nrun: {episodes: 1000000}\n");
        Path dir = tmp.resolve("busy");
        Experiment<?> first = Experiment.of(s, dir);
        Thread t = new Thread(() -> {
            try {
                first.run();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        t.start();
        while (!Files.exists(dir.resolve("metrics.csv"))) Thread.sleep(5);
        try {
            assertThatThrownBy(() -> Experiment.of(s, dir).resume().run()).isInstanceOf(ConfigException.class).hasMessageContaining("in use");
            assertThatThrownBy(() -> Experiment.of(s, dir).run()).isInstanceOf(ConfigException.class).hasMessageContaining("in use");
        } finally {
            first.requestStop();
            t.join();
        }
    }
}
