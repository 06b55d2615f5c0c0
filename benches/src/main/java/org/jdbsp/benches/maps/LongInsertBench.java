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

/** Workload (a): insert {@code size} new {@code long} keys with weight 1 into an empty table (growth included). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LongInsertBench {
    @Param({"10000", "1000000"})
    int size;

    @Param({"OURS", "EC", "EC_GET_THEN_ADD", "AGRONA_COUNTER", "AGRONA_HASH"})
    LongCandidate map;

    private long[] keys;
    private int repeats;

    @Setup
    public void setup() {
        repeats = Workload.repeats(size);
        keys = Keys.longs(0, size);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.ELEMENTS)
    public int insert() {
        int total = 0;
        for (int r = 0; r < repeats; r++) {
            LongWeights m = map.create();
            for (long k : keys) {
                m.add(k, 1);
            }
            total += m.size();
        }
        return total;
    }
}
