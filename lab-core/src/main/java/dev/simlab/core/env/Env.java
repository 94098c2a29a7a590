package dev.simlab.core.env;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.scene.SceneBuilder;
import dev.simlab.core.scene.StateValues;
import dev.simlab.core.space.Space;
import java.io.IOException;

/**
 * A reinforcement-learning environment with Gymnasium's semantics.
 *
 * <ul>
 *   <li>{@link #reset(long)} seeds the env's random generator and starts an episode; the same
 *       seed gives the same sequence of episodes, bit for bit. {@link #reset()} starts the next
 *       episode continuing the generator (Gymnasium's {@code reset(seed=None)}).</li>
 *   <li>{@link #step(int)} (Discrete actions) or {@link #step(float[])} (Box actions) advances
 *       one step. The returned {@link Step} is owned by the env and overwritten by the next call.</li>
 *   <li>Time limits are not env logic: the lab wraps envs in {@link TimeLimit}, which sets
 *       {@code truncated}. An env sets {@code terminated} only for terminal states of the MDP.</li>
 *   <li>Calling {@code step} after the episode ended, before {@code reset}, is an error.</li>
 * </ul>
 *
 * Envs are not thread-safe; a {@link VectorEnv} holds independent copies.
 */
public interface Env extends AutoCloseable {
    Space observationSpace();

    Space actionSpace();

    Step reset(long seed);

    Step reset();

    /** Steps with a Discrete action. Envs with Box actions throw {@link UnsupportedOperationException}. */
    default Step step(int action) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " takes Box actions, not Discrete");
    }

    /** Steps with a Box action (flat array, read during the call only). */
    default Step step(float[] action) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " takes Discrete actions, not Box");
    }

    /**
     * Describes the current frame for the viewer (renderer-neutral). {@code values} is what the
     * agent knows per state (value heat-map, greedy arrows) or null; envs that can place states
     * in the world draw it, others ignore it.
     */
    default void describe(SceneBuilder scene, StateValues values) {}

    /**
     * True when {@link #saveState} and {@link #restoreState} capture everything the env's future
     * depends on (its generator and the episode in progress), so a resumed run continues bit for
     * bit. Envs that return false are reseeded on resume and lose the interrupted episode;
     * {@code simlab check-env} says which kind an env is and verifies the claim.
     */
    default boolean savesState() {
        return false;
    }

    /**
     * Writes the env's full state under keys starting with {@code prefix} (e.g. {@code prefix + "rng"}).
     * Called between steps, never mid-step.
     */
    default void saveState(CheckpointWriter out, String prefix) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot save its state");
    }

    /**
     * Restores what {@link #saveState} wrote into an env built with the same parameters, fresh or
     * in the middle of an episode begun with any seed: the next {@code step} (and the next
     * {@code reset()}, which continues the restored generator) behaves as the saved env's would.
     */
    default void restoreState(CheckpointReader in, String prefix) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot restore its state");
    }

    /** The innermost env, below all wrappers. */
    default Env unwrapped() {
        return this;
    }

    @Override
    default void close() {}
}
