package dev.simlab.core.scene;

import java.util.Map;

/**
 * What the heads-up display says about the run a scene was built from, frozen with the scene so
 * the picture, the numbers and the sparkline are of one moment (a recorded frame of episode 1
 * shows episode 1's figures and an empty curve, not today's). One kind per run kind; the viewer
 * formats it, and tests read it without a window.
 */
public sealed interface HudModel permits HudModel.Rl, HudModel.Gan {
    /** The run's index (run k of the experiment). */
    int run();

    /** Rows of this run in {@code metrics.csv} when the scene was built: the sparkline draws exactly these. */
    long rows();

    /** True for a run's last scene: training is over and the scene shows what was learned. */
    boolean done();

    /**
     * An RL run (or a replay: {@code greedy}).
     *
     * @param episode the episode in progress, numbered as its {@code metrics.csv} row will be (when
     *     {@code done}: the last finished one)
     * @param episodeStep steps taken in that episode
     * @param envSteps env steps of the run so far ({@code metrics.csv}'s {@code env_steps})
     * @param episodeReturn return of the episode in progress
     * @param lastReturn return of the last finished episode (the {@code return} of row {@code rows}), NaN before any
     * @param figures the agent's figures by {@code metrics.csv} column: gauges (ε, gradient steps)
     *     read now, averaged ones (TD loss, mean Q) as the last row has them
     * @param evalReturnMean the last greedy evaluation's mean return, NaN before any
     * @param greedy a trained agent replayed greedily: it learns nothing
     */
    record Rl(int run, long rows, boolean done, long episode, long episodeStep, long envSteps, double episodeReturn,
              double lastReturn, Map<String, Double> figures, double evalReturnMean, boolean greedy) implements HudModel {
        public Rl {
            figures = Map.copyOf(figures);
        }
    }

    /**
     * A GAN run.
     *
     * @param iteration training iterations done
     * @param losses the last {@code metrics.csv} row's losses (means over the row's iterations)
     * @param scores the last evaluation's scores by column without the {@code eval_} prefix
     *     ({@code modes_covered}, {@code high_quality}, {@code kl}; images: classifier score, precision, recall)
     */
    record Gan(int run, long rows, boolean done, long iteration, Map<String, Double> losses, Map<String, Double> scores)
            implements HudModel {
        public Gan {
            losses = Map.copyOf(losses);
            scores = Map.copyOf(scores);
        }
    }
}
