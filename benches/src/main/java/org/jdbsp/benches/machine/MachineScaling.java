package org.jdbsp.benches.machine;

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
 * What the machine gives a second thread, with no engine involved: each thread reads and writes random slots of
 * its own {@code long[]} table, as hash-table probes do. With {@code tableMb} far above the caches the loop waits
 * on memory (like the state of a Nexmark query); at 1 MB it stays in the core's cache. Run it with
 * {@code -t 1} and {@code -t 2}: JMH sums the threads' throughput, so the ratio of the two scores is the most any
 * engine can gain from a second worker on such work on this machine.
 *
 * <pre>{@code
 * bin/bench MachineScaling -t 1 ; bin/bench MachineScaling -t 2
 * }</pre>
 *
 * Cost: {@code tableMb} MB of heap per thread, one dependent random access per operation.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class MachineScaling {
    private static final int OPS = 1 << 16;

    /** Table size per thread, in MB. */
    @Param({"1", "256"})
    public int tableMb;

    private long[] table;
    private long seed;

    @Setup
    public void setUp() {
        table = new long[tableMb << 17];
        for (int i = 0; i < table.length; i++) {
            table[i] = i;
        }
        seed = System.identityHashCode(this);
    }

    /** {@value #OPS} random read-modify-writes of the thread's table (an LCG picks the slots). */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public long randomUpdates() {
        long[] t = table;
        int mask = t.length - 1;
        long x = seed;
        long sum = 0;
        for (int i = 0; i < OPS; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            int j = (int) (x >>> 33) & mask;
            sum += t[j];
            t[j] = sum;
        }
        seed = x;
        return sum;
    }
}
