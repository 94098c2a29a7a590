package dev.simlab.renderer;

/**
 * The viewer cannot open its window: no display, or no OpenGL 3.3. The message says what to do in
 * one line; the CLI prints just that, since a stack trace says nothing more about a missing display.
 */
public class WindowUnavailableException extends IllegalStateException {
    public WindowUnavailableException(String message) {
        super(message);
    }
}
