package dev.simlab.core.scene;

import java.util.ArrayList;
import java.util.List;

/** Collects shapes for one frame; {@link #build()} freezes them into a {@link Scene}. */
public final class SceneBuilder {
    private final List<Shape> shapes = new ArrayList<>();
    private final List<Scene.HudItem> hud = new ArrayList<>();
    private float[] focus = {0, 0, 0};
    private float extent = 10;
    private HudModel model;

    public SceneBuilder add(Shape shape) {
        shapes.add(shape);
        return this;
    }

    public SceneBuilder focus(float x, float y, float z) {
        focus = new float[] {x, y, z};
        return this;
    }

    public SceneBuilder extent(float metres) {
        extent = metres;
        return this;
    }

    public SceneBuilder hud(String name, double value) {
        hud.add(new Scene.HudItem(name, value));
        return this;
    }

    /** The run's own HUD fields; set by the run loop, not by envs or GANs. */
    public SceneBuilder model(HudModel model) {
        this.model = model;
        return this;
    }

    public Scene build() {
        return new Scene(List.copyOf(shapes), focus.clone(), extent, List.copyOf(hud), model);
    }
}
