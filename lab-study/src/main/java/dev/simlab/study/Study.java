package dev.simlab.study;

import dev.simlab.core.param.ConfigException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The coordinator of one study folder: proposes trials, hands them to a {@link Launcher}, answers
 * their pruning questions, records every event in {@code journal.jsonl} and writes
 * {@code trials.csv} and {@code best.yaml}. It holds the folder's lock while it runs.
 *
 * <p><b>Results do not depend on timing, the launcher or the number of workers.</b> Trials are
 * numbered in the order they are proposed, and every decision about trial {@code n} reads only
 * trials numbered below it, waiting for them where needed:
 * <ul>
 *   <li>a proposal for trial {@code n} sees trials below {@code n − lag} as finished (it waits until
 *       they are) and trials {@code n − lag .. n − 1} as pending, whatever their state (the constant
 *       liar: the sampler scores pending ones as the worst finished value; {@code search.lag},
 *       default 1, bounds how many trials run ahead);</li>
 *   <li>a pruning decision for trial {@code n} at evaluation {@code s} compares it with the value at
 *       {@code s} of every trial below {@code n} that reaches {@code s} (it waits until each has
 *       reached {@code s} or ended).</li>
 * </ul>
 * A trial's id hashes its resolved scenario and seeds: a configuration proposed twice runs once,
 * and a re-run of the study (or {@code --resume}) never runs a finished trial again; a trial an
 * earlier attempt left half-done (a killed study, a crashed worker) runs again from its start.
 */
public final class Study {
    /** Proposes trial {@code number}'s parameters; what the samplers implement. */
    public interface Proposals {
        Map<String, Object> propose(int number, List<Done> finished, List<Map<String, Object>> pending);

        /** How many distinct proposals there are (a grid's points), or −1 for no limit. */
        default int size() {
            return -1;
        }

        /** True when proposals never read the history (grid, random): no waiting for earlier trials. */
        default boolean independent() {
            return false;
        }
    }

    /** A finished trial as a sampler sees it. */
    public record Done(int number, Map<String, Object> params, double objective, String status, List<Double> curve) {}

    /** Decides whether trial {@code number} stops at evaluation {@code step}, given earlier trials' values at that step. */
    public interface Pruning {
        boolean prune(int number, int step, double value, List<List<Double>> earlierCurves);

        Pruning NEVER = (n, s, v, c) -> false;
    }

    /** Progress for the command line: called on the coordinator's thread after every change. */
    public interface Listener {
        void progress(Study study);
    }

    static final class State {
        final Trial trial;
        String status = "queued";
        double objective = Double.NaN;
        double wall;
        int attempts;
        String error;
        /** The earlier trial with the same id this one waits for (a configuration proposed again), or null. */
        State sameAs;
        final List<Double> curve = new ArrayList<>();

        State(Trial trial) {
            this.trial = trial;
        }

        boolean ended() {
            return status.equals("completed") || status.equals("pruned") || status.equals("failed");
        }
    }

    private final StudySpec spec;
    private final Path dir;
    private final TrialRunner runner;
    private final Proposals proposals;
    private final Pruning pruning;
    private final List<State> trials = new ArrayList<>();
    private final Map<String, State> byId = new HashMap<>();
    private final List<Launcher.Intermediate> questions = new ArrayList<>();
    private Listener listener = s -> {};
    private Journal journal;

    public Study(StudySpec spec, Path dir, TrialRunner runner, Proposals proposals, Pruning pruning) {
        this.spec = spec;
        this.dir = dir;
        this.runner = runner;
        this.proposals = proposals;
        this.pruning = pruning;
    }

    public Study listen(Listener l) {
        this.listener = l;
        return this;
    }

    public Path dir() {
        return dir;
    }

    public StudySpec spec() {
        return spec;
    }

    /** The planned number of trials: compared scenarios, the grid (capped by trials), or the budget. */
    public int budget() {
        if (spec.compare()) return spec.scenarios().size();
        int size = proposals.size();
        if (size >= 0) return spec.trials() > 0 ? Math.min(size, spec.trials()) : size;
        return spec.trials();
    }

    public int count(String status) {
        return (int) trials.stream().filter(t -> t.status.equals(status)).count();
    }

    /** The best completed trial so far, or null. */
    public Trial best() {
        State b = bestState();
        return b == null ? null : b.trial;
    }

    public double bestObjective() {
        State b = bestState();
        return b == null ? Double.NaN : b.objective;
    }

    private State bestState() {
        State best = null;
        for (State s : trials) {
            if (s.status.equals("completed") && (best == null || spec.objective().better(s.objective, best.objective))) best = s;
        }
        return best;
    }

    /** Each trial's state, in trial order. */
    List<State> states() {
        return trials;
    }

    /** Runs (or continues) the study until every planned trial has ended. */
    public void run(Launcher launcher) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("trials"));
        try (FileChannel lockChannel = FileChannel.open(dir.resolve(".simlab.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = tryLock(lockChannel);
             Journal j = new Journal(dir.resolve("journal.jsonl"))) {
            journal = j;
            replay(Journal.read(dir.resolve("journal.jsonl")));
            int budget = budget();
            int running = 0;
            while (true) {
                // (re)start queued trials first, in order, then propose new ones
                for (State s : trials) {
                    if (running >= launcher.slots()) break;
                    if (s.status.equals("queued")) {
                        start(launcher, s);
                        running++;
                    }
                }
                while (running < launcher.slots() && trials.size() < budget && canPropose(trials.size())) {
                    State s = propose(trials.size());
                    if (!s.status.equals("queued")) continue; // the same configuration ran already, or is running
                    start(launcher, s);
                    running++;
                }
                launcher.flush();
                listener.progress(this);
                if (running == 0) break;
                Launcher.Event e = launcher.next();
                if (e instanceof Launcher.Intermediate q) {
                    State s = trials.get(q.trial().number());
                    if (q.step() < s.curve.size()) {
                        // an earlier attempt went past this point (its values are the same: runs are deterministic)
                        launcher.answer(q.trial(), q.step(), true);
                        continue;
                    }
                    s.curve.add(q.value());
                    journal.append(event("intermediate", s, Map.of("step", q.step(), "value", q.value())));
                    questions.add(q);
                } else if (e instanceof Launcher.Finished f) {
                    running--;
                    State s = trials.get(f.trial().number());
                    TrialRunner.Outcome o = f.outcome();
                    if (o.status().equals("completed") || o.status().equals("pruned")) {
                        end(s, o.status(), o.objective(), o.wallSeconds(), null);
                    } else {
                        retryOrFail(s, o.error() == null ? o.status() : o.error(), o.wallSeconds());
                    }
                } else if (e instanceof Launcher.Crashed c) {
                    running--;
                    retryOrFail(trials.get(c.trial().number()), c.reason(), 0);
                }
                answerDecidable(launcher);
            }
            writeTrialsCsv();
            writeBest();
        } finally {
            journal = null;
        }
    }

    private static FileLock tryLock(FileChannel ch) throws IOException {
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) throw new ConfigException("study folder", "", "is in use by another simlab study process");
        return l;
    }

    /** Rebuilds the trials from an earlier attempt's journal: proposals keep their numbers and parameters, ended trials stay ended. */
    @SuppressWarnings("unchecked")
    private void replay(List<Map<String, Object>> events) {
        for (Map<String, Object> ev : events) {
            String kind = (String) ev.get("event");
            if (kind.equals("proposed")) {
                Trial t = Trial.fromMap((Map<String, Object>) ev.get("trial_spec"));
                State s = new State(t);
                trials.add(s);
                byId.putIfAbsent(t.id(), s);
            } else if (kind.equals("intermediate")) {
                State s = trials.get(((Number) ev.get("trial")).intValue());
                if (((Number) ev.get("step")).intValue() == s.curve.size()) s.curve.add(number(ev.get("value")));
            } else if (kind.equals("attempt")) {
                trials.get(((Number) ev.get("trial")).intValue()).attempts = ((Number) ev.get("attempt")).intValue();
            } else if (kind.equals("ended")) {
                State s = trials.get(((Number) ev.get("trial")).intValue());
                s.status = (String) ev.get("status");
                s.objective = number(ev.get("objective"));
                s.wall = number(ev.get("wall_seconds"));
                s.error = (String) ev.get("error");
            }
        }
        // a trial cut off while running starts again; the evaluations it reports again are the ones recorded
        for (State s : trials) {
            if (s.ended()) continue;
            State first = byId.get(s.trial.id());
            if (first != s) {
                s.sameAs = first;
                s.status = "waiting";
            } else {
                s.status = "queued";
            }
        }
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private boolean canPropose(int n) {
        if (spec.compare() || proposals.independent()) return true;
        for (int m = 0; m < n - spec.lag(); m++) if (!trials.get(m).ended()) return false;
        return true;
    }

    private State propose(int n) throws IOException {
        Map<String, Object> params;
        String scenario;
        if (spec.compare()) {
            scenario = spec.scenarios().get(n);
            params = new LinkedHashMap<>();
        } else {
            scenario = spec.scenarios().get(0);
            List<Done> finished = new ArrayList<>();
            List<Map<String, Object>> pending = new ArrayList<>();
            for (int m = 0; m < n; m++) {
                State s = trials.get(m);
                if (m < n - spec.lag() || proposals.independent()) {
                    finished.add(new Done(m, s.trial.params(), s.objective, s.status, List.copyOf(s.curve)));
                } else {
                    pending.add(s.trial.params());
                }
            }
            params = proposals.propose(n, finished, pending);
        }
        Trial probe = new Trial(n, "", scenario, params);
        String id = Trial.idOf(runner.scenario(probe));
        Trial t = new Trial(n, id, scenario, params);
        State s = new State(t);
        trials.add(s);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("event", "proposed");
        ev.put("trial", n);
        ev.put("trial_spec", t.toMap());
        journal.append(ev);
        State same = byId.get(id);
        if (same == null) {
            byId.put(id, s);
        } else if (same.ended()) {
            // proposed again: the same trial, not a second run of it
            end(s, same.status, same.objective, 0, same.error);
            s.curve.addAll(same.curve);
        } else {
            s.sameAs = same; // it takes the first one's result when that ends
            s.status = "waiting";
        }
        return s;
    }

    private void start(Launcher launcher, State s) throws IOException {
        s.status = "running";
        s.attempts++;
        journal.append(event("attempt", s, Map.of("attempt", s.attempts)));
        launcher.start(s.trial);
    }

    private void retryOrFail(State s, String reason, double wall) throws IOException {
        if (s.attempts <= spec.retries()) {
            s.status = "queued";
            s.error = reason;
            journal.append(event("retry", s, Map.of("reason", reason == null ? "" : reason)));
        } else {
            end(s, "failed", Double.NaN, wall, reason);
        }
    }

    private void end(State s, String status, double objective, double wall, String error) throws IOException {
        s.status = status;
        s.objective = objective;
        s.wall = wall;
        s.error = error;
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("status", status);
        extra.put("objective", objective);
        extra.put("wall_seconds", wall);
        if (error != null) extra.put("error", error);
        journal.append(event("ended", s, extra));
        // questions a pruned or ended trial will never need answered
        questions.removeIf(q -> q.trial().number() == s.trial.number());
        for (State d : trials) {
            if (d.sameAs == s && !d.ended()) {
                d.curve.clear();
                d.curve.addAll(s.curve);
                end(d, status, objective, 0, error);
            }
        }
    }

    private static Map<String, Object> event(String kind, State s, Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", kind);
        m.put("trial", s.trial.number());
        m.put("id", s.trial.id());
        m.putAll(extra);
        return m;
    }

    /** Answers every pruning question whose earlier trials have all reached its step or ended. */
    private void answerDecidable(Launcher launcher) throws IOException {
        boolean answered = true;
        while (answered) {
            answered = false;
            for (Launcher.Intermediate q : List.copyOf(questions)) {
                int n = q.trial().number();
                boolean decidable = true;
                List<List<Double>> earlier = new ArrayList<>();
                for (int m = 0; m < n && decidable; m++) {
                    State o = trials.get(m);
                    if (o.curve.size() > q.step() || o.ended()) earlier.add(List.copyOf(o.curve));
                    else decidable = false;
                }
                if (!decidable) continue;
                boolean prune = pruning.prune(n, q.step(), q.value(), earlier);
                questions.remove(q);
                launcher.answer(q.trial(), q.step(), !prune);
                answered = true;
            }
        }
    }

    /** {@code trials.csv}: one row per trial in trial order: {@code trial,status,objective,<parameters>,seeds,wall_seconds}. */
    void writeTrialsCsv() throws IOException {
        List<String> keys = new ArrayList<>(spec.compare() ? List.of("scenario") : spec.space().keySet());
        StringBuilder sb = new StringBuilder("trial,status,objective");
        for (String k : keys) sb.append(',').append(csv(k));
        sb.append(",seeds,wall_seconds\n");
        for (State s : trials) {
            sb.append(s.trial.id()).append(',').append(s.status).append(',').append(Double.isNaN(s.objective) ? "" : num(s.objective));
            for (String k : keys) {
                Object v = spec.compare() ? s.trial.scenario() : s.trial.params().get(k);
                sb.append(',').append(csv(String.valueOf(v)));
            }
            sb.append(',').append(spec.seeds()).append(',').append(String.format(Locale.ROOT, "%.2f", s.wall)).append('\n');
        }
        atomically(dir.resolve("trials.csv"), sb.toString());
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** {@code best.yaml}: the best trial's resolved scenario, runnable as it is. */
    void writeBest() throws IOException {
        State b = bestState();
        if (b == null) return;
        Path src = dir.resolve("trials").resolve(b.trial.id()).resolve("scenario.yaml");
        if (!Files.exists(src)) return;
        String text = "# The best configuration of study " + spec.name() + " (trial " + b.trial.id() + ", objective " + spec.objective().metric()
                + " = " + num(b.objective) + "): simlab run this file to train it again.\n" + Files.readString(src, StandardCharsets.UTF_8);
        atomically(dir.resolve("best.yaml"), text);
    }

    static void atomically(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
