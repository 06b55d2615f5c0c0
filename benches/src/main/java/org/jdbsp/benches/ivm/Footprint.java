package org.jdbsp.benches.ivm;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.jdbsp.circuit.Mode;

/**
 * Heap bytes per state row of each view: used heap (after full GCs) with the set-up workload alive minus used heap
 * before it, divided by {@code circuit.stateRows()}. The bytes include the row objects the state refers to, the
 * output view and the dimension table. Writes JSON for {@code bin/charts}:
 * {@code java -cp benches/target/benchmarks.jar org.jdbsp.benches.ivm.Footprint 100000 results/footprint.json}.
 */
public final class Footprint {
    private Footprint() {
    }

    public static void main(String[] args) throws IOException {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path out = Path.of(args.length > 1 ? args[1] : "results/footprint.json");
        StringBuilder json = new StringBuilder("{\"kind\": \"footprint\", \"rows\": [\n");
        boolean first = true;
        for (Workload.View v : Workload.View.values()) {
            for (Mode m : Mode.values()) {
                long before = used();
                Workload w = new Workload(v, m, size, Math.max(1, size / 1000), Workload.Inject.NONE);
                w.step();
                long after = used();
                long rows = w.circuit().stateRows();
                long bytes = after - before;
                System.out.printf(Locale.ROOT, "%-10s %-11s state rows %,10d  heap %,13d B  %6.1f B/state row%n", v,
                        m, rows, bytes, (double) bytes / rows);
                json.append(first ? "" : ",\n").append(String.format(Locale.ROOT,
                        "{\"view\": \"%s\", \"mode\": \"%s\", \"size\": %d, \"stateRows\": %d, \"bytes\": %d}", v,
                        m.name().toLowerCase(Locale.ROOT), size, rows, bytes));
                first = false;
                if (w.size() < 0) {
                    System.out.println(w); // keeps w reachable until after the measurement
                }
            }
        }
        json.append("\n]}\n");
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, json.toString(), StandardCharsets.UTF_8);
        System.out.println("footprint: wrote " + out);
    }

    private static long used() {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            best = Math.min(best, mem.getHeapMemoryUsage().getUsed());
        }
        return best;
    }
}
