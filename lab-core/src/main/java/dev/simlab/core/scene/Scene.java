package dev.simlab.core.scene;

import java.util.List;

/**
 * One immutable, renderer-neutral frame: what to draw and where the camera should look. The
 * viewer takes the latest scene at its own frame rate; training never waits for it.
 *
 * @param shapes primitives in world coordinates
 * @param focus the point a follow camera tracks (the agent, the ego vehicle)
 * @param extent rough size of the world in metres, for framing the default camera
 * @param hud extra named numbers a plugin adds to the heads-up display (the run's own fields come from {@code model})
 * @param model what the run loop says about the run at this moment (episode, returns, losses…), or null
 */
public record Scene(List<Shape> shapes, float[] focus, float extent, List<HudItem> hud, HudModel model) {
    public record HudItem(String name, double value) {}

    public Scene(List<Shape> shapes, float[] focus, float extent, List<HudItem> hud) {
        this(shapes, focus, extent, hud, null);
    }

    /** Shapes carrying the given tag. */
    public List<Shape> tagged(String tag) {
        return shapes.stream().filter(s -> s.tag().equals(tag)).toList();
    }
}
