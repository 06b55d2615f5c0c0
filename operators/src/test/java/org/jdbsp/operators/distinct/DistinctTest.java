package org.jdbsp.operators.distinct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.CircuitRuntime;
import org.jdbsp.circuit.Workers;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.OperatorFailedException;
import org.jdbsp.circuit.OutputHandle;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DistinctTest {

    @Test
    void literalBothModes() {
        for (Mode mode : Mode.values()) {
            CircuitBuilder b = new CircuitBuilder(mode);
            InputHandle<String> in = b.input("in");
            OutputHandle<String> out = b.output("d", Distinct.distinct(in.stream()));
            Circuit c = b.build();

            in.push("a", 3);
            in.insert("b");
            c.step();
            assertEquals(ZSet.of("a", "b"), out.delta(), mode.name());

            in.push("a", -2); // a still present with weight 1
            in.delete("b");   // b gone
            in.push("c", -1); // negative weight: not in the distinct set
            c.step();
            assertEquals(ZSet.builder(1).add("b", -1).build(), out.delta(), mode.name());
            assertEquals(ZSet.of("a"), out.view(), mode.name());

            in.push("c", 2); // c goes from -1 to 1
            in.delete("a");  // a goes to 0
            c.step();
            assertEquals(ZSet.builder(2).add("c", 1).add("a", -1).build(), out.delta(), mode.name());
            assertEquals(ZSet.of("c"), out.view(), mode.name());

            c.step(); // no change
            assertEquals(ZSet.of(), out.delta(), mode.name());
        }
    }

    @Test
    void stateIsIntegratedInput() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Integer> in = b.input("in");
        b.output("d", Distinct.distinct(in.stream()));
        Circuit c = b.build();
        in.insert(1);
        in.insert(2);
        in.insert(2);
        c.step();
        in.delete(1);
        c.step();
        // the distinct operator keeps one row (2 => 2); the output handle keeps its view
        long distinctRows = c.stateRowsByOperator().entrySet().stream()
                .filter(e -> e.getKey().startsWith("distinct")).mapToLong(java.util.Map.Entry::getValue).sum();
        assertEquals(1, distinctRows);
    }

    @Test
    void weightOverflowFailsTheStepAndLeavesStateUnchanged() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<String> in = b.input("in");
        OutputHandle<String> out = b.output("d", Distinct.distinct(in.stream()));
        Circuit c = b.build();
        in.push("a", Long.MAX_VALUE);
        c.step();
        in.insert("a");
        OperatorFailedException e = assertThrows(OperatorFailedException.class, c::step);
        assertTrue(e.operator().startsWith("distinct#"), e.getMessage());
        in.clearPending();
        in.push("a", -Long.MAX_VALUE); // the failed step changed nothing: a goes back to 0
        c.step();
        assertEquals(ZSet.of(), out.view());
        assertEquals(ZSet.builder(1).add("a", -1).build(), out.delta());
    }

    @Test
    void randomIncrementalMatchesNaive() {
        for (long seed = 1; seed <= 20; seed++) {
            Random r = new Random(seed);
            CircuitBuilder bi = CircuitBuilder.incremental();
            CircuitBuilder bn = CircuitBuilder.naive();
            InputHandle<Integer> ii = bi.input("in");
            InputHandle<Integer> in = bn.input("in");
            OutputHandle<Integer> oi = bi.output("o", Distinct.distinct(ii.stream()));
            OutputHandle<Integer> on = bn.output("o", Distinct.distinct(in.stream()));
            Circuit ci = bi.build();
            Circuit cn = bn.build();
            ZSet<Integer> truth = new ZSet<>();
            for (int step = 0; step < 60; step++) {
                int changes = r.nextInt(8);
                for (int k = 0; k < changes; k++) {
                    int e = r.nextInt(12);
                    long w = r.nextInt(5) - 2;
                    if (w == 0) {
                        continue;
                    }
                    ii.push(e, w);
                    in.push(e, w);
                    truth.add(e, w);
                }
                ci.step();
                cn.step();
                assertEquals(on.view(), oi.view(), "seed " + seed + " step " + step);
                assertEquals(truth.distinct(), oi.view(), "seed " + seed + " step " + step);
            }
        }
    }

    /** An element a code of two longs identifies. */
    record Item(long a, long b) {
    }

    private static Stream<Item> byCode(Stream<Item> in, boolean pairs) {
        return pairs ? Distinct.distinctByLongs(in, Item::a, Item::b)
                : Distinct.distinctByLong(in, x -> x.a() << 20 | x.b());
    }

    @ParameterizedTest(name = "pairs {0}")
    @CsvSource({"true", "false"})
    void byCodeLiteralBothModes(boolean pairs) {
        for (Mode mode : Mode.values()) {
            CircuitBuilder b = new CircuitBuilder(mode);
            InputHandle<Item> in = b.input("in");
            OutputHandle<Item> out = b.output("d", byCode(in.stream(), pairs));
            Circuit c = b.build();
            Item x = new Item(1, 2);
            Item y = new Item(2, 1);
            Item z = new Item(1, 3);
            in.push(x, 3);
            in.insert(y);
            c.step();
            assertEquals(ZSet.of(x, y), out.delta(), mode.name());
            in.push(x, -2);
            in.delete(y);
            in.push(z, -1);
            c.step();
            assertEquals(ZSet.builder(1).add(y, -1).build(), out.delta(), mode.name());
            in.push(z, 2);
            in.delete(x);
            c.step();
            assertEquals(ZSet.builder(2).add(z, 1).add(x, -1).build(), out.delta(), mode.name());
            assertEquals(ZSet.of(z), out.view(), mode.name());
        }
    }

    @ParameterizedTest(name = "pairs {0}")
    @CsvSource({"true", "false"})
    void byCodeOverflowFailsTheStepAndLeavesStateUnchanged(boolean pairs) {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Item> in = b.input("in");
        OutputHandle<Item> out = b.output("d", byCode(in.stream(), pairs));
        Circuit c = b.build();
        Item x = new Item(4, 5);
        in.push(x, Long.MAX_VALUE);
        c.step();
        in.insert(new Item(7, 7));
        in.insert(x);
        OperatorFailedException e = assertThrows(OperatorFailedException.class, c::step);
        assertTrue(e.operator().startsWith("distinct#"), e.getMessage());
        in.clearPending();
        in.push(x, -Long.MAX_VALUE);
        in.insert(new Item(7, 7));
        c.step();
        assertEquals(ZSet.of(new Item(7, 7)), out.view());
        assertEquals(ZSet.builder(2).add(x, -1).add(new Item(7, 7), 1).build(), out.delta());
    }

    /** A later operator fails: the distinct's state goes back to what it was before the step. */
    @ParameterizedTest(name = "pairs {0}")
    @CsvSource({"true", "false"})
    void byCodeTakesBackAStepThatFailsLater(boolean pairs) {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Item> in = b.input("in");
        OutputHandle<Item> out = b.output("d", Linear.map(byCode(in.stream(), pairs), x -> {
            if (x.a() == 1_000_000) {
                throw new IllegalStateException("refused");
            }
            return x;
        }));
        Circuit c = b.build();
        for (long i = 0; i < 20_000; i++) { // enough to grow the table
            in.insert(new Item(i, i % 7));
        }
        c.step();
        for (long i = 0; i < 20_000; i += 2) {
            in.delete(new Item(i, i % 7));
        }
        in.insert(new Item(1_000_000, 0));
        assertThrows(OperatorFailedException.class, c::step);
        in.clearPending();
        in.delete(new Item(1, 1));
        in.insert(new Item(0, 0));
        c.step();
        assertEquals(ZSet.builder(1).add(new Item(1, 1), -1).build(), out.delta(),
                "(0, 0) was still there: the failed step's deletions were taken back");
        assertEquals(19_999, out.view().size());
    }

    /**
     * Seeded random changes (inserts, deletes, negative weights) over 40,000 x 3 elements: the coded distinct on 1-3
     * workers (single codes on 2) equals the naive distinct at every step, while its tables grow.
     */
    @Test
    void byCodeRandomMatchesTheNaiveDistinctOnWorkers() {
        for (long seed = 1; seed <= 4; seed++) {
            List<CircuitRuntime> runtimes = new ArrayList<>();
            for (int workers = 1; workers <= 3; workers++) {
                boolean pairs = workers != 2;
                runtimes.add(Workers.build(workers, Mode.INCREMENTAL,
                        b -> b.output("o", byCode(b.<Item>input("in").stream(), pairs))));
            }
            runtimes.add(Workers.build(1, Mode.NAIVE, b -> b.output("o", Distinct.distinct(b.<Item>input("in").stream()))));
            try {
                Random r = new Random(seed);
                for (int step = 0; step < 30; step++) {
                    int changes = r.nextInt(4000);
                    for (int k = 0; k < changes; k++) {
                        Item e = new Item(r.nextInt(40_000), r.nextInt(3));
                        long w = r.nextInt(5) - 2;
                        if (w != 0) {
                            for (CircuitRuntime c : runtimes) {
                                c.input("in", Item.class).push(e, w);
                            }
                        }
                    }
                    for (CircuitRuntime c : runtimes) {
                        c.step();
                    }
                    ZSet<Item> expected = runtimes.get(3).output("o", Item.class).view();
                    for (int i = 0; i < 3; i++) {
                        assertEquals(expected, runtimes.get(i).output("o", Item.class).view(),
                                "seed " + seed + " step " + step + " workers " + (i + 1));
                    }
                }
                assertTrue(runtimes.get(0).stateRows() > 40_000, "the state should have grown");
            } finally {
                runtimes.forEach(CircuitRuntime::close);
            }
        }
    }
}
