package dev.simlab.nn;

import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ND4J compute backend in use (CPU through nd4j-native, or CUDA when built with -Pcuda).
 * {@link #init()} loads the native library once, turns off ND4J's periodic garbage collection
 * (it stalls small networks for nothing) and returns a description for provenance.
 */
public final class Backend {
    private static final Logger LOG = LoggerFactory.getLogger(Backend.class);
    private static volatile String description;
    private static final String PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    private Backend() {}

    public static synchronized String init() {
        if (description == null) {
            // JavaCPP measures the process's resident memory on every native allocation to enforce
            // maxPhysicalBytes; ND4J allocates a few shape buffers per op, so for small networks that
            // check alone took 13% of a DQN run (docs/BENCHMARKS.md). Off unless the user sets it;
            // it only takes effect when no JavaCPP class is loaded yet, which is why the launcher
            // passes it too.
            if (System.getProperty(PHYSICAL_BYTES) == null) System.setProperty(PHYSICAL_BYTES, "0");
            Nd4j.getMemoryManager().togglePeriodicGc(false);
            Nd4j.getMemoryManager().setAutoGcWindow(10_000);
            String backend = Nd4j.getBackend().getClass().getSimpleName();
            String kind = backend.contains("Cu") ? "CUDA" : "CPU";
            description = "nd4j " + kind + " (" + backend + ", " + Nd4j.getEnvironment().maxMasterThreads() + " threads, "
                    + Nd4j.dataType().toString().toLowerCase() + ")";
            LOG.info("compute backend: {}", description);
        }
        return description;
    }
}
