package dev.simlab.gridworld;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.param.Suggest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * An immutable grid layout read from the plain-text map format of docs/GRIDWORLD.md: optional
 * header lines ({@code wind: 0 0 1 2 1 0}, {@code reward: row col value}), then one line per
 * row with one character per {@link Cell}. {@code //} starts a comment line.
 *
 * <p>Cells are addressed by {@code (row, col)} from the top-left, both from 0, and by state
 * index {@code row * cols + col}, which is also the env's Discrete observation.
 */
public final class GridMap {
    /** Keeps Discrete observation spaces (and tabular agents' tables) to a sane size. */
    public static final int MAX_CELLS = 1_000_000;

    private static final List<String> HEADERS = List.of("reward", "wind");

    private final int rows;
    private final int cols;
    private final Cell[] cells;
    private final int[] wind;
    private final double[] rewards;
    private final int start;

    private GridMap(int rows, int cols, Cell[] cells, int[] wind, double[] rewards, int start) {
        this.rows = rows;
        this.cols = cols;
        this.cells = cells;
        this.wind = wind;
        this.rewards = rewards;
        this.start = start;
    }

    /**
     * Reads a map.
     *
     * @param source names the map in error messages (a file path, or {@code "map"} for an inline map)
     * @throws ConfigException naming the source, the line and what is wrong
     */
    public static GridMap parse(String text, String source) {
        return new Parser(text, source).parse();
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Number of states, {@code rows * cols} (walls included, so that state = row * cols + col). */
    public int size() {
        return cells.length;
    }

    public Cell cell(int row, int col) {
        return cells[state(row, col)];
    }

    public Cell cell(int state) {
        return cells[state];
    }

    public boolean inside(int row, int col) {
        return row >= 0 && row < rows && col >= 0 && col < cols;
    }

    public int state(int row, int col) {
        if (!inside(row, col)) throw new IndexOutOfBoundsException("(row " + row + ", col " + col + ") is outside the " + rows + "x" + cols + " grid");
        return row * cols + col;
    }

    public int row(int state) {
        return state / cols;
    }

    public int col(int state) {
        return state % cols;
    }

    /** The state of the single start cell {@code S}. */
    public int start() {
        return start;
    }

    /** Upward push of the wind in a column, in cells (negative pushes down); 0 without wind. */
    public int wind(int col) {
        return wind[col];
    }

    public boolean windy() {
        for (int w : wind) if (w != 0) return true;
        return false;
    }

    /** The reward a {@code reward:} header sets for landing on this cell, replacing the cell type's reward. */
    public OptionalDouble rewardOverride(int state) {
        return Double.isNaN(rewards[state]) ? OptionalDouble.empty() : OptionalDouble.of(rewards[state]);
    }

    /** Writes the map back in the text format ({@code F} comes back as {@code .}). */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        if (windy()) {
            sb.append("wind:");
            for (int w : wind) sb.append(' ').append(w);
            sb.append('\n');
        }
        for (int s = 0; s < cells.length; s++) {
            if (!Double.isNaN(rewards[s])) sb.append("reward: ").append(row(s)).append(' ').append(col(s)).append(' ').append(rewards[s]).append('\n');
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) sb.append(cells[r * cols + c].symbol());
            sb.append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return toText();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GridMap m && m.cols == cols && Arrays.equals(m.cells, cells) && Arrays.equals(m.wind, wind)
                && Arrays.equals(m.rewards, rewards);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(cells) + Arrays.hashCode(wind);
    }

    /** One pass over the lines: headers, then a contiguous block of grid rows. */
    private static final class Parser {
        private final String[] lines;
        private final String source;
        private int windLine;
        private int[] windValues;
        private final List<int[]> rewardLines = new ArrayList<>(); // {line, row, col}
        private final List<Double> rewardValues = new ArrayList<>();
        private final List<String> gridRows = new ArrayList<>();
        private final List<Integer> gridLines = new ArrayList<>();

        Parser(String text, String source) {
            this.lines = text == null ? new String[0] : text.split("\r?\n|\r", -1);
            this.source = source;
        }

        private ConfigException error(String problem) {
            return new ConfigException(source, "", problem);
        }

        private ConfigException error(int line, String problem) {
            return error("line " + line + ": " + problem);
        }

        GridMap parse() {
            boolean gridEnded = false;
            for (int i = 0; i < lines.length; i++) {
                int line = i + 1;
                String text = lines[i].strip();
                if (text.startsWith("//")) continue;
                if (text.isEmpty()) {
                    if (!gridRows.isEmpty()) gridEnded = true;
                    continue;
                }
                int colon = text.indexOf(':');
                if (colon >= 0) {
                    if (!gridRows.isEmpty()) {
                        throw error(line, "header '" + text + "' after the grid; headers go before the first row");
                    }
                    header(line, text.substring(0, colon).strip(), text.substring(colon + 1).strip());
                    continue;
                }
                if (gridEnded) throw error(line, "a row after a blank line; the grid's rows must be contiguous");
                gridRows.add(text);
                gridLines.add(line);
            }
            if (gridRows.isEmpty()) throw error("no grid: expected rows of cells (" + Cell.validSymbols() + ") after any header lines");
            return build();
        }

        private void header(int line, String key, String value) {
            switch (key) {
                case "wind" -> {
                    if (windValues != null) throw error(line, "a second wind header (the first is on line " + windLine + ")");
                    String[] parts = value.isEmpty() ? new String[0] : value.split("\\s+");
                    windValues = new int[parts.length];
                    for (int k = 0; k < parts.length; k++) windValues[k] = integer(line, "wind", parts[k]);
                    windLine = line;
                }
                case "reward" -> {
                    String[] parts = value.isEmpty() ? new String[0] : value.split("\\s+");
                    if (parts.length != 3) throw error(line, "reward takes 'row col value', e.g. 'reward: 3 11 10', got '" + value + "'");
                    int r = integer(line, "reward row", parts[0]);
                    int c = integer(line, "reward col", parts[1]);
                    double v;
                    try {
                        v = Double.parseDouble(parts[2]);
                    } catch (NumberFormatException e) {
                        v = Double.NaN;
                    }
                    if (!Double.isFinite(v)) throw error(line, "reward value '" + parts[2] + "' is not a finite number");
                    rewardLines.add(new int[] {line, r, c});
                    rewardValues.add(v);
                }
                default -> throw error(line, "unknown header '" + key + "' (" + Suggest.choices(key, HEADERS) + ")");
            }
        }

        private int integer(int line, String what, String text) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw error(line, what + ": '" + text + "' is not an integer");
            }
        }

        private GridMap build() {
            int rows = gridRows.size();
            int cols = gridRows.get(0).length();
            if ((long) rows * cols > MAX_CELLS) throw error("the grid has " + rows + "x" + cols + " cells; at most " + MAX_CELLS + " are allowed");
            Cell[] cells = new Cell[rows * cols];
            int start = -1;
            int startLine = 0;
            boolean goal = false;
            for (int r = 0; r < rows; r++) {
                String row = gridRows.get(r);
                int line = gridLines.get(r);
                if (row.length() != cols) {
                    throw error(line, "row " + r + " has " + row.length() + " cells but row 0 (line " + gridLines.get(0) + ") has " + cols
                            + "; all rows must have the same length");
                }
                for (int c = 0; c < cols; c++) {
                    char ch = row.charAt(c);
                    Cell cell = Cell.of(ch);
                    if (cell == null) {
                        throw error(line, "unknown cell '" + ch + "' at row " + r + ", col " + c + " (valid: " + Cell.validSymbols() + ")");
                    }
                    if (cell == Cell.START) {
                        if (start >= 0) throw error(line, "a second start cell 'S' at row " + r + ", col " + c + " (the first is on line " + startLine + "); a map has exactly one");
                        start = r * cols + c;
                        startLine = line;
                    }
                    goal |= cell == Cell.GOAL;
                    cells[r * cols + c] = cell;
                }
            }
            String where = "lines " + gridLines.get(0) + "-" + gridLines.get(rows - 1);
            if (start < 0) throw error("no start cell 'S' in the grid (" + where + "); a map has exactly one");
            if (!goal) throw error("no goal cell 'G' in the grid (" + where + "); a map needs at least one");

            int[] wind = new int[cols];
            if (windValues != null) {
                if (windValues.length != cols) {
                    throw error(windLine, "wind has " + windValues.length + " values but the grid has " + cols + " columns; give one per column");
                }
                wind = windValues;
            }

            double[] rewards = new double[rows * cols];
            Arrays.fill(rewards, Double.NaN);
            for (int k = 0; k < rewardLines.size(); k++) {
                int[] at = rewardLines.get(k);
                int line = at[0], r = at[1], c = at[2];
                if (r < 0 || r >= rows || c < 0 || c >= cols) {
                    throw error(line, "reward cell (row " + r + ", col " + c + ") is outside the " + rows + "x" + cols + " grid (rows and cols count from 0)");
                }
                int s = r * cols + c;
                if (cells[s] == Cell.WALL) throw error(line, "reward cell (row " + r + ", col " + c + ") is a wall, which the agent can never enter");
                if (!Double.isNaN(rewards[s])) throw error(line, "a second reward for (row " + r + ", col " + c + ")");
                rewards[s] = rewardValues.get(k);
            }
            return new GridMap(rows, cols, cells, wind, rewards, start);
        }
    }
}
