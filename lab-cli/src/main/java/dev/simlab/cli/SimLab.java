package dev.simlab.cli;

import dev.simlab.core.checkpoint.CheckpointException;
import dev.simlab.core.param.ConfigException;
import dev.simlab.core.plugin.PluginHost;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code simlab} command. Exit status: 0 success, 1 failure while running, 2 invalid input
 * (usage, scenario, unknown id), 130 interrupted. Errors are one line on stderr; the stack trace
 * only with {@code --debug}.
 */
@Command(name = "simlab", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = SimLab.Version.class,
        description = "SimLab: a lab for reinforcement learning and GANs.")
public final class SimLab {
    public static final int OK = 0, FAILED = 1, INVALID = 2, INTERRUPTED = 130;

    /** The subcommands by name. Only the one invoked is registered: picocli's reflection over the others costs start-up time. */
    private static final java.util.Map<String, java.util.function.Supplier<Object>> COMMANDS = new java.util.LinkedHashMap<>();

    static {
        COMMANDS.put("run", RunCommand::new);
        COMMANDS.put("check-env", CheckEnvCommand::new);
        COMMANDS.put("bench-env", BenchEnvCommand::new);
        COMMANDS.put("plugins", PluginsCommand::new);
        COMMANDS.put("scenarios", ScenariosCommand::new);
        COMMANDS.put("eval", EvalCommand::new);
        COMMANDS.put("score", ScoreCommand::new);
        COMMANDS.put("watch", WatchCommand::new);
        COMMANDS.put("replay", ReplayCommand::new);
        COMMANDS.put("study", StudyCommand::new);
        COMMANDS.put("trial", TrialCommand::new);
        COMMANDS.put("worker", WorkerCommand::new);
        COMMANDS.put("compare", CompareCommand::new);
    }

    /** Options every command takes. */
    public static final class Common {
        @Option(names = "--plugins-dir", paramLabel = "DIR",
                description = "folder of user plugin jars, loaded besides the built-in ones (default: ./plugins if it exists); repeatable")
        List<Path> pluginsDirs = new ArrayList<>();

        @Option(names = "--no-builtin-plugins", description = "load only the jars of --plugins-dir, not the distribution's plugins/")
        boolean noBuiltins;

        @Option(names = "--debug", description = "print stack traces and plugin-loading logs")
        boolean debug;

        /** The distribution's plugins/ (built-ins), then the user's folders. */
        List<Path> pluginRoots() {
            List<Path> roots = new ArrayList<>(builtInRoots());
            roots.addAll(userRoots());
            return roots;
        }

        /** The distribution's own plugins folder: its plugins keep their ids whatever a user's jar offers. */
        List<Path> builtInRoots() {
            String builtin = System.getProperty("simlab.plugins");
            return noBuiltins || builtin == null ? List.of() : List.of(Path.of(builtin));
        }

        List<Path> userRoots() {
            if (!pluginsDirs.isEmpty()) return pluginsDirs;
            return Files.isDirectory(Path.of("plugins")) ? List.of(Path.of("plugins")) : List.of();
        }

        /** These options for a simlab process of the same plugins started elsewhere (a worker, a cluster task in another folder). */
        List<String> asArgs() {
            List<String> a = new ArrayList<>();
            for (Path p : userRoots()) {
                a.add("--plugins-dir");
                a.add(p.toAbsolutePath().toString());
            }
            if (noBuiltins) a.add("--no-builtin-plugins");
            return a;
        }

        PluginHost loadPlugins(PrintWriter err) {
            PluginHost host = new PluginHost(builtInRoots(), userRoots());
            for (PluginHost.Problem p : host.problems()) err.println("warning: plugin skipped: " + p);
            return host;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"SimLab " + PluginHost.apiVersion(), "Java " + System.getProperty("java.version")};
        }
    }

    public static void main(String[] args) {
        int code = execute(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** The first of {@code e} and its causes that is a {@code type}, or null. */
    private static Throwable find(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) return t;
        }
        return null;
    }

    /** Runs the command in-process and returns its exit status (used by tests too). */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        boolean debug = List.of(args).contains("--debug");
        if (!debug) System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        System.setProperty("org.slf4j.simpleLogger.log.org.pf4j", debug ? "debug" : "off");
        CommandLine cl = new CommandLine(new SimLab());
        String first = args.length > 0 ? args[0] : "";
        COMMANDS.forEach((name, command) -> {
            if (!COMMANDS.containsKey(first) || name.equals(first)) cl.addSubcommand(name, command.get());
        });
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof ConfigException ce) {
                err.println("error: " + ce.getMessage());
                if (debug) ex.printStackTrace(err);
                return INVALID;
            }
            if (ex instanceof dev.simlab.core.run.RunFolder.WriteFailure) {
                // the message says all: which folder, why, and how to continue
                err.println("error: " + ex.getMessage());
                if (debug) ex.printStackTrace(err);
                return FAILED;
            }
            // a file that is no usable checkpoint is bad input, however deep in a run it was read
            Throwable checkpoint = find(ex, CheckpointException.class);
            if (checkpoint != null) {
                err.println("error: " + checkpoint.getMessage());
                if (debug) ex.printStackTrace(err);
                return INVALID;
            }
            // no display (or no OpenGL): the message says what to do, a stack trace would add nothing
            Throwable window = find(ex, dev.simlab.renderer.WindowUnavailableException.class);
            if (window != null) {
                err.println("error: " + window.getMessage());
                if (debug) ex.printStackTrace(err);
                return FAILED;
            }
            err.println("error: " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
            if (debug) ex.printStackTrace(err);
            else err.println("(run with --debug for the stack trace)");
            return FAILED;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            if (ex instanceof CommandLine.UnmatchedArgumentException u && c.getParent() == null && !u.getUnmatched().isEmpty()
                    && !u.getUnmatched().get(0).startsWith("-")) {
                String word = u.getUnmatched().get(0);
                err.println("error: unknown command '" + word + "'; " + dev.simlab.core.param.Suggest.choices(word, c.getSubcommands().keySet()));
            } else {
                err.println("error: " + ex.getMessage());
            }
            err.println("see: simlab " + (ex.getCommandLine().getCommandName().equals("simlab") ? "" : ex.getCommandLine().getCommandName() + " ") + "--help");
            return INVALID;
        });
        if (args.length == 0) {
            cl.usage(out);
            return INVALID;
        }
        try {
            return cl.execute(args);
        } catch (LinkageError e) {
            // a plugin jar built against classes this installation lacks: picocli passes Errors through
            err.println("error: a plugin needs a class that is not installed: " + e.getMessage()
                    + (debug ? "" : " (run with --debug for the stack trace)"));
            if (debug) e.printStackTrace(err);
            return FAILED;
        }
    }
}
