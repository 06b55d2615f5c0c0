package org.jdbsp.operators.join;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.OutputHandle;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.ZSet;

/** Shared fixtures for the linear and join tests: a row type, weighted Z-set literals, twin circuits. */
public final class JoinTestSupport {
    private JoinTestSupport() {
    }

    /** A row with a small integer key and a value. */
    public record Row(int k, String v) {
        @Override
        public String toString() {
            return k + v;
        }
    }

    public static Row row(int k, String v) {
        return new Row(k, v);
    }

    /** A Z-set literal from alternating (element, weight) arguments. */
    @SuppressWarnings("unchecked")
    public static <T> ZSet<T> z(Object... elementWeight) {
        ZSet<T> z = new ZSet<>();
        for (int i = 0; i < elementWeight.length; i += 2) {
            z.add((T) elementWeight[i], ((Number) elementWeight[i + 1]).longValue());
        }
        return z;
    }

    /** Wires an operator under test on two inputs. */
    public interface TwoInputWiring<R> {
        Stream<R> wire(Stream<Row> x, Stream<Row> y);
    }

    /** A circuit with inputs "x", "y" and output "o", built in one mode. */
    public static final class Rig<R> {
        public final Circuit circuit;
        public final InputHandle<Row> x;
        public final InputHandle<Row> y;
        public final OutputHandle<R> o;

        public Rig(Mode mode, TwoInputWiring<R> wiring) {
            CircuitBuilder b = new CircuitBuilder(mode);
            x = b.input("x");
            y = b.input("y");
            o = b.output("o", wiring.wire(x.stream(), y.stream()));
            circuit = b.build();
        }

        public void step() {
            circuit.step();
        }
    }

    /**
     * Random inserts and deletes (mostly of present rows, sometimes arbitrary weights) into both inputs of an
     * incremental and a naive circuit; checks the views are equal after every step. Keys in 0..keys-1, values
     * in a..a+values-1, so matches, deletions and cancellations are frequent.
     */
    public static <R> void randomCompare(long seed, int steps, int keys, int values, TwoInputWiring<R> wiring) {
        Rig<R> inc = new Rig<>(Mode.INCREMENTAL, wiring);
        Rig<R> naive = new Rig<>(Mode.NAIVE, wiring);
        Random rnd = new Random(seed);
        List<Row> liveX = new ArrayList<>();
        List<Row> liveY = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            int changes = rnd.nextInt(5);
            for (int c = 0; c < changes; c++) {
                boolean left = rnd.nextBoolean();
                List<Row> live = left ? liveX : liveY;
                InputHandle<Row> hi = left ? inc.x : inc.y;
                InputHandle<Row> hn = left ? naive.x : naive.y;
                int kind = rnd.nextInt(10);
                Row r;
                long w;
                if (kind < 5 || live.isEmpty()) {
                    r = row(rnd.nextInt(keys), String.valueOf((char) ('a' + rnd.nextInt(values))));
                    w = 1;
                    live.add(r);
                } else if (kind < 9) {
                    r = live.remove(rnd.nextInt(live.size()));
                    w = -1;
                } else {
                    // an arbitrary weight, possibly negative: general Z-set inputs
                    r = row(rnd.nextInt(keys), String.valueOf((char) ('a' + rnd.nextInt(values))));
                    w = rnd.nextInt(5) - 2;
                }
                hi.push(r, w);
                hn.push(r, w);
            }
            inc.step();
            naive.step();
            assertEquals(naive.o.view(), inc.o.view(), "seed " + seed + ", step " + step);
            assertEquals(naive.o.delta(), inc.o.delta(), "delta; seed " + seed + ", step " + step);
        }
    }

    /** A combine function that pairs, rendering a missing side as null. */
    public static final BiFunction<Row, Row, Pair<Row, Row>> PAIR = Pair::new;
}
