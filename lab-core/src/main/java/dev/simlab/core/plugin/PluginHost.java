package dev.simlab.core.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginRepository;
import org.pf4j.PluginRepository;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Loads every plugin jar in a folder with PF4J and collects their providers into a
 * {@link Registry}. A jar that is corrupt, built for an incompatible lab-core, or whose
 * extension cannot be constructed is reported in one line ({@link #problems()}) and skipped;
 * the other plugins still work.
 */
public final class PluginHost implements AutoCloseable {
    /** A plugin that could not be used, and why, in words for the user. */
    public record Problem(String jar, String reason) {
        @Override
        public String toString() {
            return jar + ": " + reason;
        }
    }

    /** A loaded plugin, for {@code simlab plugins}. */
    public record Loaded(String id, String version, String requires, String jar, String description) {}

    private final List<Path> pluginsDirs;
    private final LabPluginManager manager;
    private final List<Problem> problems = new ArrayList<>();
    private final Registry registry = new Registry();
    private final Map<String, Loaded> loaded = new LinkedHashMap<>();

    /** The lab-core API version plugins declare compatibility with ({@code Plugin-Requires}). */
    public static String apiVersion() {
        return API_VERSION;
    }

    private static final String API_VERSION = readVersion();

    private static String readVersion() {
        try (var in = PluginHost.class.getResourceAsStream("/dev/simlab/core/version.properties")) {
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (Exception e) {
            throw new IllegalStateException("lab-core is missing its version resource", e);
        }
    }

    public PluginHost(Path pluginsDir) {
        this(List.of(pluginsDir));
    }

    /** Loads the jars of every folder given; a folder that does not exist is reported. */
    public PluginHost(List<Path> pluginsDirs) {
        this.pluginsDirs = List.copyOf(pluginsDirs);
        List<Path> existing = new ArrayList<>();
        for (Path d : pluginsDirs) {
            if (Files.isDirectory(d)) existing.add(d);
            else problems.add(new Problem(d.toString(), "plugins folder does not exist"));
        }
        this.manager = new LabPluginManager(existing);
        manager.setSystemVersion(apiVersion());
        // PF4J falls back to ./plugins when given no root; with none that exists, load nothing.
        if (existing.isEmpty()) return;
        manager.loadPlugins();
        manager.startPlugins();
        for (PluginWrapper w : manager.getPlugins()) {
            String jar = fileName(w.getPluginPath());
            if (w.getPluginState() != PluginState.STARTED) {
                problems.add(new Problem(jar, whyNotStarted(w)));
                continue;
            }
            loaded.put(w.getPluginId(), new Loaded(w.getPluginId(), w.getDescriptor().getVersion(),
                    w.getDescriptor().getRequires(), jar, w.getDescriptor().getPluginDescription()));
            Registry.Origin origin = new Registry.Origin(w.getPluginId(), w.getDescriptor().getVersion());
            collect(w, EnvProvider.class, p -> registry.add(p, origin));
            collect(w, AgentProvider.class, p -> registry.add(p, origin));
            collect(w, GanProvider.class, p -> registry.add(p, origin));
            collect(w, DatasetProvider.class, p -> registry.add(p, origin));
        }
        for (String c : registry.conflicts()) problems.add(new Problem("(registry)", c));
    }

    private <T> void collect(PluginWrapper w, Class<T> type, java.util.function.Consumer<T> sink) {
        String jar = fileName(w.getPluginPath());
        List<Class<? extends T>> classes;
        try {
            classes = manager.getExtensionClasses(type, w.getPluginId());
        } catch (Throwable e) {
            problems.add(new Problem(jar, "cannot list extensions: " + describe(e)));
            return;
        }
        for (Class<? extends T> c : classes) {
            try {
                T provider = type.cast(manager.getExtensionFactory().create(c));
                sink.accept(provider);
            } catch (Throwable e) {
                problems.add(new Problem(jar, c.getSimpleName() + " failed: " + describe(e)));
            }
        }
    }

    private String whyNotStarted(PluginWrapper w) {
        if (w.getFailedException() != null) return describe(w.getFailedException());
        String requires = w.getDescriptor().getRequires();
        if (w.getPluginState() == PluginState.DISABLED && requires != null && !requires.isBlank() && !"*".equals(requires)) {
            return "built for lab-core " + requires + ", this SimLab provides lab-core " + apiVersion();
        }
        return "plugin is " + w.getPluginState().toString().toLowerCase();
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String msg = root.getMessage();
        String type = root.getClass().getSimpleName();
        if (root instanceof LinkageError) return type + " " + msg + " (was it built against another lab-core?)";
        return msg == null || msg.isBlank() ? type : type + ": " + msg;
    }

    private static String fileName(Path p) {
        return p == null ? "?" : String.valueOf(p.getFileName());
    }

    public Registry registry() {
        return registry;
    }

    public List<Problem> problems() {
        return Collections.unmodifiableList(problems);
    }

    public Map<String, Loaded> plugins() {
        return Collections.unmodifiableMap(loaded);
    }

    public List<Path> pluginsDirs() {
        return pluginsDirs;
    }

    /** Version of a loaded plugin by id, for provenance. */
    public String versionOf(String pluginId) {
        Loaded l = loaded.get(pluginId);
        return l == null ? "?" : l.version();
    }

    @Override
    public void close() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }

    /** PF4J's manager with jar-only discovery and load failures recorded instead of logged. */
    private final class LabPluginManager extends DefaultPluginManager {
        LabPluginManager(List<Path> roots) {
            super(roots);
        }

        @Override
        protected PluginRepository createPluginRepository() {
            return new JarPluginRepository(getPluginsRoots());
        }

        @Override
        protected PluginWrapper loadPluginFromPath(Path pluginPath) {
            try {
                return super.loadPluginFromPath(pluginPath);
            } catch (Throwable e) {
                problems.add(new Problem(fileName(pluginPath), describeLoad(e)));
                return null;
            }
        }

        private String describeLoad(Throwable e) {
            String d = describe(e);
            if (d.contains("zip") || d.contains("ZipException") || d.contains("END header") || d.contains("not a jar")) {
                return "not a valid jar (" + d + ")";
            }
            return d;
        }
    }
}
