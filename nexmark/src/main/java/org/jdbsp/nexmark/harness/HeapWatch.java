package org.jdbsp.nexmark.harness;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Locale;

/**
 * Warns, once per run, when a query's state is on course to outgrow the heap before the run ends, so that a
 * query whose state cannot fit is named with its projected size before the JVM runs out of memory.
 *
 * <p>When the old generation is still {@value #FULL_PERCENT}% full right after a collection of it, the heap is
 * exhausted: rather than let the collector thrash for minutes before an {@link OutOfMemoryError}, the run of
 * that query stops with {@link Exhausted}, naming its projected size; the next query runs.
 *
 * <p>The projection is linear in the events: the growth of the heap's old generation (where the state ends up)
 * since the run started, scaled from the events done to all of them, plus what the old generation held before.
 * It looks after 5% of the events, every 32 steps. Promoted garbage counts too, so it errs on the high side;
 * it only warns, the run goes on (and a real {@link OutOfMemoryError} fails that query's row alone). Cost: one
 * memory-pool read per 32 steps.
 */
final class HeapWatch {
    private static final MemoryPoolMXBean OLD = oldGeneration();
    /** The old generation's use after a collection of it at which the heap counts as exhausted. */
    static final int FULL_PERCENT = 95;

    /** The heap cannot hold the query's state: its run stops. */
    static final class Exhausted extends RuntimeException {
        Exhausted(String message) {
            super(message);
        }
    }

    private final String query;
    private final int events;
    private final PrintStream err;
    private final long base;
    private int steps;
    private boolean warned;

    /** Watches a run of {@code query} over {@code events} events; reads the heap's current use as the base. */
    HeapWatch(String query, int events, PrintStream err) {
        this.query = query;
        this.events = events;
        this.err = err;
        this.base = used();
    }

    /**
     * After a step, {@code done} events into the run: warns if the projection exceeds the heap.
     *
     * @throws Exhausted when the old generation stayed nearly full through a collection
     */
    void afterStep(int done, Progress progress) {
        if ((++steps & 31) != 0 || done >= events) {
            return;
        }
        long max = max();
        MemoryUsage afterCollection = OLD == null ? null : OLD.getCollectionUsage();
        if (afterCollection != null && afterCollection.getUsed() * 100 > FULL_PERCENT * max) {
            long used = afterCollection.getUsed();
            throw new Exhausted(String.format(Locale.ROOT, "%s: stopped after %,d of %,d events: the heap is still"
                    + " %d%% full after a collection (%.1f GB of %.1f GB); its state needs about %.1f GB by the end"
                    + " (raise -Xmx in JAVA_OPTS, or run fewer --events)", query, done, events,
                    used * 100 / max, used / 1e9, max / 1e9, projected(used, done) / 1e9));
        }
        if (warned || done < events / 20) {
            return;
        }
        long used = used();
        double projected = projected(used, done);
        if (projected > max) {
            warned = true;
            progress.clear();
            err.printf(Locale.ROOT, "nexmark: warning: %s: the heap holds %.1f GB after %,d of %,d events; at this"
                    + " rate its state needs about %.1f GB by the end, more than the %.1f GB the heap may grow to:"
                    + " the run will likely run out of memory (raise -Xmx in JAVA_OPTS, or run fewer --events)%n",
                    query, used / 1e9, done, events, projected / 1e9, max / 1e9);
        }
    }

    /** The heap the state needs at the end of the run, from {@code used} after {@code done} events. */
    private double projected(long used, int done) {
        return base + (double) (used - base) * events / done;
    }

    private static long used() {
        if (OLD != null) {
            // the old generation: only promoted (mostly live) objects; a collector with one heap pool (ZGC)
            // reports the heap's use after its last cycle, without the garbage made since
            MemoryUsage u = isOldGeneration(OLD) ? OLD.getUsage() : OLD.getCollectionUsage();
            if (u != null) {
                return u.getUsed();
            }
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long max() {
        if (OLD != null) {
            MemoryUsage u = OLD.getUsage();
            if (u.getMax() > 0) {
                return u.getMax();
            }
        }
        return Runtime.getRuntime().maxMemory();
    }

    /** Whether {@code pool} is a generational collector's pool of long-lived objects. */
    private static boolean isOldGeneration(MemoryPoolMXBean pool) {
        return pool.getName().contains("Old") || pool.getName().contains("Tenured");
    }

    /**
     * The heap pool of long-lived objects ("PS Old Gen", "G1 Old Gen", "Tenured Gen"), else the only heap pool
     * of a collector without generations ("ZHeap"), else {@code null}.
     */
    private static MemoryPoolMXBean oldGeneration() {
        MemoryPoolMXBean only = null;
        int heapPools = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP) {
                continue;
            }
            if (isOldGeneration(pool)) {
                return pool;
            }
            heapPools++;
            only = pool;
        }
        return heapPools == 1 ? only : null;
    }
}
