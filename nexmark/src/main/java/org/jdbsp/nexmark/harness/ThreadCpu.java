package org.jdbsp.nexmark.harness;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the threads that run a query: the calling thread (pushes and steps; with one worker it computes
 * everything; with several it also runs worker 0) and the multi-worker runtime's threads
 * {@code jdbsp-worker-<i>}. Figures are 0 when the JVM
 * cannot measure thread CPU time ({@link #supported()}).
 */
final class ThreadCpu {
    static final String WORKER_PREFIX = "jdbsp-worker-";
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final boolean supported;

    ThreadCpu() {
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

    /** {total, max} CPU ns over the live worker threads ({@code jdbsp-worker-*}). */
    long[] workers() {
        long total = 0;
        long max = 0;
        if (supported) {
            for (long id : workerThreadIds()) {
                long t = mx.getThreadCpuTime(id);
                if (t > 0) {
                    total += t;
                    max = Math.max(max, t);
                }
            }
        }
        return new long[] {total, max};
    }

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
