package dev.simlab.core.scenario;

import java.util.List;
import java.util.Map;

/** A GAN and its dataset: trained by {@code run.iterations}, scored on generated samples. */
public record GanScenario(String name, String description, String source, GanSpec gan, DatasetSpec dataset, RunPlan run, GanPlan plan,
                          Map<String, Object> resolved) implements Scenario {
    @Override
    public List<Part> parts() {
        return List.of(new Part("dataset", dataset.type().id(), dataset.origin()), new Part("gan", gan.type().id(), gan.origin()));
    }

    @Override
    public String budget() {
        return plan.iterations() + " iterations";
    }

    @Override
    public boolean usesNeuralNetworks() {
        return true;
    }
}
