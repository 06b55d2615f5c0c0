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

/** Workload (a) for object keys: insert {@code size} new keys with weight 1 into an empty table. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ObjInsertBench {
    @Param({"10000", "1000000"})
    int size;

    @Param({"PAIR", "BOXED"})
    KeyKind keys;

    @Param({"OURS", "EC", "AGRONA_COUNTER", "AGRONA_HASH"})
    ObjCandidate map;

    private Object[] elements;
    private int repeats;

    @Setup
    public void setup() {
        repeats = Workload.repeats(size);
        elements = keys.keys(0, size);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.ELEMENTS)
    public int insert() {
        int total = 0;
        for (int r = 0; r < repeats; r++) {
            ObjWeights<Object> m = map.create();
            for (Object k : elements) {
                m.add(k, 1);
            }
            total += m.size();
        }
        return total;
    }
}
