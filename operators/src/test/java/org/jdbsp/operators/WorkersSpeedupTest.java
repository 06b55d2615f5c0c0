package org.jdbsp.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.WorkerCircuit;
import org.jdbsp.circuit.Workers;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.operators.join.Joins;
import org.junit.jupiter.api.Test;

/**
 * A synthetic join + grouped sum for measuring the multi-worker speed-up; {@link #main} measures, the test only
 * checks (on a small run) that 1 and 2 workers agree. Orders (id, customer, amount) join customers (customer,
 * region) on the customer ({@code joinOnLong}); the result is summed per region ({@code sumByLong}, 1,000
 * regions). The inputs are loaded in steps of {@code step} changes (customers first, interleaved with orders):
 * {@code rows} rows in all, 1/10 of them customers. Throughput is input changes per second, including pushing
 * them.
 *
 * <pre>
 * java -cp operators/target/test-classes:operators/target/classes:circuit/target/classes:zset/target/classes \
 *     org.jdbsp.operators.WorkersSpeedupTest [rows=1000000] [step=10000] [rounds=2]
 * </pre>
 */
class WorkersSpeedupTest {
    record Order(long id, long customer, long amount) {
    }

    record Customer(long customer, long region) {
    }

    record Total(long region, long amount) {
    }

    static final class Run {
        final WorkerCircuit<Void> circuit;

        Run(int workers) {
            circuit = Workers.build(workers, Mode.INCREMENTAL, b -> {
                InputHandle<Order> orders = b.input("orders");
                InputHandle<Customer> customers = b.input("customers");
                var joined = Joins.joinOnLong(orders.stream(), customers.stream(), Order::customer,
                        Customer::customer, (o, c) -> new Total(c.region(), o.amount()));
                b.output("totals", Aggregates.sumByLong(joined, Total::region, Total::amount, Total::new));
            });
        }
    }

    /** Deterministic data: {@code rows} changes, customers interleaved ahead of the orders that need them. */
    static Object[] data(int rows) {
        int customers = rows / 10;
        Object[] all = new Object[rows];
        SplittableRandom rnd = new SplittableRandom(42);
        int c = 0;
        int o = 0;
        for (int i = 0; i < rows; i++) {
            if (i % 10 == 0 && c < customers) {
                all[i] = new Customer(c, c % 1000);
                c++;
            } else {
                all[i] = new Order(o++, rnd.nextInt(customers), 1 + rnd.nextInt(1000));
            }
        }
        return all;
    }

    static long pushNanos;

    /** Loads all rows in steps; returns nanoseconds. */
    @SuppressWarnings("unchecked")
    static long load(Run run, Object[] data, int step) {
        var orders = run.circuit.input("orders", Order.class);
        var customers = run.circuit.input("customers", Customer.class);
        long t0 = System.nanoTime();
        pushNanos = 0;
        for (int i = 0; i < data.length; i += step) {
            long p0 = System.nanoTime();
            int end = Math.min(data.length, i + step);
            for (int j = i; j < end; j++) {
                Object r = data[j];
                if (r instanceof Order ord) {
                    orders.insert(ord);
                } else {
                    customers.insert((Customer) r);
                }
            }
            pushNanos += System.nanoTime() - p0;
            run.circuit.step();
        }
        return System.nanoTime() - t0;
    }

    /** Events per second, and the CPU-bound estimate: 1-worker thread CPU over the critical path's CPU. */
    static double[] measure(int workers, Object[] data, int step) {
        System.gc();
        Run run = new Run(workers);
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        try {
            long cpu0 = os.getProcessCpuTime();
            long main0 = threads.getCurrentThreadCpuTime();
            long ns = load(run, data, step);
            long cpu = os.getProcessCpuTime() - cpu0;
            long mainCpu = threads.getCurrentThreadCpuTime() - main0;
            long maxWorker = 0;
            StringBuilder per = new StringBuilder();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("jdbsp-worker-")) {
                    long c = threads.getThreadCpuTime(t.getId());
                    maxWorker = Math.max(maxWorker, c);
                    per.append(String.format(Locale.ROOT, " %s=%.2fs", t.getName(), c / 1e9));
                }
            }
            long sizeCheck = run.circuit.output("totals").viewSize();
            double eps = data.length / (ns / 1e9);
            // the caller pushes, then runs worker 0 while the threads run the others: the critical path is the
            // busier of the caller and the busiest worker thread (with one worker, the caller alone)
            double criticalCpu = Math.max(mainCpu, maxWorker) / 1e9;
            System.out.printf(Locale.ROOT, "workers=%d rows=%d step=%d: %.2f s wall (push %.2f s), %.0f events/s; "
                    + "process cpu %.2f s (%.2f cores available on average); caller thread cpu %.2f s%s "
                    + "(groups %d, state %d rows)%n", workers, data.length, step, ns / 1e9, pushNanos / 1e9, eps,
                    cpu / 1e9, (double) cpu / ns, mainCpu / 1e9, per, sizeCheck, run.circuit.stateRows());
            return new double[] {eps, criticalCpu};
        } finally {
            run.circuit.close();
        }
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int step = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        System.out.println("cores: " + Runtime.getRuntime().availableProcessors());
        // warm-up (JIT) on a fifth of the data, both configurations
        Object[] warm = data(rows / 5);
        measure(1, warm, step);
        measure(2, warm, step);
        Object[] data = data(rows);
        for (int r = 0; r < rounds; r++) {
            double[] one = measure(1, data, step);
            double[] two = measure(2, data, step);
            System.out.printf(Locale.ROOT, "round %d: wall-clock speed-up 2 workers / 1 worker = %.2fx; "
                    + "CPU critical-path estimate (1-worker cpu / max(caller, busiest worker thread cpu)) = %.2fx%n",
                    r + 1, two[0] / one[0], one[1] / two[1]);
        }
    }

    @Test
    void oneAndTwoWorkersAgree() {
        Object[] data = data(20_000);
        Run one = new Run(1);
        Run two = new Run(2);
        try {
            load(one, data, 1_000);
            load(two, data, 1_000);
            assertEquals(one.circuit.output("totals").view(), two.circuit.output("totals").view());
            assertEquals(1000, two.circuit.output("totals").viewSize());
        } finally {
            one.circuit.close();
            two.circuit.close();
        }
    }
}
