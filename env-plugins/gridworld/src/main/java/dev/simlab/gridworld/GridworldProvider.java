package dev.simlab.gridworld;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.param.Param;
import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.param.Params;
import dev.simlab.core.plugin.EnvProvider;
import dev.simlab.core.plugin.EnvType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The gridworld plugin's environments: the textbook grids with their textbook rules, random
 * mazes, and grids from the user's own text maps. Parameters and rules are documented in
 * docs/GRIDWORLD.md.
 */
@org.pf4j.Extension
public class GridworldProvider implements EnvProvider {
    static final double REWARD_LIMIT = 1e6;
    static final int MAZE_DEFAULT_SIZE = 8;
    /** Four times the cells of the default maze: time enough to wander, not to loop forever. */
    static final int MAZE_DEFAULT_LIMIT = 4 * (2 * MAZE_DEFAULT_SIZE + 1) * (2 * MAZE_DEFAULT_SIZE + 1);

    @Override
    public List<EnvType> envs() {
        return List.of(cliffWalking(), windyGridworld(), frozenLake("frozenlake-4x4", "4x4", ClassicMaps.FROZEN_LAKE_4X4, 100),
                frozenLake("frozenlake-8x8", "8x8", ClassicMaps.FROZEN_LAKE_8X8, 200), fourRooms(), maze(), userMap());
    }

    private static EnvType cliffWalking() {
        ParamSchema schema = ParamSchema.of(
                stepReward(-1), goalReward(-1), cliffReward(-100), slippery(false), successRate());
        return new EnvType("cliff-walking",
                "Sutton & Barto example 6.6 (Gymnasium CliffWalking): 4x12, -1 a step, the cliff costs -100 and sends you back to the start",
                schema, 0, p -> new GridWorld(GridMap.parse(ClassicMaps.CLIFF_WALKING, "cliff-walking"), rules(p)));
    }

    private static EnvType windyGridworld() {
        ParamSchema schema = ParamSchema.of(
                stepReward(-1), goalReward(-1), kingMoves(), stayAction(), stochasticWind());
        return new EnvType("windy-gridworld",
                "Sutton & Barto example 6.5: 7x10 with an upward wind per column, -1 a step (king_moves, stochastic_wind: exercises 6.9, 6.10)",
                schema, 0, p -> new GridWorld(GridMap.parse(ClassicMaps.WINDY_GRIDWORLD, "windy-gridworld"), rules(p)));
    }

    private static EnvType frozenLake(String id, String size, String map, int limit) {
        ParamSchema schema = ParamSchema.of(
                slippery(true), successRate(), goalReward(1), holeReward(0), stepReward(0));
        return new EnvType(id,
                "Gymnasium FrozenLake " + size + ": cross slippery ice to G without falling into a hole; reward 1 at the goal",
                schema, limit, p -> new GridWorld(GridMap.parse(map, id), rules(p).withMoves(Moves.cardinal(Moves.Order.LEFT_DOWN_RIGHT_UP))));
    }

    private static EnvType fourRooms() {
        ParamSchema schema = ParamSchema.of(
                Param.integer("start_row", 1, 1, 11, "row of the start cell in the 13x13 grid (outer walls are rows/cols 0 and 12)"),
                Param.integer("start_col", 1, 1, 11, "column of the start cell"),
                Param.integer("goal_row", 7, 1, 11, "row of the goal; the default (7, 9) is the east hallway, Sutton, Precup & Singh's G1"),
                Param.integer("goal_col", 9, 1, 11, "column of the goal"),
                Param.bool("random_start", false, "start each episode on a random open cell other than the goal instead of (start_row, start_col)"),
                actionNoise(1.0 / 3, "probability that a move goes in one of the other three directions instead (the paper: 1/3)"),
                stepReward(0), goalReward(1));
        return new EnvType("four-rooms",
                "Sutton, Precup & Singh (1999) four rooms: an 11x11 floor walled into four rooms joined by hallways, moves fail 1/3 of the time, reward 1 at the goal",
                schema, 500, GridworldProvider::createFourRooms);
    }

    private static EnvType maze() {
        ParamSchema schema = ParamSchema.of(
                Param.integer("width", MAZE_DEFAULT_SIZE, 2, 100, "rooms across; the grid is 2*width+1 cells wide"),
                Param.integer("height", MAZE_DEFAULT_SIZE, 2, 100, "rooms down; the grid is 2*height+1 cells tall"),
                Param.integer("maze_seed", 0, 0, Integer.MAX_VALUE, "picks the maze: the same seed always gives the same maze"),
                stepReward(-1), goalReward(-1));
        return new EnvType("maze",
                "A random perfect maze from maze_seed: start top-left, goal bottom-right, -1 a step",
                schema, MAZE_DEFAULT_LIMIT,
                p -> new GridWorld(Maze.generate(p.integer("width"), p.integer("height"), p.longValue("maze_seed")), rules(p)));
    }

    private static EnvType userMap() {
        ParamSchema schema = ParamSchema.of(
                Param.string("map", null, "the map itself, as text (a YAML block: 'map: |'); see docs/GRIDWORLD.md"),
                Param.string("map_file", null, "path of a map file, relative to the working directory; give map or map_file"),
                stepReward(-1), goalReward(-1), cliffReward(-100), holeReward(-100), lavaReward(-100),
                slippery(false), successRate(), actionNoise(0, "probability that a move on a non-slippery cell goes in another direction instead"),
                stochasticWind(), kingMoves(), stayAction(),
                Param.choice("action_order", Moves.Order.UP_RIGHT_DOWN_LEFT.id(),
                        List.of(Moves.Order.UP_RIGHT_DOWN_LEFT.id(), Moves.Order.LEFT_DOWN_RIGHT_UP.id()),
                        "meaning of actions 0-3: up, right, down, left (CliffWalking) or left, down, right, up (FrozenLake)"),
                Param.bool("random_start", false, "start each episode on a random open, non-terminal cell instead of S"));
        return new EnvType("gridworld",
                "Your own grid from a text map (map or map_file): walls, cliffs, holes, lava, ice, wind; see docs/GRIDWORLD.md",
                schema, 1000, GridworldProvider::createUserMap);
    }

    static GridWorld createFourRooms(Params p) {
        char[][] grid = new char[ClassicMaps.FOUR_ROOMS.length][];
        for (int r = 0; r < grid.length; r++) grid[r] = ClassicMaps.FOUR_ROOMS[r].toCharArray();
        int sr = p.integer("start_row"), sc = p.integer("start_col");
        int gr = p.integer("goal_row"), gc = p.integer("goal_col");
        requireOpen(grid, sr, sc, "start_row, start_col");
        requireOpen(grid, gr, gc, "goal_row, goal_col");
        if (sr == gr && sc == gc) throw new ConfigException(null, "start_row, start_col", "the start (" + sr + ", " + sc + ") is the goal; move one of them");
        grid[sr][sc] = Cell.START.symbol();
        grid[gr][gc] = Cell.GOAL.symbol();
        StringBuilder text = new StringBuilder();
        for (char[] row : grid) text.append(row).append('\n');
        return new GridWorld(GridMap.parse(text.toString(), "four-rooms"), rules(p));
    }

    private static void requireOpen(char[][] grid, int r, int c, String key) {
        if (grid[r][c] == Cell.WALL.symbol()) {
            throw new ConfigException(null, key, "(" + r + ", " + c + ") is a wall of four-rooms; the hallways are (3, 6), (6, 2), (7, 9) and (10, 6), "
                    + "and the rooms' cells are the '.' of the layout in docs/GRIDWORLD.md");
        }
    }

    static GridWorld createUserMap(Params p) {
        String inline = p.string("map");
        String file = p.string("map_file");
        GridMap map;
        if (inline != null && file != null) {
            throw new ConfigException(null, "map", "give either map or map_file, not both");
        } else if (inline != null) {
            map = GridMap.parse(inline, "map");
        } else if (file != null) {
            Path path = Path.of(file);
            String text;
            try {
                text = Files.readString(path);
            } catch (NoSuchFileException e) {
                throw new ConfigException(null, "map_file", "no such file '" + file + "' (looked for " + path.toAbsolutePath() + ")");
            } catch (IOException e) {
                throw new ConfigException(null, "map_file", "cannot read '" + file + "': " + e.getMessage());
            }
            map = GridMap.parse(text, file);
        } else {
            throw new ConfigException(null, "map", "the gridworld env needs a map: set map (inline text) or map_file (a path)");
        }
        return new GridWorld(map, rules(p));
    }

    /** Reads the rule parameters an env declares; the ones it does not declare keep {@link GridRules#defaults()}. */
    static GridRules rules(Params p) {
        GridRules d = GridRules.defaults();
        GridRules r = d.withRewards(
                real(p, "step_reward", d.stepReward()), real(p, "goal_reward", d.goalReward()), real(p, "cliff_reward", d.cliffReward()),
                real(p, "hole_reward", d.holeReward()), real(p, "lava_reward", d.lavaReward()));
        r = r.withSlip(bool(p, "slippery", d.slippery()), real(p, "success_rate", d.successRate()))
                .withActionNoise(real(p, "action_noise", d.actionNoise()))
                .withStochasticWind(bool(p, "stochastic_wind", d.stochasticWind()))
                .withRandomStart(bool(p, "random_start", d.randomStart()));
        Moves.Order order = p.asMap().containsKey("action_order") ? Moves.Order.of(p.string("action_order")) : Moves.Order.UP_RIGHT_DOWN_LEFT;
        return r.withMoves(Moves.of(order, bool(p, "king_moves", false), bool(p, "stay_action", false)));
    }

    private static double real(Params p, String name, double fallback) {
        return p.asMap().containsKey(name) ? p.real(name) : fallback;
    }

    private static boolean bool(Params p, String name, boolean fallback) {
        return p.asMap().containsKey(name) ? p.bool(name) : fallback;
    }

    private static Param stepReward(double d) {
        return Param.real("step_reward", d, -REWARD_LIMIT, REWARD_LIMIT, "reward for a step that lands on an ordinary cell (floor, start, ice) or bumps into a wall");
    }

    private static Param goalReward(double d) {
        return Param.real("goal_reward", d, -REWARD_LIMIT, REWARD_LIMIT, "reward for the step that reaches G, which ends the episode");
    }

    private static Param cliffReward(double d) {
        return Param.real("cliff_reward", d, -REWARD_LIMIT, REWARD_LIMIT, "reward for stepping onto the cliff C, which sends the agent back to the start (the episode goes on)");
    }

    private static Param holeReward(double d) {
        return Param.real("hole_reward", d, -REWARD_LIMIT, REWARD_LIMIT, "reward for falling into a hole H, which ends the episode");
    }

    private static Param lavaReward(double d) {
        return Param.real("lava_reward", d, -REWARD_LIMIT, REWARD_LIMIT, "reward for stepping into lava L, which ends the episode");
    }

    private static Param slippery(boolean d) {
        return Param.bool("slippery", d, "every move slips as in FrozenLake's is_slippery: the intended way with probability success_rate, else one of the two perpendicular ways");
    }

    private static Param successRate() {
        return Param.real("success_rate", 1.0 / 3, 0, 1, "probability that a slippery move (slippery, or an I cell) goes the intended way; the rest splits evenly between the perpendiculars");
    }

    private static Param actionNoise(double d, String help) {
        return Param.real("action_noise", d, 0, 1, help);
    }

    private static Param stochasticWind() {
        return Param.bool("stochastic_wind", false, "where there is wind, its strength is one less, the same or one more, each with probability 1/3 (exercise 6.10)");
    }

    private static Param kingMoves() {
        return Param.bool("king_moves", false, "8 actions: adds up-right, down-right, down-left, up-left as actions 4-7 (exercise 6.9)");
    }

    private static Param stayAction() {
        return Param.bool("stay_action", false, "adds a last action that does not move; the wind still blows (exercise 6.9's ninth action)");
    }
}
