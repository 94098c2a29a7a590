package dev.simlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real PF4J jars in a folder: good ones load, broken ones are reported in one line each and skipped. */
class PluginLoadingTest {
    @TempDir
    Path tmp;

    @Test
    void pluginsCommandListsBuiltInsWithTheirIds() {
        Cli.Result r = Cli.run("plugins");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).containsPattern("gridworld\\s+0\\.1\\.0\\s+gridworld-0\\.1\\.0\\.jar\\s+.*env:cliff-walking")
                .containsPattern("tabular\\s+0\\.1\\.0\\s+tabular-0\\.1\\.0\\.jar\\s+.*agent:q-learning")
                .contains("agent:sarsa").contains("agent:expected-sarsa").contains("env:frozenlake-8x8");
    }

    @Test
    void brokenPluginsAreReportedAndSkippedWhileTheRestStillWork() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("plugins"));
        Files.write(dir.resolve("corrupt.jar"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        writePlugin(dir.resolve("future.jar"), "future", ">=9.0.0", null);
        writePlugin(dir.resolve("throwing.jar"), "throwing", ">=0.1.0", """
                package bad;
                @org.pf4j.Extension
                public class ThrowingProvider implements dev.simlab.core.plugin.AgentProvider {
                    public ThrowingProvider() { throw new IllegalStateException("no licence key found"); }
                    public java.util.List<dev.simlab.core.plugin.AgentType> agents() { return java.util.List.of(); }
                }
                """);

        Cli.Result r = Cli.run("plugins", "--plugins-dir", dir.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("skipped: corrupt.jar: ")
                .contains("skipped: future.jar: built for lab-core >=9.0.0, this SimLab provides lab-core 0.1.0")
                .contains("skipped: throwing.jar: ThrowingProvider failed: IllegalStateException: no licence key found")
                .contains("agent:q-learning");
        for (String line : r.out().lines().filter(l -> l.startsWith("skipped:")).toList()) {
            assertThat(line).doesNotContain("\tat ");
        }

        Cli.Result run = Cli.run("run", Cli.scenario("cliff-walking-qlearning"), "--plugins-dir", dir.toString(),
                "--runs", "1", "--set", "run.episodes=5", "--out", tmp.resolve("o").toString(), "--quiet");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("warning: plugin skipped: corrupt.jar");
    }

    /** Writes a PF4J plugin jar; compiles {@code source} (one class in package bad) against the test classpath when given. */
    private void writePlugin(Path jar, String id, String requires, String source) throws IOException {
        writeJar(jar, Map.of("Plugin-Id", id, "Plugin-Requires", requires), source, null);
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        ((OutputStream) out).write(bytes);
        out.closeEntry();
    }

    @Test
    void checkEnvPassesForBuiltInsAndRejectsUnknownIds() {
        for (String id : List.of("cliff-walking", "windy-gridworld", "frozenlake-4x4", "frozenlake-8x8", "four-rooms", "maze")) {
            Cli.Result r = Cli.run("check-env", id, "--steps", "2000");
            assertThat(r.exit()).as(id + ": " + r.out()).isZero();
            assertThat(r.out()).contains("OK");
        }
        Cli.Result bad = Cli.run("check-env", "frozen-lake");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("did you mean");
    }

    @Test
    void benchEnvReportsStepsPerSecond() {
        Cli.Result r = Cli.run("bench-env", "cliff-walking", "--steps", "20000", "--repeats", "2");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("cliff-walking: [\\d,]+ steps/s");
    }

    private static final String IMPOSTOR = """
            package bad;
            @org.pf4j.Extension
            public class ImpostorProvider implements dev.simlab.core.plugin.AgentProvider {
                public java.util.List<dev.simlab.core.plugin.AgentType> agents() {
                    dev.simlab.core.plugin.AgentType.Factory f = (c, p) -> { throw new IllegalStateException("the impostor agent ran"); };
                    dev.simlab.core.param.ParamSchema none = dev.simlab.core.param.ParamSchema.empty();
                    return java.util.List.of(new dev.simlab.core.plugin.AgentType("sarsa", "impostor", none, false, f),
                            new dev.simlab.core.plugin.AgentType("expected-sarsa", "impostor", none, false, f),
                            new dev.simlab.core.plugin.AgentType("mc-impostor", "an id of its own", none, false, f));
                }
            }
            """;

    /** A user's jar offering the ids of the distribution's plugins (or its very plugin id) must not replace them. */
    @Test
    void builtInPluginsWinOverUserJarsOfferingTheSameIds() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("plugins"));
        writePlugin(dir.resolve("impostor.jar"), "impostor", ">=0.1.0", IMPOSTOR);
        Path fork = dir.resolve("tabular-fork.jar");
        writePlugin(fork, "tabular", ">=0.1.0", IMPOSTOR.replace("ImpostorProvider", "ForkProvider").replace("\"sarsa\"", "\"q-learning\""));
        // older than the built-ins: PF4J loads jars oldest first, across all folders
        Files.setLastModifiedTime(fork, FileTime.fromMillis(946_684_800_000L));

        Cli.Result r = Cli.run("plugins", "--plugins-dir", dir.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).containsPattern("tabular\\s+0\\.1\\.0\\s+tabular-0\\.1\\.0\\.jar\\s+.*agent:q-learning")
                .containsPattern("tabular\\s+0\\.1\\.0\\s+tabular-0\\.1\\.0\\.jar\\s+.*agent:sarsa")
                .containsPattern("(?m)^impostor\\s+1\\.0\\.0\\s+impostor\\.jar\\s+agent:mc-impostor$");
        List<String> skipped = r.out().lines().filter(l -> l.startsWith("skipped:")).toList();
        assertThat(skipped).filteredOn(l -> l.contains("impostor.jar")).singleElement().asString()
                .contains("agent:expected-sarsa, agent:sarsa").contains("built-in");
        assertThat(skipped).filteredOn(l -> l.contains("tabular-fork.jar")).singleElement().asString()
                .contains("plugin id 'tabular'").contains("built-in");

        for (String scenario : List.of("cliff-walking-sarsa", "cliff-walking-qlearning")) {
            Cli.Result run = Cli.run("run", Cli.scenario(scenario), "--plugins-dir", dir.toString(), "--runs", "1",
                    "--set", "run.episodes=3", "--out", tmp.resolve(scenario).toString(), "--quiet");
            assertThat(run.exit()).as(run.err()).isZero();
        }
    }

    private static final String EMPTY_PROVIDER = """
            package bad;
            @org.pf4j.Extension
            public class EmptyProvider implements dev.simlab.core.plugin.AgentProvider {
                public java.util.List<dev.simlab.core.plugin.AgentType> agents() { return java.util.List.of(); }
            }
            """;

    @Test
    void pluginsMissingAClassTheyNameSayWhichInOneLine() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("plugins"));
        writeJar(dir.resolve("no-extension.jar"), Map.of("Plugin-Id", "no-extension"), null, "bad.Missing\n");
        writeJar(dir.resolve("no-plugin-class.jar"), Map.of("Plugin-Id", "no-plugin-class", "Plugin-Class", "bad.NoSuchPlugin"),
                EMPTY_PROVIDER, null);

        Cli.Result r = Cli.run("plugins", "--plugins-dir", dir.toString(), "--no-builtin-plugins");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("skipped: no-extension.jar: extension class bad.Missing (listed in META-INF/extensions.idx) is not in the jar")
                .contains("skipped: no-plugin-class.jar: Plugin-Class bad.NoSuchPlugin (named in META-INF/MANIFEST.MF) is not in the jar")
                .doesNotContain("NullPointerException");
    }

    /**
     * A jar with Plugin-Version 1.0.0 and the given manifest attributes; {@code source} (one class in package bad) compiled
     * into it when given, and a META-INF/extensions.idx listing {@code index}, or else that class.
     */
    private void writeJar(Path jar, Map<String, String> attributes, String source, String index) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Plugin-Version", "1.0.0");
        attributes.forEach(a::putValue);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
            String cls = null;
            if (source != null) {
                cls = source.substring(source.indexOf("class ") + 6).split("\\s")[0];
                Path src = Files.createDirectories(tmp.resolve("src-" + jar.getFileName() + "/bad"));
                Path classes = Files.createDirectories(tmp.resolve("classes-" + jar.getFileName()));
                Files.writeString(src.resolve(cls + ".java"), source);
                int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-proc:none", "-cp", System.getProperty("java.class.path"),
                        "-d", classes.toString(), src.resolve(cls + ".java").toString());
                assertThat(rc).isZero();
                put(out, "bad/" + cls + ".class", Files.readAllBytes(classes.resolve("bad/" + cls + ".class")));
            }
            String idx = index != null ? index : cls != null ? "bad." + cls + "\n" : null;
            if (idx != null) put(out, "META-INF/extensions.idx", idx.getBytes());
        }
    }
}
