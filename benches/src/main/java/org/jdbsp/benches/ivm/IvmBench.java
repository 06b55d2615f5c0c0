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
 * Incremental against naive recomputation, per view ({@link Workload.View}), state size and change per step.
 * One op = one steady-state step (delete {@code change} old rows, insert as many new ones, step the circuit).
 * Combinations that would take minutes per step are skipped with an exception from setup (see {@link #skip}).
 *
 * <pre>bin/bench 'ivm.IvmBench' -p size=10000,100000</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Xms1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class IvmBench {
    @Param({"FILTER_MAP", "JOIN", "JOIN_AGG", "DISTINCT", "MIN_MAX", "TOP_K", "WINDOW_AGG", "CLOSURE"})
    public String view;

    @Param({"incremental", "naive"})
    public String mode;

    @Param({"10000", "100000", "1000000"})
    public int size;

    @Param({"1", "0.1%", "1%", "10%"})
    public String change;

    private Workload w;

    /** Why a combination is not run, or null. */
    static String skip(Workload.View view, Mode mode, int size) {
        if (view == Workload.View.CLOSURE && size >= 1_000_000) {
            return "CLOSURE at 1M edges (3M paths) is skipped in both modes: naive recursion recomputes 3M paths "
                    + "through 5 iterations per step (minutes per measurement) and the incremental nested "
                    + "traces need more heap than a 4 GB fork";
        }
        return null;
    }

    @Setup(Level.Trial)
    public void setup() {
        Workload.View v = Workload.View.valueOf(view);
        Mode m = Mode.valueOf(mode.toUpperCase(java.util.Locale.ROOT));
        String why = skip(v, m, size);
        if (why != null) {
            throw new IllegalStateException("skipped: " + why);
        }
        w = new Workload(v, m, size, Workload.changeRows(change, size), Workload.Inject.NONE);
    }

    @Benchmark
    public int step() {
        return w.step();
    }
}
