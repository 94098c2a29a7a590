package dev.simlab.core.gan;

import dev.simlab.core.data.Dataset;
import dev.simlab.core.rng.Rng;

/** What a GAN factory is given: the real data and its own generator split from the run seed. */
public record GanContext(Dataset dataset, Rng rng) {}
