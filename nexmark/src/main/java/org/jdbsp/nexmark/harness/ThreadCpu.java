package org.jdbsp.nexmark.harness;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the threads that run a query: the calling thread (pushes and steps; with one worker it computes
 * everything; with several it also runs worker 0) and the multi-worker runtime's threads
 * {@code jdbsp-worker-<i>}, read around each step. Figures are 0 when the JVM
 * cannot measure thread CPU time ({@link #supported()}).
 */
final class ThreadCpu {
    static final String WORKER_PREFIX = "jdbsp-worker-";
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final boolean supported;

    /** For an engine of {@code workerThreads} worker threads (its worker count less the caller's one). */
    ThreadCpu(int workerThreads) {
        this.workerThreads = workerThreads;
        boolean ok = mx.isCurrentThreadCpuTimeSupported() && mx.isThreadCpuTimeSupported();
        if (ok && !mx.isThreadCpuTimeEnabled()) {
            try {
                mx.setThreadCpuTimeEnabled(true);
            } catch (UnsupportedOperationException | SecurityException e) {
                ok = false;
            }
        }
        supported = ok;
    }

    boolean supported() {
        return supported;
    }

    /** The calling thread's CPU time in ns. */
    long current() {
        return supported ? mx.getCurrentThreadCpuTime() : 0;
    }

    /**
     * Bytes the calling thread has allocated so far, or 0 if the JVM cannot tell (HotSpot can:
     * {@code com.sun.management.ThreadMXBean}).
     */
    long currentAllocated() {
        return mx instanceof com.sun.management.ThreadMXBean hs && hs.isThreadAllocatedMemorySupported()
                ? Math.max(0, hs.getCurrentThreadAllocatedBytes()) : 0;
    }

    /** Bytes allocated so far by the live worker threads ({@code jdbsp-worker-*}), summed; 0 if unknown. */
    long workersAllocated() {
        if (!(mx instanceof com.sun.management.ThreadMXBean hs) || !hs.isThreadAllocatedMemorySupported()) {
            return 0;
        }
        long total = 0;
        for (long id : workerThreadIds()) {
            total += Math.max(0, hs.getThreadAllocatedBytes(id));
        }
        return total;
    }

    /** Collection time in ms summed over the JVM's garbage collectors, so far. */
    static long gcMillis() {
        long ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    /** The worker threads {@link #workersCpu} reads, looked up until there are as many as expected. */
    private long[] watched = new long[0];
    private final int workerThreads;

    /**
     * Writes each worker thread's CPU time so far (ns) into {@code out}, in a fixed order, and returns how many
     * there are (at most {@code out.length}). The threads are looked up until all of the engine's run (an engine
     * may start them at its first step); then a read is one clock call per worker, so that a step's window can be
     * measured around it.
     */
    int workersCpu(long[] out) {
        if (!supported) {
            return 0;
        }
        if (watched.length < workerThreads) {
            watched = workerThreadIds();
        }
        int n = Math.min(watched.length, out.length);
        for (int i = 0; i < n; i++) {
            out[i] = Math.max(0, mx.getThreadCpuTime(watched[i]));
        }
        return n;
    }

    /** The most worker threads {@link #workersCpu} reads. */
    static final int MAX_WORKERS = 1024;

    /** The ids of the live worker threads ({@code jdbsp-worker-*}). */
    private long[] workerThreadIds() {
        long[] ids = mx.getAllThreadIds();
        ThreadInfo[] infos = mx.getThreadInfo(ids);
        int k = 0;
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && infos[i].getThreadName().startsWith(WORKER_PREFIX)) {
                ids[k++] = ids[i];
            }
        }
        return java.util.Arrays.copyOf(ids, k);
    }
}
