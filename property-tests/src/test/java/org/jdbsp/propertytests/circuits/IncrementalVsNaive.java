package org.jdbsp.propertytests.circuits;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.OutputHandle;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.ZSet;

/**
 * Runs the same wiring as an incremental and as a naive circuit on one run of changes and checks that the
 * outputs agree at every step: same change, same view. Changes are kept valid for a table: a delete of a row
 * not present becomes an insert, so every input stays a multiset (weights >= 0).
 */
public final class IncrementalVsNaive {
    /** Wires a query over {@code inputs} streams of rows and returns its output stream. */
    @FunctionalInterface
    public interface Wiring {
        Stream<?> wire(CircuitBuilder b, List<Stream<Row>> inputs);
    }

    private IncrementalVsNaive() {
    }

    public static void check(String query, int inputs, Wiring wiring, List<List<Change>> run) {
        Runner inc = new Runner(Mode.INCREMENTAL, inputs, wiring);
        Runner naive = new Runner(Mode.NAIVE, inputs, wiring);
        List<Map<Row, Integer>> present = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            present.add(new HashMap<>());
        }
        for (int step = 0; step < run.size(); step++) {
            for (Change ch : run.get(step)) {
                Map<Row, Integer> p = present.get(ch.input());
                boolean insert = ch.insert() || p.getOrDefault(ch.row(), 0) == 0;
                p.merge(ch.row(), insert ? 1 : -1, Integer::sum);
                inc.push(ch.input(), ch.row(), insert ? 1 : -1);
                naive.push(ch.input(), ch.row(), insert ? 1 : -1);
            }
            inc.circuit.step();
            naive.circuit.step();
            ZSet<?> vi = inc.out.view();
            ZSet<?> vn = naive.out.view();
            if (!vi.equals(vn) || !inc.out.delta().equals(naive.out.delta())) {
                throw new AssertionError(query + ": incremental and naive differ at step " + step
                        + "\n  incremental view:  " + vi + "\n  naive view:        " + vn
                        + "\n  incremental delta: " + inc.out.delta() + "\n  naive delta:       "
                        + naive.out.delta() + "\n  run: " + run.subList(0, step + 1));
            }
        }
    }

    private static final class Runner {
        final Circuit circuit;
        final List<InputHandle<Row>> handles = new ArrayList<>();
        final OutputHandle<?> out;

        Runner(Mode mode, int inputs, Wiring wiring) {
            CircuitBuilder b = new CircuitBuilder(mode);
            List<Stream<Row>> streams = new ArrayList<>();
            for (int i = 0; i < inputs; i++) {
                InputHandle<Row> h = b.input("in" + i);
                handles.add(h);
                streams.add(h.stream());
            }
            out = b.output("out", wiring.wire(b, streams));
            circuit = b.build();
        }

        void push(int input, Row row, long weight) {
            handles.get(input).push(row, weight);
        }
    }
}
