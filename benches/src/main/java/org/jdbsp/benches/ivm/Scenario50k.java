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
 * The scenario another DBSP engine reported as slower than naive recomputation: a join + aggregate view over
 * 50,000 records with 1,000 changed records a step (each change deletes an old record and inserts a new one, so
 * 2,000 input rows change a step). Target: incremental at least 40x faster than naive.
 *
 * <pre>bin/bench 'ivm.Scenario50k'</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Xms1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class Scenario50k {
    @Param({"incremental", "naive"})
    public String mode;

    @Param({"50000"})
    public int size;

    @Param({"1000"})
    public int change;

    private Workload w;

    @Setup(Level.Trial)
    public void setup() {
        w = new Workload(Workload.View.JOIN_AGG, Mode.valueOf(mode.toUpperCase(java.util.Locale.ROOT)), size,
                change, Workload.Inject.NONE);
    }

    @Benchmark
    public int joinAggregate() {
        return w.step();
    }
}
