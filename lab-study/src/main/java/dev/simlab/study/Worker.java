package dev.simlab.study;

import dev.simlab.core.run.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * {@code simlab worker}: a long-lived JVM that runs the trials a {@link LocalLauncher} hands it,
 * one after the other, so a tabular trial does not pay a JVM start. It talks JSON Lines over its
 * standard input and output, each protocol line prefixed with {@value #PREFIX} (anything else a
 * plugin prints is passed over):
 * <pre>
 *   in:  {"run": TRIAL}                      out: {"event": "intermediate", "trial": N, "step": S, "value": V}
 *   in:  {"answer": N, "step": S, "proceed": B}   out: {"event": "finished", "trial": N, "status": …, "objective": …}
 * </pre>
 * A native crash or an out-of-memory error ends the process; the coordinator sees its output end
 * and retries the trial on a fresh worker. When its input ends (the coordinator is gone) the
 * worker exits at once.
 */
public final class Worker {
    static final String PREFIX = "@simlab ";

    private Worker() {}

    @SuppressWarnings("unchecked")
    public static void serve(InputStream in, PrintStream out, TrialRunner runner, Path studyDir) throws IOException, InterruptedException {
        BlockingQueue<Map<String, Object>> answers = new LinkedBlockingQueue<>();
        BlockingQueue<Map<String, Object>> runs = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.startsWith(PREFIX)) continue;
                    Map<String, Object> m = (Map<String, Object>) Json.parse(line.substring(PREFIX.length()));
                    if (m.containsKey("answer")) answers.add(m);
                    else runs.add(m);
                }
            } catch (IOException ignored) {
                // the coordinator went away
            }
            // no coordinator (it ended, was interrupted or killed): nobody would take this worker's results, so stop now;
            // a trial cut off here runs again when the study continues
            out.flush();
            System.exit(0);
        }, "simlab-worker-input");
        reader.setDaemon(true);
        reader.start();
        while (true) {
            Map<String, Object> msg = runs.take();
            Trial t = Trial.fromMap((Map<String, Object>) msg.get("run"));
            TrialRunner.Gate gate = (trial, step, value) -> {
                send(out, Map.of("event", "intermediate", "trial", trial.number(), "step", step, "value", value));
                return Boolean.TRUE.equals(answers.take().get("proceed"));
            };
            TrialRunner.Outcome o;
            try {
                o = runner.run(t, studyDir.resolve("trials").resolve(t.id()), gate);
            } catch (RuntimeException | IOException e) {
                o = new TrialRunner.Outcome("failed", Double.NaN, 0, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            send(out, o.toMap(t));
        }
    }

    static void send(PrintStream out, Map<String, Object> m) {
        synchronized (out) {
            out.println(PREFIX + Json.line(new LinkedHashMap<>(m)));
            out.flush();
        }
    }
}
