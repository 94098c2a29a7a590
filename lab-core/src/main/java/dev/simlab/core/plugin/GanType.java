package dev.simlab.core.plugin;

import dev.simlab.core.gan.Gan;
import dev.simlab.core.gan.GanContext;
import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.param.Params;

/** One GAN model a plugin offers ({@code gan.id} in scenarios). */
public record GanType(String id, String description, ParamSchema params, Factory factory) {
    @FunctionalInterface
    public interface Factory {
        Gan create(GanContext context, Params params);
    }
}
