package io.aria.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by the calling thread, from HotSpot's per-thread counter
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}). A test that needs it is
 * skipped (an assumption, not a failure) on a JVM without the counter.
 *
 * <p>The counter counts TLAB allocations of the thread; reading it allocates nothing on JDK 17+,
 * but a few hundred bytes of slack keep a test from failing on a stray lazy initialisation.
 */
public final class Allocations {

    private Allocations() {
    }

    /** A piece of work whose allocations are measured. */
    @FunctionalInterface
    public interface Work {
        /** Runs it. */
        void run();
    }

    /**
     * @return the counter, after assuming (JUnit) that this JVM has it and it is on
     */
    public static com.sun.management.ThreadMXBean counter() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's per-thread allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counter supported and enabled");
        return mx;
    }

    /**
     * @return bytes the calling thread has allocated so far
     */
    public static long allocatedSoFar() {
        return counter().getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /**
     * @param work what to measure (warm it up first: the interpreter and the JIT allocate)
     * @return bytes the calling thread allocated while it ran
     */
    public static long allocatedBy(Work work) {
        com.sun.management.ThreadMXBean mx = counter();
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        work.run();
        return mx.getThreadAllocatedBytes(tid) - before;
    }
}
