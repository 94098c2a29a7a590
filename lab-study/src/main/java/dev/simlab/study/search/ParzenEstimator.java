package dev.simlab.study.search;

import dev.simlab.core.rng.Rng;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * One parameter's Parzen estimator in TPE: a weighted mixture with one kernel per observation plus
 * a prior kernel, as Optuna's {@code _ParzenEstimator} builds it (prior weight 1.0, magic clip on,
 * endpoints not considered). Values are in the internal representation: a choice's index, a range's
 * number (its log with {@code log}).
 */
sealed interface ParzenEstimator permits ParzenEstimator.Numeric, ParzenEstimator.Categorical {
    double PRIOR_WEIGHT = 1.0;

    /** A draw, in the internal representation. */
    double sample(Rng rng);

    /** log of the density (mass for ints and choices) at x. */
    double logPdf(double x);

    /**
     * Optuna's default_weights: equal for up to 25 observations; beyond that the oldest (by trial
     * number) ramp up linearly from 1/n, so that early random trials count less than the last 25.
     */
    static double[] defaultWeights(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        int ramp = n - 25;
        if (ramp > 0) {
            for (int i = 0; i < ramp; i++) {
                w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1);
            }
        }
        return w;
    }

    /** The mixture's weights: the observations' and the prior's, normalised; the prior alone when empty. */
    private static double[] mixtureWeights(double[] observationWeights) {
        if (observationWeights.length == 0) return new double[] {1.0};
        double[] w = Arrays.copyOf(observationWeights, observationWeights.length + 1);
        w[w.length - 1] = PRIOR_WEIGHT;
        double sum = Arrays.stream(w).sum();
        for (int i = 0; i < w.length; i++) w[i] /= sum;
        return w;
    }

    private static int pick(Rng rng, double[] probabilities) {
        double u = rng.nextDouble();
        double c = 0;
        for (int i = 0; i < probabilities.length - 1; i++) {
            c += probabilities[i];
            if (u < c) return i;
        }
        return probabilities.length - 1;
    }

    private static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) max = Math.max(max, x);
        if (max == Double.NEGATIVE_INFINITY) return max;
        double s = 0;
        for (double x : v) s += Math.exp(x - max);
        return max + Math.log(s);
    }

    /**
     * Truncated Gaussians over a range. Bandwidths follow Optuna: each kernel's sigma is the larger
     * gap to its sorted neighbours (the range's ends count as neighbours, except that the outermost
     * kernels look inwards only), clipped to [(high - low) / min(100, n + 2), high - low]; the prior
     * sits at the centre with sigma = high - low. Ints widen the range by 1/2 on each side and
     * weigh each integer by the mass of its rounding cell.
     */
    record Numeric(double[] mus, double[] sigmas, double[] logWeights, double[] logMasses,
                   double low, double high, double lo, double hi, boolean log, boolean discrete)
            implements ParzenEstimator {

        /**
         * @param observations values in the range (not log-transformed)
         * @param observationWeights one per observation
         */
        static Numeric of(double[] observations, double[] observationWeights, double low, double high, boolean log, boolean discrete) {
            double lo = discrete ? low - 0.5 : low;
            double hi = discrete ? high + 0.5 : high;
            if (log) {
                lo = Math.log(lo);
                hi = Math.log(hi);
            }
            int n = observations.length;
            double[] mus = new double[n + 1];
            for (int i = 0; i < n; i++) mus[i] = log ? Math.log(observations[i]) : observations[i];
            double[] sigmas = new double[n + 1];
            System.arraycopy(bandwidths(Arrays.copyOf(mus, n), lo, hi), 0, sigmas, 0, n);
            mus[n] = 0.5 * (lo + hi);
            sigmas[n] = hi - lo;

            double[] w = mixtureWeights(observationWeights);
            int k = w.length; // n + 1, or 1 (the prior alone) when there are no observations
            double[] kMus = Arrays.copyOfRange(mus, n + 1 - k, n + 1);
            double[] kSigmas = Arrays.copyOfRange(sigmas, n + 1 - k, n + 1);
            double[] logW = new double[k];
            double[] logMasses = new double[k];
            for (int i = 0; i < k; i++) {
                logW[i] = Math.log(w[i]);
                logMasses[i] = TruncatedGaussian.logMass((lo - kMus[i]) / kSigmas[i], (hi - kMus[i]) / kSigmas[i]);
            }
            return new Numeric(kMus, kSigmas, logW, logMasses, low, high, lo, hi, log, discrete);
        }

        private static double[] bandwidths(double[] mus, double lo, double hi) {
            int n = mus.length;
            // Sorted by value then index: tied observations get their sigmas in a fixed order.
            Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.<Integer>comparingDouble(i -> mus[i])
                    .thenComparingInt(i -> i)).toArray(Integer[]::new);
            double[] s = new double[n + 2];
            s[0] = lo;
            for (int i = 0; i < n; i++) s[i + 1] = mus[order[i]];
            s[n + 1] = hi;
            double[] sorted = new double[n];
            for (int i = 0; i < n; i++) sorted[i] = Math.max(s[i + 1] - s[i], s[i + 2] - s[i + 1]);
            if (n >= 2) {
                // consider_endpoints=False: the outermost kernels ignore the gap to the range's end.
                sorted[0] = s[2] - s[1];
                sorted[n - 1] = s[n] - s[n - 1];
            }
            double maxSigma = hi - lo;
            double minSigma = (hi - lo) / Math.min(100.0, 1.0 + (n + 1));
            double[] sigmas = new double[n];
            for (int i = 0; i < n; i++) sigmas[order[i]] = Math.min(maxSigma, Math.max(minSigma, sorted[i]));
            return sigmas;
        }

        @Override
        public double sample(Rng rng) {
            int k = pick(rng, probabilities());
            double x = TruncatedGaussian.sample(rng, mus[k], sigmas[k], lo, hi);
            if (log) x = Math.exp(x);
            if (discrete) return Math.max(low, Math.min(high, Math.rint(x)));
            return Math.max(low, Math.min(high, x));
        }

        private double[] probabilities() {
            double[] p = new double[logWeights.length];
            for (int i = 0; i < p.length; i++) p[i] = Math.exp(logWeights[i]);
            return p;
        }

        @Override
        public double logPdf(double x) {
            double[] terms = new double[mus.length];
            if (discrete) {
                double left = log ? Math.log(x - 0.5) : x - 0.5;
                double right = log ? Math.log(x + 0.5) : x + 0.5;
                for (int k = 0; k < mus.length; k++) {
                    terms[k] = logWeights[k] - logMasses[k]
                            + TruncatedGaussian.logMass((left - mus[k]) / sigmas[k], (right - mus[k]) / sigmas[k]);
                }
            } else {
                double t = log ? Math.log(x) : x;
                for (int k = 0; k < mus.length; k++) {
                    terms[k] = logWeights[k] + TruncatedGaussian.logPdf(t, mus[k], sigmas[k], logMasses[k]);
                }
            }
            return logSumExp(terms);
        }
    }

    /**
     * Smoothed counts over a choice's values: each observation's kernel puts weight 1 on its value
     * plus prior/(n + 1) on every value; the prior kernel is uniform.
     */
    record Categorical(double[][] kernels, double[] weights) implements ParzenEstimator {

        static Categorical of(int[] observations, double[] observationWeights, int choices) {
            int n = observations.length;
            if (n == 0) {
                double[] uniform = new double[choices];
                Arrays.fill(uniform, 1.0 / choices);
                return new Categorical(new double[][] {uniform}, new double[] {1.0});
            }
            double[][] kernels = new double[n + 1][choices];
            for (double[] row : kernels) Arrays.fill(row, PRIOR_WEIGHT / (n + 1));
            for (int i = 0; i < n; i++) kernels[i][observations[i]] += 1;
            for (double[] row : kernels) {
                double sum = Arrays.stream(row).sum();
                for (int c = 0; c < choices; c++) row[c] /= sum;
            }
            return new Categorical(kernels, mixtureWeights(observationWeights));
        }

        @Override
        public double sample(Rng rng) {
            return pick(rng, kernels[pick(rng, weights)]);
        }

        @Override
        public double logPdf(double x) {
            int c = (int) x;
            double p = 0;
            for (int k = 0; k < kernels.length; k++) p += weights[k] * kernels[k][c];
            return Math.log(p);
        }
    }
}
