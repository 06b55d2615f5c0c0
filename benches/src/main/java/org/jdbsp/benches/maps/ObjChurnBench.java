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
 * Workload (b) for object keys: batches get -1 (entry removed) through an equal but distinct key instance, then
 * +1 (re-inserted) with the original instance. Score is per {@code add}; the goal is 0 B/op.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ObjChurnBench {
    @Param({"10000", "1000000"})
    int size;

    @Param({"PAIR", "BOXED"})
    KeyKind keys;

    @Param({"OURS", "EC", "AGRONA_COUNTER", "AGRONA_HASH"})
    ObjCandidate map;

    private Object[] originals;
    private Object[] copies;
    private int repeats;
    private ObjWeights<Object> m;

    @Setup
    public void setup() {
        repeats = Workload.repeats(size);
        originals = keys.keys(0, size);
        copies = keys.keys(0, size);
        m = map.create();
        for (Object k : originals) {
            m.add(k, 1);
        }
    }

    @Benchmark
    @OperationsPerInvocation(2 * Workload.ELEMENTS)
    public int churn() {
        for (int r = 0; r < repeats; r++) {
            for (int b = 0; b < size; b += Workload.CHURN_BATCH) {
                int end = b + Workload.CHURN_BATCH;
                for (int i = b; i < end; i++) {
                    m.add(copies[i], -1);
                }
                for (int i = b; i < end; i++) {
                    m.add(originals[i], 1);
                }
            }
        }
        return m.size();
    }
}
