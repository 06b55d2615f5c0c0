package org.jdbsp.benches.ivm;

import java.util.concurrent.TimeUnit;

import org.jdbsp.circuit.Mode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A single-row update (delete one record, insert one) on 100,000 rows, incremental mode: the join + group-by view
 * (target under 20 us a step), and filter/map and MIN per group beside it.
 *
 * <pre>bin/bench 'ivm.SingleRowUpdate'</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Xms1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SingleRowUpdate {
    @Param({"JOIN_AGG", "FILTER_MAP", "MIN_MAX"})
    public String view;

    @Param({"100000"})
    public int size;

    private Workload w;

    @Setup(Level.Trial)
    public void setup() {
        w = new Workload(Workload.View.valueOf(view), Mode.INCREMENTAL, size, 1, Workload.Inject.NONE);
    }

    @Benchmark
    public int step() {
        return w.step();
    }
}
