package dev.simlab.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Moving rows between Java arrays and ND4J in bulk, the call pattern small networks need: one
 * copy per array, never element-wise getters ({@code getFloat}, {@code toFloatMatrix}), which
 * cross into native code once per element and made DQN three times slower (BENCHMARKS.md).
 */
public final class Rows {
    private Rows() {}

    /** The values of an array in row-major order, copied in one bulk call. */
    public static float[] flat(INDArray a) {
        INDArray c = a.isView() || a.ordering() != 'c' ? a.dup('c') : a;
        float[] all = c.data().asFloat();
        return all.length == c.length() ? all : Arrays.copyOf(all, (int) c.length());
    }

    /** {@link #flat} in double precision (losses computed in Java, checked against finite differences in float64). */
    public static double[] flatDoubles(INDArray a) {
        INDArray c = a.isView() || a.ordering() != 'c' ? a.dup('c') : a;
        double[] all = c.data().asDouble();
        return all.length == c.length() ? all : Arrays.copyOf(all, (int) c.length());
    }

    /** The first {@code rows × cols} values of {@code values} as a float32 row-major matrix (one copy). */
    public static INDArray matrix(float[] values, int rows, int cols) {
        float[] v = values.length == rows * cols ? values : Arrays.copyOf(values, rows * cols);
        return Nd4j.create(v, new int[] {rows, cols}, 'c');
    }

    /** The index of the largest of {@code values[offset .. offset + count)} (the first on ties): a greedy action. */
    public static int argmax(float[] values, int offset, int count) {
        int best = 0;
        for (int a = 1; a < count; a++) if (values[offset + a] > values[offset + best]) best = a;
        return best;
    }
}
