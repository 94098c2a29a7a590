package dev.simlab.gridworld;

import dev.simlab.core.scene.Rgba;
import dev.simlab.core.scene.SceneBuilder;
import dev.simlab.core.scene.Shape;
import dev.simlab.core.scene.StateValues;

/**
 * Turns a grid into renderer-neutral shapes. Cell {@code (row, col)} is centred at
 * {@code x = col, z = row} on the ground (y = 0), 1 m a side, so row 0 is the far edge seen
 * from a camera looking toward -z. Tags and colours are listed in docs/GRIDWORLD.md.
 */
final class GridScene {
    static final Rgba FLOOR = Rgba.rgb(0xE6E6E6);
    static final Rgba START = Rgba.rgb(0x5B9BD5);
    static final Rgba GOAL = Rgba.rgb(0x2E9E44);
    static final Rgba CLIFF = Rgba.rgb(0xC0392B);
    static final Rgba LAVA = Rgba.rgb(0xFF5722);
    static final Rgba HOLE = Rgba.rgb(0x1A237E);
    static final Rgba ICE = Rgba.rgb(0xB3E5FC);
    static final Rgba WALL = Rgba.rgb(0x808080);
    static final Rgba AGENT = Rgba.rgb(0xFFD21F);
    static final Rgba WIND = Rgba.rgb(0x4FC3F7);
    static final Rgba ARROW = Rgba.rgb(0x111111);
    /** Value heat-map from the lowest to the highest value on screen (a lightened viridis, so black arrows stay readable). */
    static final Rgba VALUE_LOW = Rgba.rgb(0x8C6BB1);
    static final Rgba VALUE_MID = Rgba.rgb(0x41B6C4);
    static final Rgba VALUE_HIGH = Rgba.rgb(0xFDE725);

    static final float TILE = 0.96f;
    static final float TILE_HEIGHT = 0.05f;
    static final float VALUE_TILE = 0.7f;
    static final float ARROW_LENGTH = 0.35f;
    static final float HEAD_LENGTH = 0.14f;

    private GridScene() {}

    static void describe(GridMap map, Moves moves, int agent, SceneBuilder scene, StateValues values) {
        int rows = map.rows();
        int cols = map.cols();
        for (int s = 0; s < map.size(); s++) {
            float x = map.col(s);
            float z = map.row(s);
            Cell cell = map.cell(s);
            if (cell == Cell.WALL) {
                scene.add(new Shape.Cuboid("wall", x, 0.5f, z, 1, 1, 1, 0, WALL));
            } else {
                // A small gap between tiles draws the grid lines for free.
                scene.add(new Shape.Cuboid(cell.tag(), x, TILE_HEIGHT / 2, z, TILE, TILE_HEIGHT, TILE, 0, color(cell)));
            }
        }

        for (int c = 0; c < cols; c++) {
            int w = map.wind(c);
            if (w == 0) continue;
            // Drawn beside the grid (past the last row) so it never hides tiles or policy arrows;
            // it points the way the wind pushes, 0.4 m per cell of strength.
            float base = rows - 0.5f + 0.2f;
            float tip = base + 0.4f * Math.abs(w);
            float from = w > 0 ? tip : base;
            float to = w > 0 ? base : tip;
            scene.add(new Shape.Line("wind", c, 0.05f, from, c, 0.05f, to, 0.04f + 0.03f * Math.abs(w), WIND));
        }

        if (values != null) overlay(map, moves, scene, values);

        float ax = map.col(agent);
        float az = map.row(agent);
        scene.add(new Shape.Sphere("agent", ax, TILE_HEIGHT + 0.3f, az, 0.3f, AGENT));
        scene.focus(ax, 0, az);
        scene.extent(Math.max(rows, cols));
    }

    static Rgba color(Cell cell) {
        return switch (cell) {
            case FLOOR -> FLOOR;
            case START -> START;
            case GOAL -> GOAL;
            case CLIFF -> CLIFF;
            case LAVA -> LAVA;
            case HOLE -> HOLE;
            case ICE -> ICE;
            case WALL -> WALL;
        };
    }

    /** Cells where the agent can be and act: open, not terminal, not a cliff (it is never observed there). */
    static boolean isDecisionCell(Cell cell) {
        return cell.open() && !cell.terminal() && cell != Cell.CLIFF;
    }

    /**
     * Value tiles sit inset on top of the ground tiles rather than recolouring them, so the start
     * and ice tiles stay recognisable under the heat-map.
     */
    private static void overlay(GridMap map, Moves moves, SceneBuilder scene, StateValues values) {
        double[] v = values.values();
        int[] greedy = values.greedyActions();
        long[] visits = values.visits();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        if (v != null) {
            for (int s = 0; s < Math.min(v.length, map.size()); s++) {
                if (isDecisionCell(map.cell(s)) && Double.isFinite(v[s])) {
                    lo = Math.min(lo, v[s]);
                    hi = Math.max(hi, v[s]);
                }
            }
        }
        for (int s = 0; s < map.size(); s++) {
            if (!isDecisionCell(map.cell(s))) continue;
            float x = map.col(s);
            float z = map.row(s);
            if (v != null && s < v.length && Double.isFinite(v[s])) {
                float t = hi > lo ? (float) ((v[s] - lo) / (hi - lo)) : 0.5f;
                scene.add(new Shape.Cuboid("value", x, TILE_HEIGHT + 0.01f, z, VALUE_TILE, 0.02f, VALUE_TILE, 0, heat(t)));
            }
            if (greedy != null && s < greedy.length) {
                int a = greedy[s];
                if (a < 0 || a >= moves.count() || moves.isStay(a)) continue;
                float dx = moves.dCol(a);
                float dz = moves.dRow(a);
                float norm = (float) Math.sqrt(dx * dx + dz * dz);
                float y = TILE_HEIGHT + 0.04f;
                float ux = dx / norm, uz = dz / norm;
                float tx = x + ARROW_LENGTH * ux, tz = z + ARROW_LENGTH * uz;
                scene.add(new Shape.Line("policy-arrow", x, y, z, tx, y, tz, 0.06f, ARROW));
                // the head: two barbs swept back 40 degrees from the tip
                for (int side = -1; side <= 1; side += 2) {
                    float bx = -ux * 0.77f - side * uz * 0.64f, bz = -uz * 0.77f + side * ux * 0.64f;
                    scene.add(new Shape.Line("policy-arrow-head", tx, y, tz, tx + HEAD_LENGTH * bx, y, tz + HEAD_LENGTH * bz, 0.05f, ARROW));
                }
            }
            if (visits != null && s < visits.length) {
                scene.add(new Shape.Label("visits", x, TILE_HEIGHT + 0.05f, z + 0.3f, Long.toString(visits[s]), ARROW));
            }
        }
    }

    /** Colour for a value normalised to [0, 1]: low → mid → high. */
    static Rgba heat(float t) {
        return t < 0.5f ? VALUE_LOW.mix(VALUE_MID, t * 2) : VALUE_MID.mix(VALUE_HIGH, (t - 0.5f) * 2);
    }
}
