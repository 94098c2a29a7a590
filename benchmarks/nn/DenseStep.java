import dev.simlab.nn.Backend;
import dev.simlab.nn.DenseBackprop;
import dev.simlab.nn.HuberLoss;
import dev.simlab.nn.NetworkSpec;
import dev.simlab.nn.Networks;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-call cost of a DQN-sized gradient step (cartpole-dqn's 4→256→256→2 MLP, Huber loss, Adam,
 * 64 rows): DL4J's {@code fit} against {@link DenseBackprop#fit}, which is bit-identical to it.
 * Rounds alternate the two so machine noise falls on both; prints each round's ms per call and
 * the medians. One ND4J thread, as SimLab's runs use.
 *
 *   OMP_NUM_THREADS=1 java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 \
 *       -cp "lab-cli/target/simlab/lib/*" benchmarks/nn/DenseStep.java [ROWS] [HIDDEN] [CALLS] [ROUNDS]
 *
 * (the launcher's JVM flags; build the distribution first with ./simlab --version).
 * {@code -Dparts=true} first times DenseBackprop's forward, forward + backward, the updater
 * and the parameter update apart.
 */
public class DenseStep {
    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int hidden = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        Backend.init();
        NetworkSpec spec = new NetworkSpec(List.of(hidden, hidden), "relu", "adam", 2.3e-3, 0.9, "he", 0);
        MultiLayerNetwork a = Networks.mlp(spec, 4, 2, Activation.IDENTITY, new HuberLoss(), 1);
        MultiLayerNetwork b = Networks.mlp(spec, 4, 2, Activation.IDENTITY, new HuberLoss(), 1);
        DenseBackprop fast = DenseBackprop.of(b);
        Random r = new Random(0);
        INDArray[] xs = new INDArray[16], ys = new INDArray[16];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, rows, 4);
            ys[i] = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, rows, 2);
        }
        if (Boolean.getBoolean("parts")) {
            for (int round = 0; round < 4; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < calls; i++) fast.forward(xs[i & 15]);
                long t1 = System.nanoTime();
                for (int i = 0; i < calls; i++) { fast.forward(xs[i & 15]); fast.backward(ys[i & 15]); }
                long t2 = System.nanoTime();
                org.deeplearning4j.nn.gradient.Gradient g = fast.backward(ys[0]);
                for (int i = 0; i < calls; i++) b.getUpdater().update(b, g, 1, 0, rows, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
                long t3 = System.nanoTime();
                INDArray gr = b.getFlattenedGradients();
                INDArray gv = gr.reshape(b.params().shape());
                for (int i = 0; i < calls; i++) b.params().subi(gv);
                long t4 = System.nanoTime();
                System.out.printf("forward %.3f, forward+backward %.3f, updater %.3f, subi %.3f ms%n", (t1 - t0) / 1e6 / calls, (t2 - t1) / 1e6 / calls,
                        (t3 - t2) / 1e6 / calls, (t4 - t3) / 1e6 / calls);
            }
        }
        double[] dl4j = new double[rounds], dense = new double[rounds], out = new double[rounds], fastOut = new double[rounds];
        for (int round = -1; round < rounds; round++) {   // round -1 warms up
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) a.fit(xs[i & 15], ys[i & 15]);
            long t1 = System.nanoTime();
            for (int i = 0; i < calls; i++) fast.fit(xs[i & 15], ys[i & 15]);
            long t2 = System.nanoTime();
            for (int i = 0; i < calls; i++) b.output(xs[i & 15]);
            long t3 = System.nanoTime();
            for (int i = 0; i < calls; i++) fast.output(xs[i & 15]);
            long t4 = System.nanoTime();
            if (round >= 0) fastOut[round] = (t4 - t3) / 1e6 / calls;
            if (round < 0) continue;
            dl4j[round] = (t1 - t0) / 1e6 / calls;
            dense[round] = (t2 - t1) / 1e6 / calls;
            out[round] = (t3 - t2) / 1e6 / calls;
            System.out.printf("round %d: fit %.3f ms, DenseBackprop.fit %.3f ms, output %.3f ms, DenseBackprop.output %.3f ms%n", round, dl4j[round], dense[round], out[round], fastOut[round]);
        }
        System.out.printf("median of %d rounds x %d calls, %d rows, 4-%d-%d-2: fit %.3f ms, DenseBackprop.fit %.3f ms (%.2fx), output %.3f ms, DenseBackprop.output %.3f ms (%.2fx)%n",
                rounds, calls, rows, hidden, hidden, median(dl4j), median(dense), median(dense) / median(dl4j), median(out), median(fastOut), median(fastOut) / median(out));
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
