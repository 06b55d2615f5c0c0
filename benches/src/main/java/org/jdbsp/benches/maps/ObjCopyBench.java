package org.jdbsp.benches.maps;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.jdbsp.zset.WeightedConsumer;

/**
 * Workload (f) for object keys: copy a table into a new empty one in the source's iteration order (slot order),
 * as a map or filter does from its input Z-set to its output. A table whose home slot is monotone in the hash
 * (the high bits of a Fibonacci hash) piles such a copy into one cluster while the new table is smaller than
 * the source: quadratic. Score per copied element.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ObjCopyBench {
    @Param({"10000", "100000"})
    int size;

    @Param({"PAIR", "BOXED"})
    KeyKind keys;

    @Param({"OURS", "EC", "AGRONA_HASH"})
    ObjCandidate map;

    private ObjWeights<Object> source;
    private int repeats;

    @Setup
    public void setup() {
        repeats = Workload.repeats(size);
        source = map.create();
        for (Object k : keys.keys(0, size)) {
            source.add(k, 1);
        }
    }

    @Benchmark
    @OperationsPerInvocation(Workload.ELEMENTS)
    public int copy() {
        int total = 0;
        for (int r = 0; r < repeats; r++) {
            ObjWeights<Object> m = map.create();
            source.forEach(new Copier(m));
            total += m.size();
        }
        return total;
    }

    /** Adds every visited entry to a target (one allocation per copy, not per element). */
    private static final class Copier implements WeightedConsumer<Object> {
        private final ObjWeights<Object> target;

        Copier(ObjWeights<Object> target) {
            this.target = target;
        }

        @Override
        public void accept(Object key, long weight) {
            target.add(key, weight);
        }
    }
}
