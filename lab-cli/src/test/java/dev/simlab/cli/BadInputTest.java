package dev.simlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: one clear line naming file, line and key with the valid choices, exit 2, no stack trace. */
class BadInputTest {
    @TempDir
    Path tmp;

    private Cli.Result runScenario(String yaml, String... extra) throws Exception {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, yaml);
        String[] args = new String[3 + extra.length];
        args[0] = "run";
        args[1] = f.toString();
        args[2] = "--quiet";
        System.arraycopy(extra, 0, args, 3, extra.length);
        return Cli.run(args);
    }

    private static final String GOOD = "env:\n  id: cliff-walking\nagent:\n  id: q-learning\n  alpha: 0.5\nrun:\n  episodes: 10\n";

    private static void assertOneCleanLine(Cli.Result r) {
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: ").doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void unknownKey() throws Exception {
        Cli.Result r = runScenario(GOOD.replace("alpha", "alpah"));
        assertOneCleanLine(r);
        assertThat(r.err()).contains("s.yaml:5: agent.alpah: unknown key; did you mean 'alpha'?");
    }

    @Test
    void valueOutOfRange() throws Exception {
        Cli.Result r = runScenario(GOOD.replace("0.5", "1.5"));
        assertOneCleanLine(r);
        assertThat(r.err()).contains("s.yaml:5: agent.alpha: 1.5 is out of range");
    }

    @Test
    void ganOptionsTheGanRefusesTogetherStopBeforeAnyRun() throws Exception {
        Path out = tmp.resolve("gan-out");
        Cli.Result r = runScenario("gan:\n  id: gan\n  loss: wgan-gp\n  r1: 1\ndataset:\n  id: ring8\nrun:\n  iterations: 10\n",
                "--out", out.toString());
        assertOneCleanLine(r);
        assertThat(r.err()).contains("s.yaml: gan.r1: wgan-gp has its own gradient penalty");
        assertThat(out).doesNotExist(); // no run folder, no table of zeros
    }

    @Test
    void anAgentOnAnEnvItCannotActOnIsNamedWithWhatFits() throws Exception {
        Path out = tmp.resolve("no-folder");
        Cli.Result r = runScenario(GOOD.replace("cliff-walking", "mountaincar-continuous"), "--out", out.toString());
        assertOneCleanLine(r);
        assertThat(r.err()).contains("s.yaml: agent.id: q-learning cannot act on mountaincar-continuous: it needs Discrete observations and "
                + "mountaincar-continuous's are continuous, Box(shape=[2]); tabular agents fit envs with Discrete observations and actions (cliff-walking");
        assertThat(out).doesNotExist();

        // the random baseline acts on it
        Cli.Result random = runScenario(GOOD.replace("cliff-walking", "mountaincar-continuous").replace("q-learning", "random").replace("  alpha: 0.5\n", ""),
                "--out", out.toString());
        assertThat(random.exit()).as(random.err()).isZero();
    }

    @Test
    void aWrapperThatDoesNotFitTheEnvIsNamedByItsKey() throws Exception {
        Cli.Result r = runScenario(GOOD.replace("cliff-walking", "cartpole").replace("q-learning", "random").replace("  alpha: 0.5\n", ""),
                "--set", "env.clip_actions=true");
        assertOneCleanLine(r);
        assertThat(r.err()).contains("--set env.clip_actions=true: env.clip_actions: cartpole: clipping needs Box actions, not Discrete(2)");
    }

    @Test
    void unknownEnvId() throws Exception {
        Cli.Result r = runScenario(GOOD.replace("cliff-walking", "cliff-walk"));
        assertOneCleanLine(r);
        assertThat(r.err()).contains("s.yaml:2: env.id: unknown env id 'cliff-walk'; did you mean 'cliff-walking'?")
                .contains("frozenlake-4x4");
    }

    @Test
    void malformedYaml() throws Exception {
        Cli.Result r = runScenario("env:\n  id: cliff-walking\n agent: [\n");
        assertOneCleanLine(r);
        assertThat(r.err()).contains("s.yaml:").contains("malformed YAML");
    }

    @Test
    void missingFile() {
        Cli.Result r = Cli.run("run", tmp.resolve("nope.yaml").toString());
        assertOneCleanLine(r);
        assertThat(r.err()).contains("nope.yaml: no such file").contains("cliff-walking-qlearning");
    }

    @Test
    void badSetOption() throws Exception {
        Cli.Result r = runScenario(GOOD, "--set", "agent.gamma=2");
        assertOneCleanLine(r);
        assertThat(r.err()).contains("--set agent.gamma=2: agent.gamma: 2 is out of range");
    }

    @Test
    void unknownCommandIsAUsageError() {
        Cli.Result r = Cli.run("rnu");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown command 'rnu'; did you mean 'run'?");
    }

    @Test
    void debugShowsTheStackTrace() throws Exception {
        Cli.Result r = runScenario(GOOD.replace("alpha", "alpah"), "--debug");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("\tat ");
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // it used to spin for minutes
    void hugeScenarioFileIsRefusedInOneLine() throws Exception {
        Cli.Result r = runScenario(GOOD + "description: " + "a".repeat(50_000_000) + "\n");
        assertOneCleanLine(r);
        assertThat(r.err()).contains("s.yaml: the file is 47.7 MiB; a scenario file may be at most 1 MiB");
    }

    @Test
    void duplicateKeyNamesBothLines() throws Exception {
        Cli.Result r = runScenario(GOOD.replace("  alpha: 0.5\n", "  alpha: 0.5\n  alpha: 0.9\n"));
        assertOneCleanLine(r);
        assertThat(r.err()).contains("s.yaml:6: agent.alpha: duplicate key (first at line 5)");
    }

    @Test
    void scenarioNameCannotPlaceTheRunFolderOutsideResults() throws Exception {
        Path parent = Files.createDirectories(tmp.resolve("a/b"));
        Cli.Result r = runScenario("name: \"../../escaped\"\n" + GOOD, "--out", parent.resolve("x").toString());
        assertOneCleanLine(r);
        assertThat(r.err()).contains("s.yaml:1: name: '../../escaped' cannot be a run folder's name");
        // several files: --out is the parent and the name the folder inside it
        Path other = tmp.resolve("t.yaml");
        Files.writeString(other, GOOD);
        r = Cli.run("run", tmp.resolve("s.yaml").toString(), other.toString(), "--out", parent.toString(), "--quiet");
        assertOneCleanLine(r);
        assertThat(tmp.resolve("escaped")).doesNotExist();
        assertThat(parent.resolve("t")).doesNotExist(); // every scenario is checked before any runs
    }

    @Test
    void setWithoutAKeyIsAUsageError() throws Exception {
        Cli.Result r = runScenario(GOOD, "--set", ".=1");
        assertOneCleanLine(r);
        assertThat(r.err()).contains("--set .=1: expected key.path=value");
    }

    /** The DQN plugin checks its network options itself, after loading: the bad value came from --set, not the file. */
    @Test
    void nestedValueFromSetIsBlamedOnSet() {
        Cli.Result r = Cli.run("run", Cli.scenario("cartpole-dqn"), "--quiet", "--set", "agent.network.learning_rate=NaN",
                "--out", tmp.resolve("o").toString());
        assertOneCleanLine(r);
        assertThat(r.err()).contains("error: --set agent.network.learning_rate=NaN: agent.network.learning_rate: NaN is out of range")
                .doesNotContain("cartpole-dqn.yaml");
    }

    @Test
    void seedThatWouldOverflowForLaterRunsIsRefused() throws Exception {
        Cli.Result r = runScenario(GOOD, "--seed", "9223372036854775807", "--runs", "3", "--out", tmp.resolve("o").toString());
        assertOneCleanLine(r);
        assertThat(r.err()).contains("run.seed: with run.runs = 3").contains("the largest allowed run.seed is 9223372036854775805");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void hostileCheckpointIsRefusedInOneLine() throws Exception {
        Path run = tmp.resolve("run");
        assertThat(Cli.run("run", Cli.scenario("cliff-walking-qlearning"), "--runs", "1", "--set", "run.episodes=3",
                "--out", run.toString(), "--quiet").exit()).isZero();
        Path ckpt = run.resolve("checkpoints/run-000.ckpt");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(ckpt))) {
            out.writeLong(0x53494D4C41424350L);
            out.writeInt(1);
            out.writeUTF("q");
            out.writeByte(7); // doubles
            out.writeInt(Integer.MAX_VALUE);
        }
        Cli.Result r = Cli.run("eval", ckpt.toString(), "--episodes", "1");
        assertOneCleanLine(r);
        assertThat(r.err()).contains(ckpt + " is not a SimLab checkpoint (or is truncated): entry 'q' declares 2147483647 values");
    }
}
