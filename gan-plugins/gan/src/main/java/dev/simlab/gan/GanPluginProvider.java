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
                + "critic steps, generator EMA", GanHyperparameters.SCHEMA, (context, params) -> new DeepGan(context, GanHyperparameters.from(params))));
    }
}
