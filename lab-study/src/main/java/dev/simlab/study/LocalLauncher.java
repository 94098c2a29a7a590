package dev.simlab.study;

import dev.simlab.core.run.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Runs trials on {@code N} long-lived worker JVMs on this machine ({@code simlab worker}, see
 * {@link Worker}), each taking trials one after the other. A worker that dies (a native crash,
 * out of memory) is replaced and its trial reported {@link Launcher.Crashed}; the study retries
 * it. Workers' own output goes to {@code workers/worker-K.log} in the study folder.
 */
public final class LocalLauncher implements Launcher {
    private final int slots;
    private final List<String> command;
    private final Path logs;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Proc> idle = new ArrayList<>();
    private final Map<Integer, Proc> byTrial = new HashMap<>();
    private int started;

    private final class Proc {
        final Process process;
        final PrintStream in;
        volatile Trial trial;

        Proc(int k) throws IOException {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(logs.resolve("worker-" + k + ".log").toFile())).start();
            in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread t = new Thread(this::read, "simlab-worker-" + k);
            t.setDaemon(true);
            t.start();
        }

        @SuppressWarnings("unchecked")
        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.startsWith(Worker.PREFIX)) continue;
                    Map<String, Object> m = (Map<String, Object>) Json.parse(line.substring(Worker.PREFIX.length()));
                    Trial t = trial;
                    if ("intermediate".equals(m.get("event"))) {
                        events.add(new Intermediate(t, ((Number) m.get("step")).intValue(), ((Number) m.get("value")).doubleValue()));
                    } else if ("finished".equals(m.get("event"))) {
                        trial = null;
                        events.add(new Finished(t, TrialRunner.Outcome.fromMap(m)));
                        synchronized (LocalLauncher.this) {
                            idle.add(this);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the worker died mid-line: reported below
            }
            Trial t = trial;
            int code;
            try {
                code = process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                code = -1;
            }
            if (t != null) events.add(new Crashed(t, "worker exited with status " + code + " (see " + logs + ")"));
        }
    }

    /** @param workerCommand the command line that starts one {@code simlab worker} for the study */
    public LocalLauncher(int workers, List<String> workerCommand, Path studyDir) throws IOException {
        this.slots = workers;
        this.command = workerCommand;
        this.logs = studyDir.resolve("workers");
        Files.createDirectories(logs);
    }

    /** This JVM's java, its options and class path, running {@code mainClass} with {@code args}: a worker like its coordinator. */
    public static List<String> sameJvm(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        List<String> inherited = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String a : inherited) {
            if (a.startsWith("-agentlib") || a.startsWith("-javaagent") || a.startsWith("-XX:ArchiveClassesAtExit")) continue;
            cmd.add(a);
        }
        // SimLab's own settings (the built-in plugins folder…), also when they were set after start-up (a test runner does)
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("simlab.") && inherited.stream().noneMatch(a -> a.startsWith("-D" + key + "="))) {
                cmd.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public synchronized void start(Trial trial) throws IOException {
        Proc p = null;
        while (!idle.isEmpty() && p == null) {
            Proc q = idle.remove(idle.size() - 1);
            if (q.process.isAlive()) p = q;
        }
        if (p == null) p = new Proc(started++);
        p.trial = trial;
        byTrial.put(trial.number(), p);
        Worker.send(p.in, Map.of("run", trial.toMap()));
    }

    @Override
    public Event next() throws InterruptedException {
        return events.take();
    }

    @Override
    public synchronized void answer(Trial trial, int step, boolean proceed) {
        Proc p = byTrial.get(trial.number());
        if (p != null && p.process.isAlive()) Worker.send(p.in, Map.of("answer", trial.number(), "step", step, "proceed", proceed));
    }

    @Override
    public synchronized void close() {
        for (Proc p : byTrial.values()) p.in.close();
        for (Proc p : byTrial.values()) {
            try {
                if (!p.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) p.process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.process.destroyForcibly();
            }
        }
    }
}
