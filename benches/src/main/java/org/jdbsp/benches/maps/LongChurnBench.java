package org.jdbsp.benches.maps;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload (b): steady-state churn on a table of {@code size} entries of weight 1. Batches of keys get -1 (weight
 * 0, entry removed) then +1 (re-inserted). Score is per {@code add}; the goal is 0 B/op.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LongChurnBench {
    @Param({"10000", "1000000"})
    int size;

    @Param({"OURS", "EC", "EC_GET_THEN_ADD", "AGRONA_COUNTER", "AGRONA_HASH"})
    LongCandidate map;

    private long[] keys;
    private int repeats;
    private LongWeights m;

    @Setup
    public void setup() {
        repeats = Workload.repeats(size);
        keys = Keys.longs(0, size);
        m = map.create();
        for (long k : keys) {
            m.add(k, 1);
        }
    }

    @Benchmark
    @OperationsPerInvocation(2 * Workload.ELEMENTS)
    public int churn() {
        final long[] ks = keys;
        for (int r = 0; r < repeats; r++) {
            for (int b = 0; b < ks.length; b += Workload.CHURN_BATCH) {
                int end = b + Workload.CHURN_BATCH;
                for (int i = b; i < end; i++) {
                    m.add(ks[i], -1);
                }
                for (int i = b; i < end; i++) {
                    m.add(ks[i], 1);
                }
            }
        }
        return m.size();
    }
}
