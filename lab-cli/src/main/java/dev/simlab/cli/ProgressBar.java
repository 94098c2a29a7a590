package dev.simlab.cli;

import dev.simlab.core.run.EpisodeRecord;
import dev.simlab.core.run.RunListener;
import dev.simlab.core.run.RunResult;
import dev.simlab.core.scenario.GanScenario;
import dev.simlab.core.scenario.RlPlan;
import dev.simlab.core.scenario.RlScenario;
import dev.simlab.core.scenario.Scenario;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows training progress on stderr: a redrawn bar on a terminal, or a line every 10% when
 * the output is a log file. Counts episodes or env steps, whichever the plan budgets.
 */
final class ProgressBar implements RunListener, AutoCloseable {
    private final PrintWriter err;
    private final long total;
    private final boolean bySteps;
    private final String stepUnit;
    private final boolean terminal;
    private final long[] perRunSteps;
    private final AtomicLong done = new AtomicLong();
    private volatile double lastReturn = Double.NaN;
    private final long startNanos = System.nanoTime();
    private final Thread ticker;
    private int lastDecile = -1;
    private volatile boolean closed;

    /** The bar for a scenario's plan: a GAN counts iterations, an agent episodes or env steps. */
    static ProgressBar of(PrintWriter err, Scenario scenario) {
        int runs = scenario.run().runs();
        if (scenario instanceof GanScenario g) return new ProgressBar(err, runs, 0, g.plan().iterations(), "iterations", System.console() != null);
        RlPlan plan = ((RlScenario) scenario).plan();
        return new ProgressBar(err, runs, plan.episodes(), plan.steps(), "steps", System.console() != null);
    }

    /** @param stepUnit what a step budget counts: "steps" for agents, "iterations" for GANs */
    ProgressBar(PrintWriter err, int runs, long episodes, long steps, String stepUnit, boolean terminal) {
        this.err = err;
        this.stepUnit = stepUnit;
        this.bySteps = episodes == 0;
        this.total = runs * (bySteps ? steps : episodes);
        this.perRunSteps = new long[runs];
        this.terminal = terminal;
        this.ticker = new Thread(this::tick, "simlab-progress");
        ticker.setDaemon(true);
        ticker.start();
    }

    @Override
    public void episode(EpisodeRecord r) {
        lastReturn = r.episodeReturn();
        if (bySteps) {
            synchronized (perRunSteps) {
                long delta = r.envSteps() - perRunSteps[r.run()];
                perRunSteps[r.run()] = r.envSteps();
                done.addAndGet(delta);
            }
        } else {
            done.incrementAndGet();
        }
    }

    @Override
    public void runFinished(RunResult r) {
        if (bySteps) {
            synchronized (perRunSteps) {
                double counted = r.figures().containsKey("env_steps") ? r.figure("env_steps") : r.figure("iterations");
                long steps = Double.isNaN(counted) ? 0 : (long) counted;
                long delta = Math.max(0, steps - perRunSteps[r.run()]);
                perRunSteps[r.run()] = steps;
                done.addAndGet(delta);
            }
        }
    }

    private void tick() {
        while (!closed) {
            draw(false);
            try {
                Thread.sleep(terminal ? 200 : 1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void draw(boolean last) {
        long d = Math.min(done.get(), total);
        double frac = total == 0 ? 1 : d / (double) total;
        double secs = (System.nanoTime() - startNanos) / 1e9;
        String eta = frac > 0 && frac < 1 ? String.format(Locale.ROOT, " eta %.0fs", secs * (1 - frac) / frac) : "";
        String ret = Double.isNaN(lastReturn) ? "" : String.format(Locale.ROOT, "  last return %.1f", lastReturn);
        String unit = bySteps ? stepUnit : "episodes";
        if (terminal) {
            int width = 30;
            int filled = (int) Math.round(frac * width);
            err.printf(Locale.ROOT, "\r[%s%s] %3.0f%% %d/%d %s %.1fs%s%s   ", "#".repeat(filled), "-".repeat(width - filled),
                    frac * 100, d, total, unit, secs, eta, ret);
            if (last) err.println();
            err.flush();
        } else {
            int decile = (int) Math.floor(frac * 10);
            if (decile > lastDecile || last) {
                if (decile == lastDecile && last) return;
                lastDecile = decile;
                err.printf(Locale.ROOT, "progress %3.0f%% %d/%d %s %.1fs%s%n", frac * 100, d, total, unit, secs, ret);
                err.flush();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        ticker.interrupt();
        draw(true);
    }
}
