package dev.simlab.renderer;

import java.nio.file.Path;

/**
 * How a viewer window behaves.
 *
 * @param width window width in pixels
 * @param height window height in pixels
 * @param fps frame-rate cap (0: as fast as the GPU goes); the viewer never waits on training
 * @param frames close the window after this many frames (0: when the source is done or the user closes it)
 * @param screenshot PNG written at frame {@code frames}, or at the end without {@code frames}
 * @param recordDir where recorded episodes go (PNG frames and an animated GIF each), or null
 * @param keepOpen keep the window open after the source is done, until the user closes it
 * @param title window title
 * @param stepsPerSecond initial simulation speed (0: as fast as training goes)
 * @param camera the camera mode to start in
 * @param grid every run in its own viewport (up to {@link Viewer#GRID_MAX}) instead of one run at a time
 */
public record ViewerOptions(int width, int height, double fps, int frames, Path screenshot, Path recordDir,
                            boolean keepOpen, String title, double stepsPerSecond, Camera.Mode camera, boolean grid) {
    /** One run at a time. */
    public ViewerOptions(int width, int height, double fps, int frames, Path screenshot, Path recordDir,
                         boolean keepOpen, String title, double stepsPerSecond, Camera.Mode camera) {
        this(width, height, fps, frames, screenshot, recordDir, keepOpen, title, stepsPerSecond, camera, false);
    }

    public static ViewerOptions defaults(String title) {
        return new ViewerOptions(1280, 720, 60, 0, null, null, false, title, 0, Camera.Mode.ORBIT);
    }
}
