package dev.simlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One ND4J custom op (a matrix product, an element-wise product) with its native context built
 * once, for the small networks RL trains. ND4J's {@code exec(CustomOp)}, behind {@code mmuli},
 * {@code gemm} and {@code muli}, builds a native context per call, fills it with the op's arrays
 * and arguments, and hands it to a deallocator thread afterwards; with the op object's own
 * allocations that is 12–15 µs a call, more than the arithmetic of a 64-unit layer
 * (BENCHMARKS.md). Here the context is filled once and the op runs through
 * {@code exec(op, context)}: the same native op on the same arrays and arguments, so the same
 * bits, for about 1.4 µs. An input may be re-pointed between calls (a network's input rows).
 */
final class PreparedOp {
    private final CustomOp op;
    private final OpContext context;
    private final INDArray[] inputs;

    PreparedOp(CustomOp op) {
        this.op = op;
        this.context = Nd4j.getExecutioner().buildContext();
        inputs = op.inputArguments().toArray(new INDArray[0]);
        context.setInputArrays(inputs);
        context.setOutputArrays(op.outputArguments());
        context.setBArguments(op.bArgs());
        context.setIArguments(op.iArgs());
        context.setTArguments(op.tArgs());
        context.setDArguments(op.dArgs());
    }

    /**
     * {@code x·y} into {@code z} as {@code Nd4j.gemm(x, y, z, transposeX, transposeY, 1, 0)}
     * issues it, and so as {@code x.mmuli(y, z)} does for an 'f' result that is not a view (a
     * matrix-vector product included: ND4J's gemv takes the same op and arguments). z must be
     * contiguous, as {@code Nd4j.gemm} requires.
     */
    static PreparedOp matmul(INDArray x, INDArray y, INDArray z, boolean transposeX, boolean transposeY) {
        if (z.elementWiseStride() != 1) throw new IllegalArgumentException("a matrix product writes into a contiguous array, not " + z.shapeInfoToString());
        return new PreparedOp(new Mmul(x, y, z, 1.0, 0.0, org.nd4j.linalg.api.blas.params.MMulTranspose.builder().transposeA(transposeX).transposeB(transposeY).build()));
    }

    /** {@code x.muli(y, z)}: the element-wise product of arrays of one shape. */
    static PreparedOp multiply(INDArray x, INDArray y, INDArray z) {
        return new PreparedOp(new MulOp(x, y, z));
    }

    /** Points input {@code index} at {@code a} (a no-op when it already is), for the next {@link #run}s. */
    PreparedOp input(int index, INDArray a) {
        if (inputs[index] != a) {
            context.setInputArray(index, a);
            inputs[index] = a;
        }
        return this;
    }

    void run() {
        Nd4j.getExecutioner().exec(op, context);
    }
}
