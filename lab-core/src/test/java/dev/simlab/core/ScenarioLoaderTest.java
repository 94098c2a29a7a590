package dev.simlab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.param.ConfigNode;
import dev.simlab.core.param.Param;
import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.scenario.RlScenario;
import dev.simlab.core.scenario.Scenario;
import dev.simlab.core.scenario.ScenarioLoader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {
    private final ScenarioLoader loader = new ScenarioLoader(TestComponents.registry());

    private Scenario parse(String yaml, String... sets) {
        return loader.parse("s.yaml", new StringReader(yaml), List.of(sets));
    }

    private static final String GOOD = """
            name: demo
            env:
              id: corridor
              length: 8
            agent:
              id: go-right
              p: 0.5
            run:
              episodes: 20
              runs: 2
            """;

    @Test
    void validScenarioFillsDefaults() {
        RlScenario s = (RlScenario) parse(GOOD);
        assertThat(s.env().params().integer("length")).isEqualTo(8);
        assertThat(s.env().maxEpisodeSteps()).isEqualTo(50);
        assertThat(s.agent().params().string("mode")).isEqualTo("plain");
        assertThat(s.run().runs()).isEqualTo(2);
        assertThat(s.run().seed()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void wrapperKeysSitBesideTheEnvsParametersAndAreRecordedOnlyWhenOn() {
        RlScenario on = (RlScenario) parse(GOOD.replace("  length: 8\n", "  length: 8\n  normalize_rewards: true\n  normalize_gamma: 0.9\n"));
        assertThat(on.env().wrappers().normalizeRewards()).isTrue();
        assertThat(on.env().wrappers().gamma()).isEqualTo(0.9);
        assertThat(on.env().wrappers().normalizeObservations()).isFalse();
        assertThat(on.env().params().integer("length")).isEqualTo(8);
        Map<String, Object> env = (Map<String, Object>) on.resolved().get("env");
        assertThat(env).containsEntry("normalize_rewards", true).containsEntry("normalize_gamma", 0.9).containsEntry("clip_rewards", 10.0)
                .containsEntry("rescale_actions", false);

        RlScenario off = (RlScenario) parse(GOOD);
        assertThat(off.env().wrappers()).isEqualTo(dev.simlab.core.env.EnvWrappers.NONE);
        assertThat((Map<String, Object>) off.resolved().get("env")).as("as before wrappers existed").doesNotContainKey("normalize_rewards");

        assertThatThrownBy(() -> parse(GOOD.replace("  length: 8\n", "  length: 8\n  normalise_observations: true\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("s.yaml:5").hasMessageContaining("env.normalise_observations")
                .hasMessageContaining("did you mean 'normalize_observations'");
        assertThatThrownBy(() -> parse(GOOD, "env.clip_rewards=-1"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("env.clip_rewards").hasMessageContaining("out of range");
    }

    @Test
    void unknownKeyNamesLineAndNearestMatch() {
        assertThatThrownBy(() -> parse(GOOD.replace("p: 0.5", "pp: 0.5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("s.yaml:7")
                .hasMessageContaining("agent.pp")
                .hasMessageContaining("did you mean 'p'");
    }

    @Test
    void outOfRangeValueNamesKeyAndRange() {
        assertThatThrownBy(() -> parse(GOOD.replace("p: 0.5", "p: 1.5")))
                .hasMessageContaining("s.yaml:7: agent.p: 1.5 is out of range; expected a number in [0, 1]");
    }

    @Test
    void unknownIdListsChoices() {
        assertThatThrownBy(() -> parse(GOOD.replace("id: corridor", "id: coridor")))
                .hasMessageContaining("s.yaml:3")
                .hasMessageContaining("unknown env id 'coridor'; did you mean 'corridor'?");
    }

    @Test
    void badChoiceListsValidValues() {
        assertThatThrownBy(() -> parse(GOOD + "", "agent.mode=wild")).hasMessageContaining("--set agent.mode=wild")
                .hasMessageContaining("valid: fancy, plain");
    }

    @Test
    void malformedYamlNamesTheLine() {
        assertThatThrownBy(() -> parse("name: x\nenv:\n  id: corridor\n   bad: [1,\n"))
                .hasMessageContaining("s.yaml:")
                .hasMessageContaining("malformed YAML");
    }

    @Test
    void tagsThatWouldInstantiateClassesAreRefused() {
        assertThatThrownBy(() -> parse(GOOD + "description: !!javax.script.ScriptEngineManager [x]\n"))
                .hasMessageContaining("not allowed: scenarios are plain data");
    }

    @Test
    void setOverridesAndCreatesKeys() {
        RlScenario s = (RlScenario) parse(GOOD, "agent.p=0.25", "run.seed=9", "env.max_episode_steps=7");
        assertThat(s.agent().params().real("p")).isEqualTo(0.25);
        assertThat(s.run().seed()).isEqualTo(9);
        assertThat(s.env().maxEpisodeSteps()).isEqualTo(7);
    }

    @Test
    void missingBudgetIsExplained() {
        assertThatThrownBy(() -> parse(GOOD.replace("episodes: 20", "seed: 3")))
                .hasMessageContaining("set run.episodes or run.steps");
    }

    @Test
    void wrongTypeIsExplained() {
        assertThatThrownBy(() -> parse(GOOD.replace("runs: 2", "runs: two")))
                .hasMessageContaining("run.runs: 'two' is not an integer");
    }

    @Test
    void missingFileNamesIt() {
        assertThatThrownBy(() -> loader.load("nope/missing.yaml", List.of()))
                .hasMessageContaining("nope/missing.yaml: no such file");
    }

    @TempDir
    Path tmp;

    /** A long scalar made SnakeYAML's scanner spin for minutes: the size is checked before parsing. */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // it used to spin for minutes
    void oversizedScenarioFileIsRefusedBeforeParsing() throws Exception {
        Path big = tmp.resolve("big.yaml");
        Files.writeString(big, GOOD + "description: " + "a".repeat(3 << 20) + "\n");
        long start = System.nanoTime();
        assertThatThrownBy(() -> loader.load(big.toString(), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(big + ": the file is 3.0 MiB; a scenario file may be at most 1 MiB");
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void oversizedYamlFromAReaderIsRefusedToo() {
        assertThatThrownBy(() -> parse(GOOD + "description: " + "a".repeat(1 << 20) + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("s.yaml: ")
                .hasMessageContaining("at most 1 MiB");
    }

    @Test
    void duplicateKeysAreRefusedAtAnyLevel() {
        assertThatThrownBy(() -> parse(GOOD.replace("  p: 0.5\n", "  p: 0.5\n  mode: fancy\n  p: 0.7\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("s.yaml:9: agent.p: duplicate key (first at line 7)");
        assertThatThrownBy(() -> parse(GOOD + "name: other\n"))
                .hasMessage("s.yaml:11: name: duplicate key (first at line 1)");
        assertThatThrownBy(() -> parse(GOOD.replace("  id: corridor\n", "  id: corridor\n  opts: {a: 1, b: 2, a: 3}\n")))
                .hasMessage("s.yaml:4: env.opts.a: duplicate key (first at line 4)");
    }

    /** The name becomes a folder under results/ (or --out): it must not climb out of it. */
    @Test
    void namesThatWouldEscapeTheResultsFolderAreRefused() {
        for (String bad : List.of("\"../../escaped\"", "a/b", "'..'", "'.'", "'x\\\\y'", "\"tab\\there\"", "''")) {
            assertThatThrownBy(() -> parse(GOOD.replace("name: demo", "name: " + bad)))
                    .as(bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("s.yaml:1: name: ")
                    .hasMessageContaining("one folder name");
        }
        assertThatThrownBy(() -> parse(GOOD, "name=../up"))
                .hasMessageStartingWith("--set name=../up: name: '../up' cannot be a run folder's name");
        assertThat(parse(GOOD.replace("name: demo", "name: cliff-walking_v2.1 (fast)")).name()).isEqualTo("cliff-walking_v2.1 (fast)");
    }

    @Test
    void setWithAnEmptyKeyNamesTheOptionAndTheExpectedForm() {
        for (String bad : List.of(".=1", "..=1", "agent.=1", ".agent=1", "agent..p=1")) {
            assertThatThrownBy(() -> parse(GOOD, bad))
                    .as(bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("--set " + bad + ": expected key.path=value with a word between every two dots, e.g. --set agent.alpha=0.5");
        }
    }

    /** A plugin checks its own nested options after loading, knowing only the key: a value from --set is blamed on --set. */
    @Test
    void laterErrorsAboutASetValueNameTheSetOption() {
        Scenario s = parse(GOOD, "agent.p=0.25", "agent.net.lr=NaN");
        assertThat(new ConfigException("", "agent.net.lr", "NaN is out of range").in(s.source(), "agent.id"))
                .hasMessage("--set agent.net.lr=NaN: agent.net.lr: NaN is out of range");
        assertThat(new ConfigException("", "agent.p", "too big").in(s.source(), "agent.id"))
                .hasMessage("--set agent.p=0.25: agent.p: too big");
        // values from the file, or defaults, are still placed in the file
        assertThat(new ConfigException("", "env.length", "too long").in(s.source(), "env.id")).hasMessage("s.yaml: env.length: too long");
        assertThat(new ConfigException("", "", "does not fit").in(s.source(), "agent.id")).hasMessage("s.yaml: agent.id: does not fit");
        // a later load of the same file without --set forgets the option
        Scenario again = parse(GOOD);
        assertThat(new ConfigException("", "agent.p", "too big").in(again.source(), "agent.id")).hasMessage("s.yaml: agent.p: too big");
    }

    @Test
    void notANumberAndInfinityAreRefusedForRealParameters() {
        Param unbounded = Param.real("scale", 1, 0, Double.POSITIVE_INFINITY, "any size");
        for (String bad : List.of("NaN", "Infinity", "1e999", "-Infinity")) {
            assertThatThrownBy(() -> ParamSchema.convert(unbounded, ConfigNode.scalar("s.yaml:3", "agent.scale", bad)))
                    .as(bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("s.yaml:3: agent.scale: '" + bad + "' is not a finite number");
        }
        assertThat(ParamSchema.convert(unbounded, ConfigNode.scalar("s.yaml:3", "agent.scale", "1e300"))).isEqualTo(1e300);
    }

    /** Run k is seeded with seed + k: the last run's seed must not wrap to a negative number. */
    @Test
    void seedPlusRunsMustNotOverflow() {
        assertThatThrownBy(() -> parse(GOOD, "run.seed=9223372036854775807", "run.runs=3"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--set run.seed=9223372036854775807: run.seed: with run.runs = 3 the last run's seed (run.seed + 2) "
                        + "would pass 9223372036854775807; the largest allowed run.seed is 9223372036854775805");
        assertThat(parse(GOOD, "run.seed=9223372036854775806").run().seed()).isEqualTo(9223372036854775806L); // 2 runs: ...806 and ...807
        assertThatThrownBy(() -> parse(GOOD.replace("runs: 2", "runs: 2\n  seed: 9223372036854775807")))
                .hasMessageStartingWith("s.yaml:11: run.seed: with run.runs = 2");
    }
}
