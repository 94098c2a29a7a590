package dev.simlab.classiccontrol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.core.rng.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A uniformly random policy on CartPole: the episode-length distribution every Gymnasium user knows (about 22 ± 12 steps). */
class CartPoleRandomPolicyTest {
    static final int EPISODES = 5000;

    @Test
    void randomPolicyEpisodeLengthsMatchGymnasiums() {
        int[] ours = randomEpisodeLengths(EPISODES, 2024);
        double mean = Arrays.stream(ours).average().orElseThrow();
        double std = Math.sqrt(Arrays.stream(ours).mapToDouble(l -> (l - mean) * (l - mean)).sum() / (ours.length - 1));

        // Gymnasium's own random-action episodes, from the recorded transitions.
        int[] gym = ReferenceData.completedEpisodeLengths(ReferenceData.load("cartpole", 4)).stream().mapToInt(Integer::intValue).toArray();
        assertThat(gym.length).as("completed Gymnasium episodes in cartpole.csv").isGreaterThan(100);
        double gymMean = Arrays.stream(gym).average().orElseThrow();
        double gymStd = Math.sqrt(Arrays.stream(gym).mapToDouble(l -> (l - gymMean) * (l - gymMean)).sum() / (gym.length - 1));
        double standardError = Math.sqrt(std * std / ours.length + gymStd * gymStd / gym.length);
        System.out.printf("cartpole, random policy: SimLab %d episodes mean %.3f std %.3f; Gymnasium %d episodes mean %.3f std %.3f; KS distance %.4f%n",
                ours.length, mean, std, gym.length, gymMean, gymStd, ksDistance(ours, gym));

        // Known figures for random CartPole-v1: mean about 22.4, std about 12 (5,000 episodes: standard error 0.17).
        assertThat(mean).isBetween(21.5, 23.3);
        assertThat(std).isBetween(10.5, 13.5);
        // And the same distribution as Gymnasium's recorded episodes: means within 3 standard errors,
        // two-sample Kolmogorov-Smirnov distance below its 1% critical value.
        assertThat(Math.abs(mean - gymMean)).isLessThan(3 * standardError);
        double critical = 1.63 * Math.sqrt((double) (ours.length + gym.length) / ((double) ours.length * gym.length));
        assertThat(ksDistance(ours, gym)).isLessThan(critical);
        // No random episode is shorter than the pole can fall from a near-upright start.
        assertThat(Arrays.stream(ours).min().orElseThrow()).isGreaterThanOrEqualTo(Arrays.stream(gym).min().orElseThrow() - 2);
    }

    static int[] randomEpisodeLengths(int episodes, long seed) {
        CartPole env = new CartPole();
        Rng policy = new Rng(seed + 1);
        int[] lengths = new int[episodes];
        env.reset(seed);
        for (int e = 0; e < episodes; e++) {
            if (e > 0) env.reset();
            int t = 0;
            boolean done;
            do {
                done = env.step(policy.nextInt(2)).terminated();
                t++;
            } while (!done && t < ClassicControlProvider.CARTPOLE_LIMIT);
            lengths[e] = t;
        }
        return lengths;
    }

    /** Largest gap between the two empirical distribution functions. */
    static double ksDistance(int[] a, int[] b) {
        int[] x = a.clone();
        int[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        double d = 0;
        int i = 0, j = 0;
        while (i < x.length && j < y.length) {
            int v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] == v) i++;
            while (j < y.length && y[j] == v) j++;
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }

    @Test
    void episodeLengthsAreReproducible() {
        assertThat(randomEpisodeLengths(50, 7)).containsExactly(randomEpisodeLengths(50, 7));
        assertThat(randomEpisodeLengths(50, 7)).isNotEqualTo(randomEpisodeLengths(50, 8));
    }
}
