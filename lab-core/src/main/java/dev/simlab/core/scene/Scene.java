package dev.simlab.core.scene;

import java.util.List;

/**
 * One immutable, renderer-neutral frame: what to draw and where the camera should look. The
 * viewer takes the latest scene at its own frame rate; training never waits for it.
 *
 * @param shapes primitives in world coordinates
 * @param focus the point a follow camera tracks (the agent, the ego vehicle)
 * @param extent rough size of the world in metres, for framing the default camera
 * @param hud named numbers for the heads-up display (episode, return, ε…)
 */
public record Scene(List<Shape> shapes, float[] focus, float extent, List<HudItem> hud) {
    public record HudItem(String name, double value) {}

    /** Shapes carrying the given tag. */
    public List<Shape> tagged(String tag) {
        return shapes.stream().filter(s -> s.tag().equals(tag)).toList();
    }
}
