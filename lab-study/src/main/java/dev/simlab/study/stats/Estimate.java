package dev.simlab.study.stats;

/**
 * A statistic with its confidence interval: {@code value} is the statistic on the scores as
 * measured, {@code [ciLow, ciHigh]} the bootstrap interval around it. A percentile interval need
 * not be centred on the value, and on odd data it may even exclude it.
 */
public record Estimate(double value, double ciLow, double ciHigh) {
    public Estimate {
        // NaN would slip past "low <= high" and poison every comparison in a report.
        if (Double.isNaN(value) || Double.isNaN(ciLow) || Double.isNaN(ciHigh)) {
            throw new IllegalArgumentException("estimate has NaN: " + value + " [" + ciLow + ", " + ciHigh + "]");
        }
        if (ciLow > ciHigh) {
            throw new IllegalArgumentException("interval is reversed: [" + ciLow + ", " + ciHigh + "]");
        }
    }

    /** {@code ciHigh - ciLow}: how uncertain the value is (0 when every replicate agreed). */
    public double width() {
        return ciHigh - ciLow;
    }

    /** Whether {@code x} lies in the closed interval {@code [ciLow, ciHigh]}. */
    public boolean contains(double x) {
        return ciLow <= x && x <= ciHigh;
    }
}
