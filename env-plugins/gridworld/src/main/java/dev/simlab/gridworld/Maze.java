package dev.simlab.gridworld;

import dev.simlab.core.rng.Rng;
import java.util.Arrays;

/**
 * Random perfect mazes (exactly one path between any two open cells) by the recursive
 * backtracker, i.e. a randomised depth-first search, run with an explicit stack so large mazes
 * cannot overflow the call stack.
 *
 * <p>A maze of {@code width × height} rooms is a grid of {@code (2·height+1) × (2·width+1)}
 * cells: rooms at odd (row, col), walls between them knocked down where the search passed, an
 * outer wall all round. The start is the top-left room (1, 1), the goal the bottom-right room.
 */
public final class Maze {
    private Maze() {}

    /** The same {@code seed} always gives the same maze. */
    public static GridMap generate(int width, int height, long seed) {
        if (width < 1 || height < 1 || width * height < 2) {
            throw new IllegalArgumentException("a maze needs at least 2 rooms, got " + width + "x" + height);
        }
        int rows = 2 * height + 1;
        int cols = 2 * width + 1;
        char[][] grid = new char[rows][cols];
        for (char[] row : grid) Arrays.fill(row, Cell.WALL.symbol());

        Rng rng = new Rng(seed);
        boolean[] visited = new boolean[width * height];
        int[] stack = new int[width * height];
        int top = 0;
        int[] options = new int[4];
        stack[top++] = 0;
        visited[0] = true;
        grid[1][1] = Cell.FLOOR.symbol();
        while (top > 0) {
            int room = stack[top - 1];
            int rr = room / width;
            int rc = room % width;
            int n = 0;
            if (rr > 0 && !visited[room - width]) options[n++] = room - width;
            if (rc < width - 1 && !visited[room + 1]) options[n++] = room + 1;
            if (rr < height - 1 && !visited[room + width]) options[n++] = room + width;
            if (rc > 0 && !visited[room - 1]) options[n++] = room - 1;
            if (n == 0) {
                top--;
                continue;
            }
            int next = options[rng.nextInt(n)];
            int nr = next / width;
            int nc = next % width;
            // Knock down the wall between the two rooms, then open the new room.
            grid[rr + nr + 1][rc + nc + 1] = Cell.FLOOR.symbol();
            grid[2 * nr + 1][2 * nc + 1] = Cell.FLOOR.symbol();
            visited[next] = true;
            stack[top++] = next;
        }
        grid[1][1] = Cell.START.symbol();
        grid[rows - 2][cols - 2] = Cell.GOAL.symbol();

        StringBuilder text = new StringBuilder();
        for (char[] row : grid) text.append(row).append('\n');
        return GridMap.parse(text.toString(), "maze " + width + "x" + height + " seed " + seed);
    }
}
