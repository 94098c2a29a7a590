package dev.simlab.gan;

/**
 * The adversarial objectives on the discriminator's logits d, as per-example losses and their
 * derivatives dℓ/dd. The discriminator minimises ℓ_real(d(x)) + ℓ_fake(d(G(z))), the generator
 * ℓ_gen(d(G(z))).
 * <ul>
 * <li>{@code minimax}: the non-saturating GAN of Goodfellow et al. (2014): D: softplus(−d_r) + softplus(d_f), G: softplus(−d_f)</li>
 * <li>{@code lsgan}: least squares (Mao et al., 2017, a=0, b=c=1): D: ½(d_r−1)² + ½d_f², G: ½(d_f−1)²</li>
 * <li>{@code hinge}: (Lim &amp; Ye, 2017; Miyato et al., 2018): D: max(0, 1−d_r) + max(0, 1+d_f), G: −d_f</li>
 * <li>{@code wgan-gp}: (Gulrajani et al., 2017): D: d_f − d_r (+ gradient penalty, see {@link DeepGan}), G: −d_f</li>
 * </ul>
 */
enum GanLoss {
    MINIMAX, LSGAN, HINGE, WGAN_GP;

    static GanLoss of(String id) {
        return switch (id) {
            case "lsgan" -> LSGAN;
            case "hinge" -> HINGE;
            case "wgan-gp" -> WGAN_GP;
            default -> MINIMAX;
        };
    }

    double real(double d) {
        return switch (this) {
            case MINIMAX -> softplus(-d);
            case LSGAN -> 0.5 * (d - 1) * (d - 1);
            case HINGE -> Math.max(0, 1 - d);
            case WGAN_GP -> -d;
        };
    }

    double realGrad(double d) {
        return switch (this) {
            case MINIMAX -> sigmoid(d) - 1;
            case LSGAN -> d - 1;
            case HINGE -> d < 1 ? -1 : 0;
            case WGAN_GP -> -1;
        };
    }

    double fake(double d) {
        return switch (this) {
            case MINIMAX -> softplus(d);
            case LSGAN -> 0.5 * d * d;
            case HINGE -> Math.max(0, 1 + d);
            case WGAN_GP -> d;
        };
    }

    double fakeGrad(double d) {
        return switch (this) {
            case MINIMAX -> sigmoid(d);
            case LSGAN -> d;
            case HINGE -> d > -1 ? 1 : 0;
            case WGAN_GP -> 1;
        };
    }

    double gen(double d) {
        return switch (this) {
            case MINIMAX -> softplus(-d);
            case LSGAN -> 0.5 * (d - 1) * (d - 1);
            case HINGE, WGAN_GP -> -d;
        };
    }

    double genGrad(double d) {
        return switch (this) {
            case MINIMAX -> sigmoid(d) - 1;
            case LSGAN -> d - 1;
            case HINGE, WGAN_GP -> -1;
        };
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** log(1 + e^x) without overflow. */
    static double softplus(double x) {
        return x > 30 ? x : Math.log1p(Math.exp(x));
    }
}
