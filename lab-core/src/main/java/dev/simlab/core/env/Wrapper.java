package dev.simlab.core.env;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.scene.SceneBuilder;
import dev.simlab.core.scene.StateValues;
import dev.simlab.core.space.Space;
import java.io.IOException;

/** Adds behaviour around an env (time limits, statistics) instead of growing the env, as Gymnasium's Wrapper. */
public abstract class Wrapper implements Env {
    protected final Env env;

    protected Wrapper(Env env) {
        this.env = env;
    }

    @Override
    public Space observationSpace() {
        return env.observationSpace();
    }

    @Override
    public Space actionSpace() {
        return env.actionSpace();
    }

    @Override
    public Step reset(long seed) {
        return env.reset(seed);
    }

    @Override
    public Step reset() {
        return env.reset();
    }

    @Override
    public Step step(int action) {
        return env.step(action);
    }

    @Override
    public Step step(float[] action) {
        return env.step(action);
    }

    @Override
    public void describe(SceneBuilder scene, StateValues values) {
        env.describe(scene, values);
    }

    @Override
    public boolean savesState() {
        return env.savesState();
    }

    @Override
    public void saveState(CheckpointWriter out, String prefix) throws IOException {
        env.saveState(out, prefix);
    }

    @Override
    public void restoreState(CheckpointReader in, String prefix) throws IOException {
        env.restoreState(in, prefix);
    }

    @Override
    public Env unwrapped() {
        return env.unwrapped();
    }

    @Override
    public void close() {
        env.close();
    }
}
