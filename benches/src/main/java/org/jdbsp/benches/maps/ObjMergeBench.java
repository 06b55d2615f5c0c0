package org.jdbsp.benches.maps;

import java.util.concurrent.TimeUnit;
import org.jdbsp.zset.WeightedConsumer;
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
 * Workload (c) for object keys: in-place {@code a += b} then {@code a -= b} on two 1M-entry Z-sets, half of
 * {@code b}'s keys (distinct instances) in {@code a}, half of those cancelling. Score per merged entry.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ObjMergeBench {
    static final int N = Workload.ELEMENTS;

    @Param({"PAIR", "BOXED"})
    KeyKind keys;

    @Param({"OURS", "EC", "AGRONA_COUNTER", "AGRONA_HASH"})
    ObjCandidate map;

    private ObjWeights<Object> a;
    private ObjWeights<Object> b;
    private WeightedConsumer<Object> plus;
    private WeightedConsumer<Object> minus;

    @Setup
    public void setup() {
        a = map.create();
        for (int i = 0; i < N; i++) {
            a.add(keys.key(i), 1);
        }
        b = map.create();
        for (int i = N / 2; i < N + N / 2; i++) {
            b.add(keys.key(i), i < N && i % 2 == 0 ? -1 : 1);
        }
        ObjWeights<Object> target = a;
        plus = (k, w) -> target.add(k, w);
        minus = (k, w) -> target.add(k, -w);
    }

    @Benchmark
    @OperationsPerInvocation(2 * N)
    public int merge() {
        b.forEach(plus);
        b.forEach(minus);
        return a.size();
    }
}
