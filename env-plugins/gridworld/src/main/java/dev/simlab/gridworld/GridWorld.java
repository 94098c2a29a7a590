package dev.simlab.gridworld;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.Env;
import dev.simlab.core.env.Step;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.scene.SceneBuilder;
import dev.simlab.core.scene.StateValues;
import dev.simlab.core.space.Discrete;
import dev.simlab.core.space.Space;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

/**
 * A tabular grid world: the agent walks a {@link GridMap} under {@link GridRules}.
 *
 * <p>Observation: {@code Discrete(rows * cols)}, the state {@code row * cols + col}. Actions:
 * {@code Discrete(moves.count())} as listed by {@link Moves}.
 *
 * <p>One step, in this order (which is also the order random numbers are drawn, so the same seed
 * replays the same episode):
 * <ol>
 *   <li>Slip or noise may change the direction: on a slippery cell ({@code slippery} or an
 *       {@code I} cell) the move goes the intended way with probability {@code success_rate},
 *       else perpendicular; elsewhere {@code action_noise} may swap it for another move. The stay
 *       action never slips.</li>
 *   <li>The move: into a wall or off the grid, the agent stays where it was.</li>
 *   <li>The wind of the column the agent stood in before moving pushes it toward row 0 (negative
 *       wind: toward the last row), one cell at a time, stopping at a wall or the grid's edge. Only
 *       the cell it finally lands on counts.</li>
 *   <li>The landing cell decides the reward ({@link GridRules}) and termination ({@link Cell#terminal()});
 *       a cliff sends the agent back to the start without ending the episode and sets info
 *       {@code cliff=1}.</li>
 * </ol>
 *
 * <p>{@link #step} allocates nothing: it returns this env's own {@link Step}, overwritten by the
 * next call. {@link #reset()} before any {@link #reset(long)} behaves as if seeded with 0, so
 * runs are reproducible even when nobody seeds them.
 */
public final class GridWorld implements Env {
    private final GridMap map;
    private final GridRules rules;
    private final Moves moves;
    private final int rows;
    private final int cols;
    private final Cell[] cells;
    private final double[] landingReward;
    private final int[] startCells;
    private final Discrete observationSpace;
    private final Discrete actionSpace;
    private final Rng rng = new Rng(0);
    private final Step step = new Step(0);

    private int agent;
    private int episodeStart;
    private boolean done = true;

    public GridWorld(GridMap map, GridRules rules) {
        this.map = map;
        this.rules = rules;
        this.moves = rules.moves();
        this.rows = map.rows();
        this.cols = map.cols();
        this.cells = new Cell[map.size()];
        this.landingReward = new double[map.size()];
        for (int s = 0; s < cells.length; s++) {
            cells[s] = map.cell(s);
            landingReward[s] = map.rewardOverride(s).orElse(rules.reward(cells[s]));
        }
        this.startCells = rules.randomStart()
                ? IntStream.range(0, cells.length).filter(s -> cells[s].open() && !cells[s].terminal() && cells[s] != Cell.CLIFF).toArray()
                : new int[] {map.start()};
        this.observationSpace = new Discrete(cells.length);
        this.actionSpace = new Discrete(moves.count());
        this.agent = map.start();
        this.episodeStart = map.start();
    }

    public GridMap map() {
        return map;
    }

    public GridRules rules() {
        return rules;
    }

    /** The state the agent is on now. */
    public int agentState() {
        return agent;
    }

    /** Where the running episode started (where a cliff sends the agent back to). */
    public int episodeStart() {
        return episodeStart;
    }

    @Override
    public Space observationSpace() {
        return observationSpace;
    }

    @Override
    public Space actionSpace() {
        return actionSpace;
    }

    @Override
    public Step reset(long seed) {
        rng.setSeed(seed);
        return reset();
    }

    @Override
    public Step reset() {
        episodeStart = startCells.length == 1 ? startCells[0] : startCells[rng.nextInt(startCells.length)];
        agent = episodeStart;
        done = false;
        return step.state(agent).start();
    }

    /**
     * Puts the agent on a cell mid-episode, for planners that probe the dynamics and for tests
     * (Gymnasium users set {@code env.unwrapped.s}). Leaves the random generator alone.
     *
     * @throws IllegalArgumentException for walls, terminal and cliff cells, where no episode can be
     */
    public void placeAgent(int state) {
        if (state < 0 || state >= cells.length) throw new IllegalArgumentException("state " + state + " is outside " + observationSpace.describe());
        Cell c = cells[state];
        if (!c.open() || c.terminal() || c == Cell.CLIFF) {
            throw new IllegalArgumentException("cannot place the agent on a " + c.tag() + " cell (state " + state + ")");
        }
        agent = state;
        done = false;
    }

    @Override
    public Step step(int action) {
        if (done) throw new IllegalStateException("step() after the episode ended (or before the first reset); call reset()");
        if (action < 0 || action >= moves.count()) throw new IllegalArgumentException("action " + action + " is outside " + actionSpace.describe());

        int r = agent / cols;
        int c = agent % cols;
        int dr = moves.dRow(action);
        int dc = moves.dCol(action);
        if (!moves.isStay(action)) {
            if (rules.slippery() || cells[agent] == Cell.ICE) {
                // Gymnasium FrozenLake: intended with p = success_rate, else one of the two perpendiculars.
                double u = rng.nextDouble();
                if (u >= rules.successRate()) {
                    boolean clockwise = u < rules.successRate() + (1 - rules.successRate()) / 2;
                    int t = dr;
                    dr = clockwise ? dc : -dc;
                    dc = clockwise ? -t : t;
                }
            } else if (rules.actionNoise() > 0 && rng.nextDouble() < rules.actionNoise() && moves.moving() > 1) {
                int other = rng.nextInt(moves.moving() - 1);
                if (other >= action) other++;
                dr = moves.dRow(other);
                dc = moves.dCol(other);
            }
        }

        int nr = r + dr;
        int nc = c + dc;
        if (nr < 0 || nr >= rows || nc < 0 || nc >= cols || cells[nr * cols + nc] == Cell.WALL) {
            nr = r;
            nc = c;
        }

        int wind = map.wind(c);
        if (wind != 0 && rules.stochasticWind()) wind += rng.nextInt(3) - 1;
        int dir = wind > 0 ? -1 : 1;
        for (int k = Math.abs(wind); k > 0; k--) {
            int wr = nr + dir;
            if (wr < 0 || wr >= rows || cells[wr * cols + nc] == Cell.WALL) break;
            nr = wr;
        }

        int landed = nr * cols + nc;
        Cell cell = cells[landed];
        step.info().clear();
        if (cell == Cell.CLIFF) {
            step.info().put("cliff", 1);
            landed = episodeStart;
        }
        agent = landed;
        done = cell.terminal();
        return step.state(agent).outcome(landingReward[nr * cols + nc], done, false);
    }

    /** The state of every grid world is its generator, the agent's cell, its episode's start and whether it ended. */
    @Override
    public boolean savesState() {
        return true;
    }

    /**
     * Writes the generator, the agent's state, where the episode started (a cliff sends the agent
     * back there) and whether it ended, plus the map's checksum so that a checkpoint is not
     * restored into an edited map.
     */
    @Override
    public void saveState(CheckpointWriter out, String prefix) throws IOException {
        out.putLong(prefix + "map_crc32", mapChecksum());
        out.putLongs(prefix + "rng", rng.state());
        out.putLong(prefix + "agent", agent);
        out.putLong(prefix + "episode_start", episodeStart);
        out.putLong(prefix + "done", done ? 1 : 0);
    }

    /** Restores what {@link #saveState} wrote; a checkpoint of another map is an {@link IOException}. */
    @Override
    public void restoreState(CheckpointReader in, String prefix) throws IOException {
        if (in.getLong(prefix + "map_crc32") != mapChecksum()) {
            throw new IOException("the checkpoint's grid world (" + prefix + ") was saved on another map than this " + rows + "x" + cols
                    + " one; was the map edited since?");
        }
        long[] rngState = in.getLongs(prefix + "rng");
        int savedAgent = cellOf(in, prefix + "agent");
        int savedStart = cellOf(in, prefix + "episode_start");
        boolean savedDone = in.getLong(prefix + "done") != 0;
        // read everything first: a bad checkpoint leaves this env as it was
        rng.setState(rngState);
        agent = savedAgent;
        episodeStart = savedStart;
        done = savedDone;
        step.state(agent);
    }

    private int cellOf(CheckpointReader in, String key) throws IOException {
        long s = in.getLong(key);
        if (s < 0 || s >= cells.length) throw new IOException("checkpoint entry '" + key + "' is state " + s + ", outside " + observationSpace.describe());
        return (int) s;
    }

    /** CRC-32 of the map's text (cells, wind, reward overrides): computed on save and restore only, never on the step path. */
    private long mapChecksum() {
        CRC32 crc = new CRC32();
        crc.update(map.toText().getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /**
     * Draws the grid (see docs/GRIDWORLD.md for tags and colours); with {@code values}, a value
     * heat-map and greedy-action arrows over every open, non-terminal cell.
     */
    @Override
    public void describe(SceneBuilder scene, StateValues values) {
        GridScene.describe(map, moves, agent, scene, values);
    }

    @Override
    public String toString() {
        return "GridWorld(" + rows + "x" + cols + ", " + moves.count() + " actions, agent at state " + agent + ")";
    }
}
