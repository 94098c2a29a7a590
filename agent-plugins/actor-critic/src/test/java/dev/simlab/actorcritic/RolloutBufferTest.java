package dev.simlab.actorcritic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.rng.Rng;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutBufferTest {
    static final boolean F = false, T = true;

    /**
     * Two copies, four steps, gamma 0.5, lambda 0.5. Copy 0 terminates at step 1 and is truncated
     * at step 3 (V of its final observation 4); copy 1 never ends, and the next rollout starts
     * where V = 10.
     */
    static RolloutBuffer handWorked() {
        RolloutBuffer b = new RolloutBuffer(4, 2, 1, 1);
        double[][] rewards = {{1, 0}, {2, 0}, {3, 0}, {4, 1}};
        float[][] values = {{0.5f, 1}, {1.0f, 1}, {1.5f, 1}, {2.0f, 1}};
        boolean[][] term = {{F, F}, {T, F}, {F, F}, {F, F}};
        boolean[][] trunc = {{F, F}, {F, F}, {F, F}, {T, F}};
        float[][] finals = {null, null, null, {4, 0}};
        for (int t = 0; t < 4; t++) {
            b.add(new float[] {t, 10 + t}, new float[] {0, 1}, rewards[t], term[t], trunc[t], values[t], new float[] {-0.7f, -0.7f}, finals[t]);
        }
        return b;
    }

    @Test
    void gaeMatchesTheHandWorkedRollout() {
        RolloutBuffer b = handWorked();
        assertThat(b.full()).isTrue();
        b.computeReturnsAndAdvantages(new float[] {99, 10}, 0.5, 0.5);
        // copy 0 (gamma*lambda = 0.25), backwards:
        //   t=3 truncated: delta = 4 + 0.5*4 - 2   = 4    A = 4                  (the 99 after it is another episode's)
        //   t=2:           delta = 3 + 0.5*2 - 1.5 = 2.5  A = 2.5 + 0.25*4 = 3.5
        //   t=1 terminal:  delta = 2 + 0     - 1   = 1    A = 1
        //   t=0:           delta = 1 + 0.5*1 - 0.5 = 1    A = 1 + 0.25*1   = 1.25
        // copy 1 (next rollout's V = 10):
        //   t=3: delta = 1 + 0.5*10 - 1 = 5     A = 5
        //   t=2: delta = 0 + 0.5*1  - 1 = -0.5  A = -0.5 + 0.25*5       = 0.75
        //   t=1:                         -0.5  A = -0.5 + 0.25*0.75    = -0.3125
        //   t=0:                         -0.5  A = -0.5 + 0.25*-0.3125 = -0.578125
        // entries are step-major: index t * 2 + copy
        assertThat(b.advantages()).containsExactly(1.25f, -0.578125f, 1f, -0.3125f, 3.5f, 0.75f, 4f, 5f);
        assertThat(b.returns()).as("advantage + V").containsExactly(1.75f, 0.421875f, 2f, 0.6875f, 5f, 1.75f, 6f, 6f);
    }

    @Test
    void lambdaOneGivesDiscountedReturnsAndLambdaZeroOneStepTargets() {
        RolloutBuffer b = handWorked();
        b.computeReturnsAndAdvantages(new float[] {99, 10}, 0.5, 1.0);
        // copy 0: Monte Carlo within each episode, bootstrapping only where it was cut off
        //   R3 = 4 + 0.5*4 = 6, R2 = 3 + 0.5*6 = 6, R1 = 2, R0 = 1 + 0.5*2 = 2
        assertThat(new float[] {b.returns()[0], b.returns()[2], b.returns()[4], b.returns()[6]}).containsExactly(2f, 2f, 6f, 6f);
        // copy 1: R3 = 1 + 0.5*10 = 6, R2 = 3, R1 = 1.5, R0 = 0.75
        assertThat(new float[] {b.returns()[1], b.returns()[3], b.returns()[5], b.returns()[7]}).containsExactly(0.75f, 1.5f, 3f, 6f);

        b.computeReturnsAndAdvantages(new float[] {99, 10}, 0.5, 0.0);
        // TD(0): A_t = delta_t
        assertThat(b.advantages()).containsExactly(1f, -0.5f, 1f, -0.5f, 2.5f, -0.5f, 4f, 5f);
    }

    @Test
    void aStepBothTerminatedAndTruncatedDoesNotBootstrap() {
        RolloutBuffer b = new RolloutBuffer(1, 1, 1, 1);
        b.add(new float[] {0}, new float[] {0}, new double[] {1}, new boolean[] {T}, new boolean[] {T}, new float[] {0.5f}, new float[] {0},
                new float[] {100});
        b.computeReturnsAndAdvantages(new float[] {100}, 0.9, 0.95);
        assertThat(b.returns()).containsExactly(1f);
    }

    @Test
    void itKeepsWhatWasAddedAndRefusesMisuse() {
        RolloutBuffer b = handWorked();
        assertThat(b.observations()).containsExactly(0, 10, 1, 11, 2, 12, 3, 13);
        assertThat(b.values()).containsExactly(0.5f, 1, 1, 1, 1.5f, 1, 2, 1);
        assertThatThrownBy(b::advantages).isInstanceOf(IllegalStateException.class).hasMessageContaining("computeReturnsAndAdvantages");
        assertThatThrownBy(() -> b.add(new float[2], new float[2], new double[2], new boolean[2], new boolean[2], new float[2], new float[2], null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("full");
        b.reset();
        assertThat(b.full()).isFalse();
        assertThatThrownBy(() -> b.computeReturnsAndAdvantages(new float[2], 0.9, 0.9)).hasMessageContaining("0 of 4 steps");
    }

    @Test
    void minibatchOrderIsASeededPermutationOfEveryEntry() {
        RolloutBuffer b = handWorked();
        b.computeReturnsAndAdvantages(new float[] {0, 0}, 0.99, 0.95);
        int[] first = b.shuffled(new Rng(4)).clone();
        assertThat(Arrays.stream(first).sorted().toArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(b.shuffled(new Rng(4))).containsExactly(first);
        Rng rng = new Rng(4);
        b.shuffled(rng);
        assertThat(b.shuffled(rng)).as("the next epoch draws another order").isNotEqualTo(first);
    }

    @Test
    void aRolloutInProgressCheckpointsExactly(@TempDir Path dir) throws Exception {
        RolloutBuffer a = new RolloutBuffer(4, 2, 1, 1);
        RolloutBuffer whole = handWorked();
        // the first two steps of the hand-worked rollout, then a checkpoint
        a.add(new float[] {0, 10}, new float[] {0, 1}, new double[] {1, 0}, new boolean[] {F, F}, new boolean[] {F, F}, new float[] {0.5f, 1},
                new float[] {-0.7f, -0.7f}, null);
        a.add(new float[] {1, 11}, new float[] {0, 1}, new double[] {2, 0}, new boolean[] {T, F}, new boolean[] {F, F}, new float[] {1, 1},
                new float[] {-0.7f, -0.7f}, null);
        Path file = dir.resolve("r.ckpt");
        try (CheckpointWriter w = new CheckpointWriter(file)) {
            a.save(w, "agent.rollout.");
        }
        RolloutBuffer back = new RolloutBuffer(4, 2, 1, 1);
        back.restore(new CheckpointReader(file), "agent.rollout.");
        back.add(new float[] {2, 12}, new float[] {0, 1}, new double[] {3, 0}, new boolean[] {F, F}, new boolean[] {F, F}, new float[] {1.5f, 1},
                new float[] {-0.7f, -0.7f}, null);
        back.add(new float[] {3, 13}, new float[] {0, 1}, new double[] {4, 1}, new boolean[] {F, F}, new boolean[] {T, F}, new float[] {2, 1},
                new float[] {-0.7f, -0.7f}, new float[] {4, 0});
        back.computeReturnsAndAdvantages(new float[] {99, 10}, 0.5, 0.5);
        whole.computeReturnsAndAdvantages(new float[] {99, 10}, 0.5, 0.5);
        assertThat(back.advantages()).containsExactly(whole.advantages());
        assertThat(back.observations()).containsExactly(whole.observations());
        assertThatThrownBy(() -> new RolloutBuffer(8, 2, 1, 1).restore(new CheckpointReader(file), "agent.rollout."))
                .hasMessageContaining("another size");
    }
}
