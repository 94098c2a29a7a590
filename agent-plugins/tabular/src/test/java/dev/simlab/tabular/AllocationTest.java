package dev.simlab.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.simlab.core.agent.Actions;
import dev.simlab.core.agent.Agent;
import dev.simlab.core.env.TimeLimit;
import dev.simlab.core.env.VectorEnv;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** act and observe run every step: they must not create garbage (boxing, iterators, arrays). */
class AllocationTest {
    @ParameterizedTest
    @ValueSource(strings = {"q-learning", "sarsa", "expected-sarsa", "random"})
    void actAndObserveAllocateNothingPerStep(String id) {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        VectorEnv env = Lab.vector(new TimeLimit(new CliffWalk(6, 3), 50), new TimeLimit(new CliffWalk(6, 3), 50));
        Agent agent = Lab.agent(id, env, 12);
        Actions actions = new Actions(2, 0);
        for (int t = 0; t < 20_000; t++) Lab.step(agent, env, actions); // warm up

        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int t = 0; t < 50_000; t++) Lab.step(agent, env, actions);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        // A single boxed double or array per step would be over a megabyte.
        assertThat(allocated).as("bytes allocated over 50,000 steps").isLessThan(4096);
    }
}
