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

/** Workload (e) for object keys: {@code get} with equal-but-distinct present keys (hit) and absent keys (miss). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ObjLookupBench {
    @Param({"10000", "1000000"})
    int size;

    @Param({"PAIR", "BOXED"})
    KeyKind keys;

    @Param({"OURS", "EC", "AGRONA_HASH"})
    ObjCandidate map;

    private Object[] present;
    private Object[] absent;
    private int repeats;
    private ObjWeights<Object> m;

    @Setup
    public void setup() {
        repeats = Workload.repeats(size);
        m = map.create();
        for (Object k : keys.keys(0, size)) {
            m.add(k, 1);
        }
        present = keys.keys(0, size);
        absent = keys.keys(size, size);
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

    private long lookup(Object[] ks) {
        long sum = 0;
        for (int r = 0; r < repeats; r++) {
            for (Object k : ks) {
                sum += m.get(k);
            }
        }
        return sum;
    }
}
