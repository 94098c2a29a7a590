package dev.simlab.core.plugin;

import dev.simlab.core.data.Dataset;
import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.param.Params;

/** One dataset a plugin offers ({@code dataset.id} in scenarios). */
public record DatasetType(String id, String description, ParamSchema params, Factory factory) {
    @FunctionalInterface
    public interface Factory {
        Dataset create(Params params);
    }
}
