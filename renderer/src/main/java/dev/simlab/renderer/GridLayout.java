package dev.simlab.renderer;

/**
 * Where each run's viewport lies in the grid view ({@code watch --view grid}): the runs in a
 * grid of {@code ceil(sqrt(n))} columns over the window, above a strip for the learning curves
 * of all runs. Window pixels, y down, as the HUD draws.
 */
final class GridLayout {
    /** The curve strip's share of the window's height. */
    static final float PANEL_SHARE = 0.24f;

    private GridLayout() {}

    static int columns(int n) {
        return (int) Math.ceil(Math.sqrt(Math.max(1, n)));
    }

    static int rows(int n) {
        return (Math.max(1, n) + columns(n) - 1) / columns(n);
    }

    /** The height of the curve strip at the bottom of a window {@code height} pixels high. */
    static int panelHeight(int height) {
        return Math.round(height * PANEL_SHARE);
    }

    /** Viewport {@code i} of {@code n}: {@code {x, top, width, height}}, row by row from the top left. */
    static int[] cell(int i, int n, int width, int height) {
        int cols = columns(n), rows = rows(n);
        int area = height - panelHeight(height);
        int c = i % cols, r = i / cols;
        int x0 = c * width / cols, x1 = (c + 1) * width / cols;
        int y0 = r * area / rows, y1 = (r + 1) * area / rows;
        return new int[] {x0, y0, x1 - x0, y1 - y0};
    }

    /** Which viewport the window point (x, y) is in, or -1 (the curve strip, outside). */
    static int at(double x, double y, int n, int width, int height) {
        for (int i = 0; i < n; i++) {
            int[] c = cell(i, n, width, height);
            if (x >= c[0] && x < c[0] + c[2] && y >= c[1] && y < c[1] + c[3]) return i;
        }
        return -1;
    }
}
