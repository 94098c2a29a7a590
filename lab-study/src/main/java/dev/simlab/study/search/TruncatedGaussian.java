package dev.simlab.study.search;

import dev.simlab.core.rng.Rng;

/**
 * The Gaussian restricted to an interval, in log space where the tails need it: what TPE's Parzen
 * estimators are mixtures of. Java has no erfc, so this carries fdlibm's (the coefficients of
 * FreeBSD msun s_erf.c, Sun Microsystems 1993, freely redistributable), which is accurate to an ulp
 * or so; the tail series of {@link #logNdtr} follows SciPy's as Optuna's _truncnorm.py does.
 */
final class TruncatedGaussian {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private TruncatedGaussian() {}

    /**
     * A draw of mu + sigma z with z standard normal conditioned on [lo, hi]. By rejection: TPE's
     * kernels are centred inside their interval (a &le; 0 &le; b) and no wider than it (b - a &ge; 1), so a
     * draw is accepted with probability above 1/3.
     */
    static double sample(Rng rng, double mu, double sigma, double lo, double hi) {
        for (int i = 0; i < 10_000; i++) {
            double x = mu + sigma * rng.nextGaussian();
            if (x >= lo && x <= hi) return x;
        }
        // Unreachable for TPE's kernels; a kernel outside its interval gets its nearest end.
        return Math.min(hi, Math.max(lo, mu));
    }

    /** log of the density at x of N(mu, sigma) truncated to [lo, hi]; logMass is {@link #logMass} of the interval. */
    static double logPdf(double x, double mu, double sigma, double logMass) {
        double z = (x - mu) / sigma;
        return -0.5 * z * z - LOG_SQRT_2PI - Math.log(sigma) - logMass;
    }

    /** log P(a &le; Z &le; b) for a standard normal Z, a &le; b; accurate when both are far in one tail. */
    static double logMass(double a, double b) {
        if (b <= 0) return logDiff(logNdtr(b), logNdtr(a));
        if (a > 0) return logDiff(logNdtr(-a), logNdtr(-b));
        // Around the centre both tails are small: 1 - (tails) keeps the digits a difference would lose.
        return Math.log1p(-ndtr(a) - ndtr(-b));
    }

    private static double logDiff(double logP, double logQ) {
        return logP + Math.log1p(-Math.exp(logQ - logP));
    }

    /** The standard normal CDF. */
    static double ndtr(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    /** log of the standard normal CDF, finite far into the left tail (asymptotic series below -20). */
    static double logNdtr(double a) {
        if (a > 6) return -ndtr(-a); // log(1 - e) ~ -e
        if (a > -20) return Math.log(ndtr(a));
        double logLhs = -0.5 * a * a - Math.log(-a) - LOG_SQRT_2PI;
        double lastTotal = 0;
        double rhs = 1;
        double numerator = 1;
        double denomFactor = 1;
        double denomCons = 1 / (a * a);
        int sign = 1;
        int i = 0;
        while (Math.abs(lastTotal - rhs) > Math.ulp(1.0) && i < 100) {
            i++;
            lastTotal = rhs;
            sign = -sign;
            denomFactor *= denomCons;
            numerator *= 2 * i - 1;
            rhs += sign * numerator * denomFactor;
        }
        return logLhs + Math.log(rhs);
    }

    // fdlibm s_erf.c coefficients.
    private static final double ERX = 8.45062911510467529297e-01;
    private static final double PP0 = 1.28379167095512558561e-01, PP1 = -3.25042107247001499370e-01,
            PP2 = -2.84817495755985104766e-02, PP3 = -5.77027029648944159157e-03, PP4 = -2.37630166566501626084e-05;
    private static final double QQ1 = 3.97917223959155352819e-01, QQ2 = 6.50222499887672944485e-02,
            QQ3 = 5.08130628187576562776e-03, QQ4 = 1.32494738004321644526e-04, QQ5 = -3.96022827877536812320e-06;
    private static final double PA0 = -2.36211856075265944077e-03, PA1 = 4.14856118683748331666e-01,
            PA2 = -3.72207876035701323847e-01, PA3 = 3.18346619901161753674e-01, PA4 = -1.10894694282396677476e-01,
            PA5 = 3.54783043256182359371e-02, PA6 = -2.16637559486879084300e-03;
    private static final double QA1 = 1.06420880400844228286e-01, QA2 = 5.40397917702171048937e-01,
            QA3 = 7.18286544141962662868e-02, QA4 = 1.26171219808761642112e-01, QA5 = 1.36370839120290507362e-02,
            QA6 = 1.19844998467991074170e-02;
    private static final double RA0 = -9.86494403484714822705e-03, RA1 = -6.93858572707181764372e-01,
            RA2 = -1.05586262253232909814e01, RA3 = -6.23753324503260060396e01, RA4 = -1.62396669462573470355e02,
            RA5 = -1.84605092906711035994e02, RA6 = -8.12874355063065934246e01, RA7 = -9.81432934416914548592e00;
    private static final double SA1 = 1.96512716674392571292e01, SA2 = 1.37657754143519042600e02,
            SA3 = 4.34565877475229228821e02, SA4 = 6.45387271733267880336e02, SA5 = 4.29008140027567833386e02,
            SA6 = 1.08635005541779435134e02, SA7 = 6.57024977031928170135e00, SA8 = -6.04244152148580987438e-02;
    private static final double RB0 = -9.86494292470009928597e-03, RB1 = -7.99283237680523006574e-01,
            RB2 = -1.77579549177547519889e01, RB3 = -1.60636384855821916062e02, RB4 = -6.37566443368389627722e02,
            RB5 = -1.02509513161107724954e03, RB6 = -4.83519191608651397019e02;
    private static final double SB1 = 3.03380607434824582924e01, SB2 = 3.25792512996573918826e02,
            SB3 = 1.53672958608443695994e03, SB4 = 3.19985821950859553908e03, SB5 = 2.55305040643316442583e03,
            SB6 = 4.74528541206955367215e02, SB7 = -2.24409524465858183362e01;

    /** The complementary error function, fdlibm's erfc. */
    static double erfc(double x) {
        if (Double.isNaN(x)) return x;
        double ax = Math.abs(x);
        if (ax < 0.84375) {
            if (ax < 0x1p-56) return 1 - x;
            double z = x * x;
            double r = PP0 + z * (PP1 + z * (PP2 + z * (PP3 + z * PP4)));
            double s = 1 + z * (QQ1 + z * (QQ2 + z * (QQ3 + z * (QQ4 + z * QQ5))));
            double y = r / s;
            if (x < 0.25) return 1 - (x + x * y);
            return 0.5 - (x * y + (x - 0.5));
        }
        if (ax < 1.25) {
            double s = ax - 1;
            double p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
            double q = 1 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
            return x >= 0 ? 1 - ERX - p / q : 1 + (ERX + p / q);
        }
        if (ax < 28) {
            double s = 1 / (ax * ax);
            double r;
            double q;
            if (ax < 1 / 0.35) {
                r = RA0 + s * (RA1 + s * (RA2 + s * (RA3 + s * (RA4 + s * (RA5 + s * (RA6 + s * RA7))))));
                q = 1 + s * (SA1 + s * (SA2 + s * (SA3 + s * (SA4 + s * (SA5 + s * (SA6 + s * (SA7 + s * SA8)))))));
            } else {
                if (x < -6) return 2;
                r = RB0 + s * (RB1 + s * (RB2 + s * (RB3 + s * (RB4 + s * (RB5 + s * RB6)))));
                q = 1 + s * (SB1 + s * (SB2 + s * (SB3 + s * (SB4 + s * (SB5 + s * (SB6 + s * SB7))))));
            }
            // Splitting x into a 26-bit head keeps exp(-x^2) accurate (fdlibm's SET_LOW_WORD).
            double z = Double.longBitsToDouble(Double.doubleToRawLongBits(ax) & 0xffffffff00000000L);
            double e = Math.exp(-z * z - 0.5625) * Math.exp((z - ax) * (z + ax) + r / q);
            return x > 0 ? e / ax : 2 - e / ax;
        }
        return x > 0 ? 0 : 2;
    }
}
