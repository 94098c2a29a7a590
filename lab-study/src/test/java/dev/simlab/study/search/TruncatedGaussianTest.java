package dev.simlab.study.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class TruncatedGaussianTest {

    @Test
    void erfcMatchesReferenceValues() {
        // Python's math.erfc (the C library's).
        double[][] cases = {
            {-3, 1.9999779095030015}, {-1.3, 1.9340079449406524}, {-0.5, 1.5204998778130465}, {0, 1.0},
            {0.1, 0.8875370839817152}, {0.3, 0.6713732405408726}, {0.9, 0.20309178757716786},
            {1.2, 0.08968602177036465}, {2, 0.004677734981047265}, {3, 2.2090496998585438e-05},
            {5, 1.5374597944280351e-12}, {10, 2.088487583762545e-45},
        };
        for (double[] c : cases) assertThat(TruncatedGaussian.erfc(c[0])).isCloseTo(c[1], Percentage.withPercentage(1e-12));
    }

    @Test
    void massesStayFiniteFarInTheTails() {
        assertThat(TruncatedGaussian.logMass(-1, 1)).isCloseTo(Math.log(0.6826894921370859), within(1e-14));
        assertThat(TruncatedGaussian.logMass(-40, -39)).isCloseTo(-765.0831565643775, within(1e-6));
        assertThat(TruncatedGaussian.logMass(39, 40)).isCloseTo(-765.0831565643775, within(1e-6));
        assertThat(TruncatedGaussian.logMass(-30, 30)).isCloseTo(0.0, within(1e-15)).isLessThan(0.0);
        assertThat(TruncatedGaussian.logNdtr(-10)).isCloseTo(Math.log(7.619853024160527e-24), within(1e-9));
    }
}
