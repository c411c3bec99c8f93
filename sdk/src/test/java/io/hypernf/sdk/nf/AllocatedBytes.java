package io.hypernf.sdk.nf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Assumptions;

/**
 * The bytes the calling thread has allocated, through HotSpot's
 * {@code com.sun.management.ThreadMXBean}: what the zero-allocation tests of the SDK and the
 * example NFs measure their steady state with. Where the JVM cannot count per-thread
 * allocations, {@link #ofCurrentThread()} skips the calling test and says why.
 */
public final class AllocatedBytes {
    private final com.sun.management.ThreadMXBean threads;

    private AllocatedBytes(com.sun.management.ThreadMXBean threads) {
        this.threads = threads;
    }

    /** The counter of the calling thread, switched on; skips the test where there is none. */
    public static AllocatedBytes ofCurrentThread() {
        ThreadMXBean generic = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(generic instanceof com.sun.management.ThreadMXBean,
                "this JVM has no com.sun.management.ThreadMXBean to count allocated bytes");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) generic;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocated-bytes counting is not supported here");
        threads.setThreadAllocatedMemoryEnabled(true);
        return new AllocatedBytes(threads);
    }

    /** Bytes the calling thread has allocated so far. */
    public long now() {
        return threads.getCurrentThreadAllocatedBytes();
    }
}
