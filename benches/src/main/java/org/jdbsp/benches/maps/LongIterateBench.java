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

/** Workload (d): full iteration summing the weights of a table of {@code size} entries; score per entry. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LongIterateBench {
    @Param({"10000", "1000000"})
    int size;

    @Param({"OURS", "EC", "AGRONA_HASH"})
    LongCandidate map;

    private final Summer summer = new Summer();
    private int repeats;
    private LongWeights m;

    @Setup
    public void setup() {
        repeats = Workload.repeats(size);
        m = map.create();
        for (long k : Keys.longs(0, size)) {
            m.add(k, 1);
        }
    }

    @Benchmark
    @OperationsPerInvocation(Workload.ELEMENTS)
    public long iterate() {
        summer.sum = 0;
        for (int r = 0; r < repeats; r++) {
            m.forEach(summer);
        }
        return summer.sum;
    }
}
