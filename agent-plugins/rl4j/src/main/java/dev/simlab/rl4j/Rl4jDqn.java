package dev.simlab.rl4j;

import dev.simlab.core.agent.Actions;
import dev.simlab.core.agent.Agent;
import dev.simlab.core.agent.AgentContext;
import dev.simlab.core.agent.SpaceMismatch;
import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.param.ConfigException;
import dev.simlab.core.param.Param;
import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.param.Params;
import dev.simlab.core.space.Box;
import dev.simlab.core.space.Discrete;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.rl4j.learning.configuration.QLearningConfiguration;
import org.deeplearning4j.rl4j.learning.sync.qlearning.discrete.QLearningDiscreteDense;
import org.deeplearning4j.rl4j.network.CommonOutputNames;
import org.deeplearning4j.rl4j.network.configuration.DQNDenseNetworkConfiguration;
import org.deeplearning4j.rl4j.space.DiscreteSpace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * RL4J's {@code QLearningDiscreteDense} as a SimLab agent. RL4J runs its own training loop on a
 * thread of its own against {@link SimLabMdp}; {@link #act} hands it the observation and takes
 * its action, {@link #observe} hands back the step's outcome and waits until RL4J has learned
 * from it and is blocked again. Greedy evaluation asks RL4J's greedy policy directly.
 *
 * <p>What RL4J decides and SimLab cannot change: it trains one gradient step per env step, it
 * treats every episode end as terminal (a time-limit truncation is not bootstrapped), and its
 * replay buffer and ε-greedy generator are not reachable, so a checkpoint holds the network,
 * its optimiser state and the step count but not the buffer.
 */
final class Rl4jDqn implements Agent {
    static final ParamSchema SCHEMA = ParamSchema.of(
            Param.integer("hidden_layers", 3, 1, 16, "hidden layers of RL4J's dense Q-network (DQNFactoryStdDense numLayer)"),
            Param.integer("hidden_units", 16, 1, 4096, "units per hidden layer (numHiddenNodes)"),
            Param.real("learning_rate", 1e-3, 0, 10, "Adam learning rate"),
            Param.real("l2", 1e-3, 0, 1, "L2 weight decay"),
            Param.real("gamma", 0.99, 0, 1, "discount factor"),
            Param.integer("buffer_size", 150_000, 10, 10_000_000, "replay buffer capacity (expRepMaxSize)"),
            Param.integer("batch_size", 32, 1, 65_536, "transitions per gradient step"),
            Param.integer("target_update_interval", 500, 1, Integer.MAX_VALUE, "steps between target-network copies (targetDqnUpdateFreq)"),
            Param.integer("learning_starts", 10, 0, Integer.MAX_VALUE, "steps before learning (updateStart)"),
            Param.real("reward_factor", 0.01, 0, 1e6, "rewards are multiplied by this before learning"),
            Param.real("error_clamp", 1.0, 0, 1e6, "TD error clamp"),
            Param.real("epsilon_final", 0.1, 0, 1, "exploration rate after exploration_steps (minEpsilon)"),
            Param.integer("exploration_steps", 1_000, 1, Integer.MAX_VALUE, "steps over which ε decays from 1 (epsilonNbStep)"),
            Param.bool("double_dqn", true, "Double DQN"));

    private final QLearningDiscreteDense<org.deeplearning4j.rl4j.space.Box> learning;
    private final SimLabMdp mdp;
    private final Thread trainer;
    private final int obsSize;
    private Integer pending;
    private long steps;

    static final String ID = "rl4j-dqn";
    /** What RL4J's dense Q-learning fits, for the refusal of an env that does not. */
    static final String FITS = "rl4j-dqn fits envs with Discrete actions and flat Box observations (cartpole, mountaincar, acrobot, highway-fast, …)";

    Rl4jDqn(AgentContext context, Params p) {
        Discrete actions = context.discreteActions(ID, FITS);
        if (!(context.observationSpace() instanceof Box box) || box.shape().length != 1) {
            throw new SpaceMismatch(ID, "observation", "flat (one-dimensional) Box", context.observationSpace(), FITS);
        }
        if (context.numEnvs() != 1) {
            throw new ConfigException("", "run.num_envs", "rl4j-dqn runs RL4J's synchronous Q-learning on one env copy; set run.num_envs: 1");
        }
        this.obsSize = box.flatSize();
        long seed = context.rng().nextLong();
        Nd4j.getRandom().setSeed(seed);
        this.mdp = new SimLabMdp(obsSize, new DiscreteSpace(actions.n()));
        DQNDenseNetworkConfiguration net = DQNDenseNetworkConfiguration.builder()
                .numLayers(p.integer("hidden_layers"))
                .numHiddenNodes(p.integer("hidden_units"))
                .l2(p.real("l2"))
                .updater(new Adam(p.real("learning_rate")))
                .build();
        QLearningConfiguration conf = QLearningConfiguration.builder()
                .seed(seed)
                .maxEpochStep(Integer.MAX_VALUE) // SimLab's TimeLimit ends episodes
                .maxStep(Integer.MAX_VALUE) // and SimLab's run plan ends training
                .expRepMaxSize(p.integer("buffer_size"))
                .batchSize(p.integer("batch_size"))
                .targetDqnUpdateFreq(p.integer("target_update_interval"))
                .updateStart(p.integer("learning_starts"))
                .rewardFactor(p.real("reward_factor"))
                .gamma(p.real("gamma"))
                .errorClamp(p.real("error_clamp"))
                .minEpsilon(p.real("epsilon_final"))
                .epsilonNbStep(p.integer("exploration_steps"))
                .doubleDQN(p.bool("double_dqn"))
                .build();
        this.learning = new QLearningDiscreteDense<>(mdp, net, conf);
        this.trainer = new Thread(this::train, "rl4j-train");
        trainer.setDaemon(true);
        trainer.start();
    }

    private void train() {
        try {
            learning.train();
        } catch (SimLabMdp.Stopped e) {
            return;
        } catch (Throwable t) {
            mdp.failure = t;
        }
        try {
            mdp.requests.put(SimLabMdp.ENDED);
        } catch (InterruptedException ignored) {
            // closing
        }
    }

    /** Waits for RL4J's next request: an action, a reset, or its end. */
    private int nextRequest() {
        try {
            int r = mdp.requests.take();
            if (r == SimLabMdp.ENDED) {
                Throwable f = mdp.failure;
                throw new IllegalStateException("RL4J's training loop ended: " + (f == null ? "it reached its step limit" : f), f);
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for RL4J");
        }
    }

    private void reply(double[] observation, double reward, boolean done) {
        try {
            mdp.replies.put(new SimLabMdp.Reply(observation, reward, done));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while answering RL4J");
        }
    }

    private static double[] toDouble(float[] src, int offset, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = src[offset + i];
        return d;
    }

    @Override
    public void act(VectorEnv env, boolean explore, Actions out) {
        int[] chosen = out.discrete();
        if (!explore) {
            // greedy: RL4J's thread is blocked in the MDP, so its network is ours to use
            int n = env.numEnvs();
            INDArray q = learning.getQNetwork().output(Nd4j.create(env.observations(), new int[] {n, obsSize}, 'c'))
                    .get(CommonOutputNames.QValues);
            for (int i = 0; i < n; i++) chosen[i] = q.getRow(i).argMax().getInt(0);
            return;
        }
        if (pending == null) pending = nextRequest();
        if (pending == SimLabMdp.RESET) {
            reply(toDouble(env.observations(), 0, obsSize), 0, false);
            pending = nextRequest();
        }
        chosen[0] = pending;
        pending = null;
    }

    @Override
    public void observe(VectorEnv env, Actions taken) {
        boolean done = env.terminated()[0] || env.truncated()[0];
        reply(toDouble(env.nextObservations(), 0, obsSize), env.rewards()[0], done);
        steps++;
        // wait until RL4J has learned from this step and asks again, so evaluation and
        // checkpoints never race its training
        pending = nextRequest();
    }

    @Override
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("epsilon", learning.getEgPolicy().getEpsilon());
        m.put("rl4j_steps", (double) learning.getStepCount());
        return m;
    }

    private MultiLayerNetwork network() {
        return (MultiLayerNetwork) learning.getQNetwork().getNeuralNetworks()[0];
    }

    @Override
    public void save(CheckpointWriter out) throws IOException {
        MultiLayerNetwork net = network();
        out.putFloats("rl4j.params", net.params().dup('c').data().asFloat());
        INDArray u = net.getUpdater().getStateViewArray();
        if (u != null) out.putFloats("rl4j.updater", u.dup('c').data().asFloat());
        out.putLongs("rl4j.counters", new long[] {steps, learning.getStepCount(), learning.getEpochCount(), net.getIterationCount()});
    }

    @Override
    public void restore(CheckpointReader in) throws IOException {
        MultiLayerNetwork net = network();
        float[] params = in.getFloats("rl4j.params");
        if (params.length != net.numParams()) throw new IOException("checkpoint network has " + params.length + " parameters, this one " + net.numParams());
        net.setParams(Nd4j.createFromArray(params).reshape(1, params.length));
        if (in.has("rl4j.updater")) {
            INDArray state = net.getUpdater(true).getStateViewArray();
            float[] u = in.getFloats("rl4j.updater");
            if (state == null || state.length() != u.length) throw new IOException("checkpoint optimiser state does not fit this network's optimiser");
            state.assign(Nd4j.createFromArray(u).reshape(state.shape()));
        }
        long[] c = in.getLongs("rl4j.counters");
        steps = c[0];
        learning.setStepCount((int) c[1]);
        learning.setEpochCount((int) c[2]);
        net.setIterationCount((int) c[3]);
    }

    @Override
    public void close() {
        trainer.interrupt();
        try {
            trainer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
