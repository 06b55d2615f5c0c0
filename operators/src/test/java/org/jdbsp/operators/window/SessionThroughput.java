package org.jdbsp.operators.window;

import java.util.Locale;
import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.OutputHandle;

/**
 * Throughput of incremental session windows on long sessions (not a test: run by hand).
 * {@code keys} keys, each with one event every second (gap 10 s), so every key has one session that never
 * closes; events pushed in batches of {@code batch}. Prints events/s. Arguments: events keys batch rounds.
 */
public final class SessionThroughput {
    private SessionThroughput() {
    }

    record Ev(long key, long time) {
    }

    static double run(int events, int keys, int batch) {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Ev> in = b.input("in");
        OutputHandle<Session<Long>> out = b.output("s", Windows.session(in.stream(), Ev::key, Ev::time, 10_000));
        Circuit c = b.build();
        long t0 = System.nanoTime();
        for (int i = 0; i < events; ) {
            for (int j = 0; j < batch && i < events; j++, i++) {
                in.insert(new Ev(i % keys, (long) (i / keys) * 1000));
            }
            c.step();
        }
        long ns = System.nanoTime() - t0;
        if (out.view().size() != Math.min(keys, events)) {
            throw new AssertionError("expected one session per key, got " + out.view().size());
        }
        return events / (ns / 1e9);
    }

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int keys = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        run(events / 4, keys, batch); // warm-up
        for (int r = 0; r < rounds; r++) {
            System.out.printf(Locale.ROOT, "session: %d events, %d keys, 1 s apart, gap 10 s, batches of %d: "
                    + "%.0f events/s%n", events, keys, batch, run(events, keys, batch));
        }
    }
}
