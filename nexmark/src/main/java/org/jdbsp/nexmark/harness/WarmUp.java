package org.jdbsp.nexmark.harness;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * When a query's untimed warm-up may stop: the warm-up runs in rounds, each a fresh throwaway circuit fed the
 * same events, until a round in which the JIT compiler was quiet, so that the timed run measures compiled code.
 * This matters most when every core runs a worker: a compiler thread then takes a core from a worker, and the
 * other workers wait for it at the next barrier (on 2 cores with 2 workers, q5 after one 1,000,000-event round
 * still compiled for 0.5 s of CPU in its 0.9 s timed run). One thread's plain circuit leaves a core to the
 * compiler and suffers less. Reads one JVM counter per round.
 */
final class WarmUp {
    /** A round is quiet when the JIT compiled for less than this share of the round's wall time. */
    static final double QUIET_SHARE = 0.02;

    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private WarmUp() {
    }

    /** How a warm-up went: rounds run, whether the last was quiet, and the JIT's milliseconds in the last. */
    record Rounds(int count, boolean quiet, long lastJitMillis) {
    }

    /**
     * Runs {@code round} (given its number, from 1) until a round is {@link #quiet} by {@code jitMillis} (as
     * {@link #jitMillis()}) and {@code nanoTime}, or {@code maxRounds} rounds ran.
     */
    static Rounds run(int maxRounds, LongSupplier jitMillis, LongSupplier nanoTime, IntConsumer round) {
        int rounds = 0;
        boolean quiet = false;
        long jit = 0;
        while (!quiet && rounds < maxRounds) {
            rounds++;
            long jit0 = jitMillis.getAsLong();
            long t0 = nanoTime.getAsLong();
            round.accept(rounds);
            jit = jit0 < 0 ? -1 : jitMillis.getAsLong() - jit0;
            quiet = quiet(jit, nanoTime.getAsLong() - t0);
        }
        return new Rounds(rounds, quiet, jit);
    }

    /**
     * Milliseconds the JIT compilers have spent compiling since the JVM started (summed over compiler threads),
     * or {@code -1} if this JVM does not measure it.
     */
    static long jitMillis() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : -1;
    }

    /**
     * Whether a round that took {@code wallNanos} and during which the JIT compiled for {@code jitMillis}
     * (a difference of {@link #jitMillis()}; negative when not measured) leaves the JIT quiet enough to stop
     * warming up. Without a measurement one round is taken as enough.
     */
    static boolean quiet(long jitMillis, long wallNanos) {
        return jitMillis < 0 || jitMillis * 1e6 < QUIET_SHARE * wallNanos;
    }
}
