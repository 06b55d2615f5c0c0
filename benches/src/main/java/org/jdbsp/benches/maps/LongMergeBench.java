package org.jdbsp.benches.maps;

import java.util.concurrent.TimeUnit;
import org.jdbsp.zset.LongWeightConsumer;
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
 * Workload (c): in-place merge {@code a += b} of two 1M-entry Z-sets, then {@code a -= b} to restore {@code a}.
 * Half of {@code b}'s keys are in {@code a}; half of those cancel to 0 (removed) on {@code +=} and come back on
 * {@code -=}. Score is per merged entry (2M per invocation), iteration of {@code b} included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LongMergeBench {
    static final int N = Workload.ELEMENTS;

    @Param({"OURS", "EC", "EC_GET_THEN_ADD", "AGRONA_COUNTER", "AGRONA_HASH"})
    LongCandidate map;

    private LongWeights a;
    private LongWeights b;
    private LongWeightConsumer plus;
    private LongWeightConsumer minus;

    @Setup
    public void setup() {
        a = map.create();
        for (int i = 0; i < N; i++) {
            a.add(Keys.key(i), 1);
        }
        b = map.create();
        for (int i = N / 2; i < N + N / 2; i++) {
            b.add(Keys.key(i), i < N && i % 2 == 0 ? -1 : 1);
        }
        LongWeights target = a;
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
