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

/** Workload (e): {@code get} of present keys (hit) and of absent keys (miss) on a table of {@code size} entries. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LongLookupBench {
    @Param({"10000", "1000000"})
    int size;

    @Param({"OURS", "EC", "AGRONA_HASH"})
    LongCandidate map;

    private long[] present;
    private long[] absent;
    private int repeats;
    private LongWeights m;

    @Setup
    public void setup() {
        repeats = Workload.repeats(size);
        present = Keys.longs(0, size);
        absent = Keys.longs(size, size);
        m = map.create();
        for (long k : present) {
            m.add(k, 1);
        }
    }

    @Benchmark
    @OperationsPerInvocation(Workload.ELEMENTS)
    public long hit() {
        return lookup(present);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.ELEMENTS)
    public long miss() {
        return lookup(absent);
    }

    private long lookup(long[] ks) {
        long sum = 0;
        for (int r = 0; r < repeats; r++) {
            for (long k : ks) {
                sum += m.get(k);
            }
        }
        return sum;
    }
}
