package dev.simlab.gan;

import dev.simlab.core.param.Param;
import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.param.Params;
import dev.simlab.nn.NetworkSpec;
import java.util.List;

/** The GAN's hyperparameters with their defaults (PacGAN's 2D setup where it has one), one line of help each. */
record GanHyperparameters(String loss, NetworkSpec generator, NetworkSpec discriminator, int noiseDim, int batchSize, int criticSteps,
                          int pack, double gpWeight, double gpEpsilon, double ema, double beta1, double beta2, boolean standardize, double r1, int lrHalfLife, int keepBest,
                          boolean conditional, double truncation, double drsPercentile) {

    static final NetworkSpec DEFAULT_G = new NetworkSpec(List.of(400, 400, 400, 400), "relu", "adam", 1e-4, 0.9, "he", 0);
    static final NetworkSpec DEFAULT_D = new NetworkSpec(List.of(200, 200, 200), "leaky_relu", "adam", 1e-4, 0.9, "he", 0);

    static final ParamSchema SCHEMA = ParamSchema.of(
            Param.choice("loss", "minimax", List.of("minimax", "wgan-gp", "lsgan", "hinge"),
                    "adversarial objective: non-saturating minimax, WGAN with gradient penalty, least squares, hinge"),
            Param.tree("generator", DEFAULT_G.toMap(), "generator network (lab-nn spec): conv (images only), hidden, activation, optimizer, learning_rate, ..."),
            Param.tree("discriminator", DEFAULT_D.toMap(), "discriminator/critic network (lab-nn spec, conv for images with pack 1); its output is one logit per (packed) input"),
            Param.integer("noise_dim", 2, 1, 4096, "dimension of the generator's Gaussian noise z"),
            Param.integer("batch_size", 100, 1, 65_536, "discriminator inputs per step (each packs `pack` samples)"),
            Param.integer("critic_steps", 1, 1, 100, "discriminator/critic steps per generator step"),
            Param.integer("pack", 1, 1, 16, "PacGAN packing: samples concatenated into one discriminator input"),
            Param.real("gp_weight", 10, 0, 1e6, "wgan-gp: weight λ of the gradient penalty (‖∇D(x̂)‖ − 1)²"),
            Param.real("gp_epsilon", 1e-2, 1e-6, 1, "wgan-gp and r1: step of the central difference that differentiates the gradient penalty"),
            Param.real("ema", 0, 0, 0.99999, "decay of an exponential moving average of the generator's weights used to generate (0: off)"),
            Param.real("beta1", 0.5, 0, 0.99999, "Adam's β1 for both networks (GANs usually use 0.5)"),
            Param.real("beta2", 0.999, 0, 0.99999999, "Adam's β2 for both networks"),
            Param.bool("standardize", false, "vector data: the networks see each coordinate shifted and scaled to mean 0 and "
                    + "standard deviation 1 (statistics of 100,000 dataset samples); generated samples are scaled back"),
            Param.real("r1", 0, 0, 1e6, "weight γ of the R1 penalty (γ/2)‖∇D(x)‖² on real inputs (Mescheder et al., 2018); "
                    + "not with wgan-gp, which has its own (0: off)"),
            Param.integer("lr_half_life", 0, 0, 1_000_000_000, "Adam's learning rates (both networks) halve every this many iterations (0: constant)"),
            Param.integer("keep_best", 0, 0, 1_000_000_000, "mixtures: every this many iterations score the generator on 2,500 samples of its own "
                    + "noise stream (not evaluation's) and keep the best (most modes, then most high quality); the run ends on the kept one (0: off)"),
            Param.bool("conditional", false, "class-conditional generation (labelled images): G reads the class with its noise, D has a projection head; "
                    + "samples are generated for requested classes, scored by how often the classifier reads them"),
            Param.real("truncation", 0, 0, 100, "generating only (evaluation, sample grids, the viewer; never training): noise coordinates "
                    + "beyond ±truncation are drawn again (BigGAN's truncation trick: more typical samples, less variety; 0: off, else at least 0.25)"),
            Param.real("drs_percentile", 0, 0, 99.9, "generating for evaluation and samples only (never training, not the viewer): discriminator "
                    + "rejection sampling (Azadi et al., 2019; StudioGAN's default 80): a sample is kept with probability σ(F − γ), F from D's logit, "
                    + "γ this percentile of F over 10,000 burn-in samples (higher: stricter; minimax loss, unconditional; 0: off)"));

    static GanHyperparameters from(Params p) {
        return new GanHyperparameters(p.string("loss"),
                NetworkSpec.parse(p.tree("generator"), DEFAULT_G, "gan.generator"),
                NetworkSpec.parse(p.tree("discriminator"), DEFAULT_D, "gan.discriminator"),
                p.integer("noise_dim"), p.integer("batch_size"), p.integer("critic_steps"), p.integer("pack"),
                p.real("gp_weight"), p.real("gp_epsilon"), p.real("ema"), p.real("beta1"), p.real("beta2"), p.bool("standardize"), p.real("r1"), (int) p.integer("lr_half_life"),
                (int) p.integer("keep_best"), p.bool("conditional"), p.real("truncation"), p.real("drs_percentile"));
    }
}
