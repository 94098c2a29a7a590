package dev.simlab.core.plugin;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *
 * <p>The distribution's own plugins (the built-in folders) load first and keep their ids and
 * plugin ids: a user's jar offering the same ones cannot replace them, and what it offered in
 * vain is reported in one line per jar.
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
    /** The folders jars are loaded from, built-in ones first: a jar's rank is its folder's index. */
    private final List<Path> roots = new ArrayList<>();
    private int builtInRoots;
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

    /** Loads the jars of every folder given, earlier folders first; a folder that does not exist is reported. */
    public PluginHost(List<Path> pluginsDirs) {
        this(List.of(), pluginsDirs);
    }

    /**
     * Loads the distribution's plugins ({@code builtInDirs}), then the user's ({@code userDirs}).
     * A folder that does not exist is reported; one given twice is loaded once.
     */
    public PluginHost(List<Path> builtInDirs, List<Path> userDirs) {
        List<Path> all = new ArrayList<>(builtInDirs);
        all.addAll(userDirs);
        this.pluginsDirs = List.copyOf(all);
        Set<Path> seen = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            Path d = all.get(i);
            if (!Files.isDirectory(d)) {
                problems.add(new Problem(d.toString(), "plugins folder does not exist"));
            } else if (seen.add(realPath(d))) {
                roots.add(d);
                if (i < builtInDirs.size()) builtInRoots++;
            }
        }
        this.manager = new LabPluginManager(roots);
        manager.setSystemVersion(apiVersion());
        // PF4J falls back to ./plugins when given no root; with none that exists, load nothing.
        if (roots.isEmpty()) return;
        manager.loadPlugins();
        manager.startPlugins();
        Map<Registry.Origin, String> jars = new HashMap<>();
        // registered in load order (built-ins first), so the registry's first-come rule lets built-ins win
        List<PluginWrapper> ordered = new ArrayList<>(manager.getPlugins());
        ordered.sort(Comparator.comparing((PluginWrapper w) -> rank(w.getPluginPath())).thenComparing(w -> fileName(w.getPluginPath())));
        for (PluginWrapper w : ordered) {
            String jar = fileName(w.getPluginPath());
            if (w.getPluginState() != PluginState.STARTED) {
                problems.add(new Problem(jar, whyNotStarted(w)));
                continue;
            }
            loaded.put(w.getPluginId(), new Loaded(w.getPluginId(), w.getDescriptor().getVersion(),
                    w.getDescriptor().getRequires(), jar, w.getDescriptor().getPluginDescription()));
            Registry.Origin origin = new Registry.Origin(w.getPluginId(), w.getDescriptor().getVersion());
            jars.put(origin, jar);
            int before = problems.size();
            checkExtensionClasses(w, jar);
            collect(w, EnvProvider.class, p -> registry.add(p, origin));
            collect(w, AgentProvider.class, p -> registry.add(p, origin));
            collect(w, GanProvider.class, p -> registry.add(p, origin));
            collect(w, DatasetProvider.class, p -> registry.add(p, origin));
            boolean offered = registry.idsByOrigin().containsKey(origin) || registry.duplicates().stream().anyMatch(c -> c.ignored().equals(origin));
            if (!offered && problems.size() == before) {
                problems.add(new Problem(jar, "offers no env, agent, GAN or dataset (no @Extension provider listed in META-INF/extensions.idx)"));
            }
        }
        reportDuplicates(jars);
    }

    /** One line per plugin whose ids were already taken: which ids, and by whom. */
    private void reportDuplicates(Map<Registry.Origin, String> jars) {
        Map<Registry.Origin, Map<Registry.Origin, List<String>>> byPlugin = new LinkedHashMap<>();
        for (Registry.Conflict c : registry.duplicates()) {
            byPlugin.computeIfAbsent(c.ignored(), k -> new LinkedHashMap<>()).computeIfAbsent(c.kept(), k -> new ArrayList<>())
                    .add(c.kind() + ":" + c.id());
        }
        byPlugin.forEach((ignored, byKept) -> {
            List<String> parts = new ArrayList<>();
            byKept.forEach((kept, ids) -> parts.add(String.join(", ", ids.stream().sorted().toList()) + " ignored: already provided by "
                    + (isBuiltIn(kept) ? "the built-in plugin " + kept + " (built-ins win)" : "plugin " + kept + ", loaded first")));
            problems.add(new Problem(jars.getOrDefault(ignored, ignored.toString()), String.join("; ", parts)));
        });
    }

    private boolean isBuiltIn(Registry.Origin origin) {
        PluginWrapper w = manager.getPlugin(origin.pluginId());
        return w != null && rank(w.getPluginPath()) < builtInRoots;
    }

    /** The index of the folder a jar came from (built-in folders first); jars from no known folder last. */
    private int rank(Path jar) {
        if (jar == null) return Integer.MAX_VALUE;
        Path p = jar.toAbsolutePath().normalize();
        for (int i = 0; i < roots.size(); i++) {
            if (p.startsWith(roots.get(i).toAbsolutePath().normalize())) return i;
        }
        return Integer.MAX_VALUE;
    }

    private static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (java.io.IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    /**
     * Every class META-INF/extensions.idx lists must load: PF4J skips one that does not with only a
     * log line (switched off), which left a plugin loaded, offering nothing, with no message at all.
     */
    private void checkExtensionClasses(PluginWrapper w, String jar) {
        for (String name : new java.util.TreeSet<>(manager.getExtensionClassNames(w.getPluginId()))) {
            try {
                Class.forName(name, false, w.getPluginClassLoader());
            } catch (ClassNotFoundException e) {
                problems.add(new Problem(jar, "extension class " + name + " (listed in META-INF/extensions.idx) is not in the jar"));
            } catch (LinkageError e) {
                problems.add(new Problem(jar, "extension class " + name + " cannot be loaded: " + describe(e)));
            }
        }
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
        // PF4J logs a Plugin-Class it cannot use and then fails with a NullPointerException on starting it
        String pluginClass = w.getDescriptor().getPluginClass();
        if (pluginClass != null && !pluginClass.isBlank() && w.getPluginClassLoader() != null) {
            String named = "Plugin-Class " + pluginClass + " (named in META-INF/MANIFEST.MF)";
            try {
                if (!org.pf4j.Plugin.class.isAssignableFrom(Class.forName(pluginClass, false, w.getPluginClassLoader()))) {
                    return named + " does not extend org.pf4j.Plugin";
                }
            } catch (ClassNotFoundException e) {
                return named + " is not in the jar";
            } catch (LinkageError e) {
                return named + " cannot be loaded: " + describe(e);
            }
        }
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
        // a problem is one line: some PF4J messages span several
        if (msg != null) msg = msg.replaceAll("\\s*\\R\\s*", " ").trim();
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
            JarPluginRepository repository = new JarPluginRepository(getPluginsRoots());
            // PF4J's default order is oldest jar first across all folders, so an old user jar with a
            // built-in's plugin id would load first and shut the built-in out: folder order instead
            repository.setComparator(Comparator.comparing((File f) -> rank(f.toPath())).thenComparing(File::getName));
            return repository;
        }

        @Override
        protected PluginWrapper loadPluginFromPath(Path pluginPath) {
            // a second jar with a loaded plugin id: PF4J refuses it in a paragraph naming neither jar plainly
            PluginWrapper first = loadedWithSameId(pluginPath);
            if (first != null) {
                boolean builtIn = rank(first.getPluginPath()) < builtInRoots;
                problems.add(new Problem(fileName(pluginPath), "plugin id '" + first.getPluginId() + "' is already taken by "
                        + (builtIn ? "the built-in " + fileName(first.getPluginPath()) + " (built-ins win)" : fileName(first.getPluginPath()) + ", loaded first")));
                return null;
            }
            try {
                return super.loadPluginFromPath(pluginPath);
            } catch (Throwable e) {
                problems.add(new Problem(fileName(pluginPath), describeLoad(e)));
                return null;
            }
        }

        private PluginWrapper loadedWithSameId(Path pluginPath) {
            try {
                String id = getPluginDescriptorFinder().find(pluginPath).getPluginId();
                return id == null ? null : getPlugin(id);
            } catch (Throwable e) {
                return null; // not readable as a plugin: loading it reports why
            }
        }

        private String describeLoad(Throwable e) {
            String d = describe(e);
            if (d.contains("zip") || d.contains("ZipException") || d.contains("END header") || d.contains("not a jar")) {
                return "not a valid jar (" + d + ")";
            }
            if (d.contains("No PluginDescriptorFinder") || d.contains("Field 'id' cannot be empty")) {
                return "not a SimLab plugin: META-INF/MANIFEST.MF has no Plugin-Id";
            }
            return d;
        }
    }
}
