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
import org.jdbsp.zset.LongWeightConsumer;

/**
 * Workload (f) for {@code long} keys: copy a table into a new empty one in the source's iteration order (slot order),
 * as a map or filter does from its input Z-set to its output. A table whose home slot is monotone in the hash
 * (a Fibonacci hash scaled to the capacity) piles such a copy into one cluster while the new table is smaller than
 * the source: quadratic. Score per copied element.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LongCopyBench {
    @Param({"10000", "100000"})
    int size;

    @Param({"OURS", "OURS_POW2", "EC", "AGRONA_HASH"})
    LongCandidate map;

    private LongWeights source;
    private int repeats;

    @Setup
    public void setup() {
        repeats = Workload.repeats(size);
        source = map.create();
        for (long k : Keys.longs(0, size)) {
            source.add(k, 1);
        }
    }

    @Benchmark
    @OperationsPerInvocation(Workload.ELEMENTS)
    public int copy() {
        int total = 0;
        for (int r = 0; r < repeats; r++) {
            LongWeights m = map.create();
            source.forEach(new Copier(m));
            total += m.size();
        }
        return total;
    }

    /** Adds every visited entry to a target (one allocation per copy, not per element). */
    private static final class Copier implements LongWeightConsumer {
        private final LongWeights target;

        Copier(LongWeights target) {
            this.target = target;
        }

        @Override
        public void accept(long key, long weight) {
            target.add(key, weight);
        }
    }
}
