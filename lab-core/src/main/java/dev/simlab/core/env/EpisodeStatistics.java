package dev.simlab.core.env;

/**
 * Tallies the undiscounted return and length of the running episode, as Gymnasium's
 * RecordEpisodeStatistics. Read {@link #episodeReturn()} and {@link #episodeLength()} after a
 * step that ended the episode; they reset with the env.
 */
public final class EpisodeStatistics extends Wrapper {
    private double episodeReturn;
    private int episodeLength;

    public EpisodeStatistics(Env env) {
        super(env);
    }

    public double episodeReturn() {
        return episodeReturn;
    }

    public int episodeLength() {
        return episodeLength;
    }

    @Override
    public Step reset(long seed) {
        episodeReturn = 0;
        episodeLength = 0;
        return env.reset(seed);
    }

    @Override
    public Step reset() {
        episodeReturn = 0;
        episodeLength = 0;
        return env.reset();
    }

    @Override
    public Step step(int action) {
        return tally(env.step(action));
    }

    @Override
    public Step step(float[] action) {
        return tally(env.step(action));
    }

    private Step tally(Step s) {
        episodeReturn += s.reward();
        episodeLength++;
        return s;
    }
}
