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
 * The IvmBench views hand-wired ({@code impl=HAND}) and written in SQL ({@code impl=SQL}) in one run: one op is
 * one steady-state step over {@code size} rows changing {@code change} rows (deletes and as many inserts).
 *
 * <pre>bin/bench 'ivm.SqlBench' -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Xms1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SqlBench {
    @Param({"FILTER_MAP", "JOIN", "JOIN_AGG", "DISTINCT", "MIN_MAX", "TOP_K"})
    public String view;

    @Param({"HAND", "SQL"})
    public String impl;

    @Param({"100000"})
    public int size;

    @Param({"1000"})
    public int change;

    private Workload hand;
    private SqlWorkload sql;

    @Setup(Level.Trial)
    public void setup() {
        Workload.View v = Workload.View.valueOf(view);
        if (impl.equals("HAND")) {
            hand = new Workload(v, Mode.INCREMENTAL, size, change, Workload.Inject.NONE);
        } else {
            sql = new SqlWorkload(v, size, change);
        }
    }

    @Benchmark
    public int step() {
        return hand != null ? hand.step() : sql.step();
    }
}
