package org.jdbsp.benches.ivm;

import java.lang.management.ManagementFactory;
import java.util.Locale;

import org.jdbsp.circuit.Mode;

/**
 * Runs one workload without JMH, for profiling and quick looks:
 * {@code java -cp benches/target/benchmarks.jar org.jdbsp.benches.ivm.Run JOIN_AGG incremental 50000 1000 10}
 * (view, mode, size, change, seconds). Prints time and bytes allocated per step once a second.
 */
public final class Run {
    private Run() {
    }

    public static void main(String[] args) {
        Workload.View view = Workload.View.valueOf(args[0]);
        Mode mode = Mode.valueOf(args[1].toUpperCase(Locale.ROOT));
        int size = Integer.parseInt(args[2]);
        int change = Workload.changeRows(args[3], size);
        double seconds = args.length > 4 ? Double.parseDouble(args[4]) : 10;
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long b0 = System.nanoTime();
        Workload w = new Workload(view, mode, size, change, Workload.Inject.fromSystemProperty());
        System.out.printf(Locale.ROOT, "setup %.2f s, state rows %,d%n", (System.nanoTime() - b0) / 1e9,
                w.circuit().stateRows());
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            long a0 = threads.getCurrentThreadAllocatedBytes();
            int n = 0;
            do {
                w.step();
                n++;
            } while (System.nanoTime() - t0 < 1_000_000_000L);
            System.out.printf(Locale.ROOT, "%.1f us/step, %.0f B/step (%d steps)%n",
                    (System.nanoTime() - t0) / 1e3 / n, (double) (threads.getCurrentThreadAllocatedBytes() - a0) / n, n);
        }
    }
}
