package org.jdbsp.operators.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.OutputHandle;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.ZSet;

/** Shared rows and the seeded incremental-vs-naive harness of the aggregate tests. */
final class AggregateTestSupport {
    private AggregateTestSupport() {
    }

    /** A test row: group, value, unique id. */
    record Sale(int region, long amount, int id) {
    }

    static Sale sale(int region, long amount, int id) {
        return new Sale(region, amount, id);
    }

    /** A circuit with one input "in" and one output "o" in the given mode. */
    static final class Rig<R> {
        final InputHandle<Sale> in;
        final OutputHandle<R> out;
        final Circuit circuit;

        Rig(Mode mode, Function<Stream<Sale>, Stream<R>> query) {
            CircuitBuilder b = new CircuitBuilder(mode);
            in = b.input("in");
            out = b.output("o", query.apply(in.stream()));
            circuit = b.build();
        }

        ZSet<R> step() {
            circuit.step();
            return out.delta();
        }
    }

    /**
     * Random inserts, deletes (half of them of the current minimum or maximum of a group), re-inserts with
     * weight 2 and updates over many steps; at every step the incremental view must equal the naive view.
     */
    static <R> void randomIncrementalMatchesNaive(String what, Function<Stream<Sale>, Stream<R>> query) {
        for (long seed = 1; seed <= 30; seed++) {
            Random r = new Random(seed);
            Rig<R> inc = new Rig<>(Mode.INCREMENTAL, query);
            Rig<R> nai = new Rig<>(Mode.NAIVE, query);
            List<Sale> live = new ArrayList<>();
            int nextId = 0;
            int regions = 1 + r.nextInt(5);
            for (int step = 0; step < 80; step++) {
                int changes = r.nextInt(6);
                for (int c = 0; c < changes; c++) {
                    int op = r.nextInt(10);
                    if (op < 5 || live.isEmpty()) {
                        Sale s = sale(r.nextInt(regions), r.nextInt(41) - 20, nextId++);
                        long w = r.nextInt(4) == 0 ? 2 : 1;
                        for (int k = 0; k < w; k++) {
                            live.add(s);
                        }
                        inc.in.push(s, w);
                        nai.in.push(s, w);
                    } else if (op < 8) {
                        // delete the current min or max row of a random live row's group
                        int region = live.get(r.nextInt(live.size())).region();
                        boolean wantMax = r.nextBoolean();
                        Sale best = null;
                        for (Sale s : live) {
                            if (s.region() == region && (best == null
                                    || (wantMax ? s.amount() > best.amount() : s.amount() < best.amount()))) {
                                best = s;
                            }
                        }
                        live.remove(best);
                        inc.in.delete(best);
                        nai.in.delete(best);
                    } else if (op < 9) {
                        Sale s = live.remove(r.nextInt(live.size()));
                        inc.in.delete(s);
                        nai.in.delete(s);
                    } else {
                        Sale old = live.remove(r.nextInt(live.size()));
                        Sale now = sale(r.nextBoolean() ? old.region() : r.nextInt(regions),
                                old.amount() + r.nextInt(7) - 3, nextId++);
                        live.add(now);
                        inc.in.update(old, now);
                        nai.in.update(old, now);
                    }
                }
                inc.circuit.step();
                nai.circuit.step();
                assertEquals(nai.out.view(), inc.out.view(), what + ": seed " + seed + " step " + step);
            }
            // delete everything: every group disappears
            for (Sale s : live) {
                inc.in.delete(s);
                nai.in.delete(s);
            }
            inc.circuit.step();
            nai.circuit.step();
            assertEquals(ZSet.of(), inc.out.view(), what + ": seed " + seed + " after deleting everything");
            assertEquals(ZSet.of(), nai.out.view(), what + ": seed " + seed + " after deleting everything");
        }
    }

    static <R> ZSet<R> zset(Object... rowsAndWeights) {
        ZSet<R> z = new ZSet<>();
        for (int i = 0; i < rowsAndWeights.length; i += 2) {
            @SuppressWarnings("unchecked")
            R row = (R) rowsAndWeights[i];
            z.add(row, ((Number) rowsAndWeights[i + 1]).longValue());
        }
        return z;
    }
}
