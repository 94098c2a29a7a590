package dev.simlab.gan;

import dev.simlab.core.plugin.GanProvider;
import dev.simlab.core.plugin.GanType;
import java.util.List;
import org.pf4j.Extension;

@Extension
public class GanPluginProvider implements GanProvider {
    @Override
    public List<GanType> gans() {
        return List.of(new GanType("gan", "GAN on DL4J MLPs: non-saturating minimax, WGAN-GP, least squares or hinge loss; PacGAN packing, "
                + "critic steps, generator EMA", GanHyperparameters.SCHEMA, (context, params) -> new DeepGan(context, GanHyperparameters.from(params))),
                new GanType("inpaint", "image inpainting: an MLP generator fills a hole (a centre square or random blocks) with an L1 loss "
                        + "plus an optional adversarial one (context encoders); PSNR/SSIM in the hole on held-out images against the mean-image "
                        + "and nearest-training-image baselines", RepairGan.INPAINT_SCHEMA,
                        (context, params) -> new RepairGan(RepairGan.Task.INPAINT, context, params)),
                new GanType("superres", "super-resolution: an MLP generator upsamples images shrunk by `factor` with an L1 loss (SRResNet) "
                        + "plus an optional adversarial one (SRGAN); PSNR/SSIM on held-out images against bicubic upsampling",
                        RepairGan.SUPERRES_SCHEMA, (context, params) -> new RepairGan(RepairGan.Task.SUPERRES, context, params)));
    }
}
