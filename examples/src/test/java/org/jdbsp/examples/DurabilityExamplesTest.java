package org.jdbsp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.jdbsp.circuit.CheckpointStore;
import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.CircuitRuntime;
import org.jdbsp.circuit.DurableCircuit;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.Workers;
import org.jdbsp.circuit.state.RowCodec;
import org.jdbsp.circuit.state.RowCodecs;
import org.jdbsp.circuit.state.StateReader;
import org.jdbsp.circuit.state.StateWriter;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snippets of {@code docs/durability.md}: every line of its Java blocks is code of this class (checked by the
 * last test), and the tests assert what the document says they do.
 */
class DurabilityExamplesTest {
    @TempDir
    Path dir;

    record Sale(String region, long amount) {
    }

    record Revenue(String region, long total) {
    }

    static Circuit buildRevenue() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Sale> sales = b.input("sales", Sale.class);
        b.output("revenue", Aggregates.sum(sales.stream(), Sale::region, Sale::amount, Revenue::new));
        return b.build();
    }

    /** What the consumer took: each step's changes, once. */
    final TreeMap<Long, ZSet<?>> published = new TreeMap<>();
    long lastPublished;

    void publish(long step, CircuitRuntime c) {
        if (step <= lastPublished) {
            return; // a step replayed after a crash: already published
        }
        published.put(step, c.output("revenue").delta());
        lastPublished = step;
    }

    @Test
    void aDurableCircuitSurvivesACrash() {
        Path stateDir = dir.resolve("revenue");
        // -- durable circuit
        DurableCircuit c = DurableCircuit.open(stateDir, DurabilityExamplesTest::buildRevenue, this::publish);
        c.input("sales", Sale.class).insert(new Sale("EU", 30));
        c.step();                                   // step 1: journaled, then run
        c.checkpoint();                             // the state after step 1
        c.input("sales", Sale.class).insert(new Sale("EU", 20));
        c.step();                                   // step 2: in the journal only
        // -- the process dies here; a new one opens the same directory
        DurableCircuit again = DurableCircuit.open(stateDir, DurabilityExamplesTest::buildRevenue, this::publish);
        System.out.println(again.recovery());
        System.out.println(again.output("revenue").view());
        // prints Recovery[restored=Restored[... step=1 ...], replayedFrom=2, replayedSteps=1, notes=[]]
        // prints {Revenue[region=EU, total=50] => 1}
        assertEquals(1, again.recovery().restored().step());
        assertEquals(1, again.recovery().replayedSteps());
        assertEquals(ZSet.of(new Revenue("EU", 50)), again.output("revenue").view());
        assertEquals(2, again.stepCount());
        assertEquals(List.of(1L, 2L), new ArrayList<>(published.keySet()), "each step published once");
    }

    @Test
    void checkpointsByHandOntoAnotherWorkerCount() {
        Path checkpoints = dir.resolve("checkpoints");
        Circuit one = buildRevenue();
        one.input("sales", Sale.class).insert(new Sale("US", 7));
        one.step();
        // -- checkpoint store
        CheckpointStore store = CheckpointStore.open(checkpoints).keep(2);
        store.save(one);                            // after step 1
        CircuitRuntime two = Workers.build(2, Mode.INCREMENTAL, b -> {
            InputHandle<Sale> sales = b.input("sales", Sale.class);
            b.output("revenue", Aggregates.sum(sales.stream(), Sale::region, Sale::amount, Revenue::new));
        });
        store.restore(two);                         // re-partitioned onto 2 workers
        System.out.println(two.stepCount() + " " + two.output("revenue").view());
        // prints 1 {Revenue[region=US, total=7] => 1}
        assertEquals(1, two.stepCount());
        assertEquals(ZSet.of(new Revenue("US", 7)), two.output("revenue").view());
        two.close();
    }

    /** A row type that is neither a record nor a built-in type. */
    static final class Point {
        final int x;
        final int y;

        Point(int x, int y) {
            this.x = x;
            this.y = y;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Point p && p.x == x && p.y == y;
        }

        @Override
        public int hashCode() {
            return 31 * x + y;
        }
    }

    static Circuit buildPoints() {
        CircuitBuilder b = CircuitBuilder.incremental();
        b.output("points", b.input("points", Point.class).stream());
        return b.build();
    }

    @Test
    void aCodecForAnotherRowType() {
        // -- codec
        RowCodec<Point> points = new RowCodec<>() {
            public String id() {
                return "example.point";             // written once per file, stable across runs
            }

            public void write(Point p, StateWriter out) {
                out.writeInt(p.x);
                out.writeInt(p.y);
            }

            public Point read(StateReader in) {
                return new Point(in.readInt(), in.readInt());
            }
        };
        CheckpointStore store = CheckpointStore.open(dir).codecs(RowCodecs.standard().with(Point.class, points));
        Circuit c = buildPoints();
        c.input("points", Point.class).insert(new Point(1, 2));
        c.step();
        store.save(c);
        Circuit back = buildPoints();
        store.restore(back);
        assertEquals(c.output("points").view(), back.output("points").view());
    }

    /** Every line of the document's Java blocks is a line of this class. */
    @Test
    void theDocumentShowsThisCode() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("docs/durability.md"))) {
            root = root.getParent();
        }
        List<String> doc = Files.readAllLines(root.resolve("docs/durability.md"), StandardCharsets.UTF_8);
        String self = Files.readString(root.resolve(
                "examples/src/test/java/org/jdbsp/examples/DurabilityExamplesTest.java"), StandardCharsets.UTF_8);
        List<String> code = new ArrayList<>();
        for (String l : self.split("\n")) {
            code.add(l.strip());
        }
        boolean java = false;
        int lines = 0;
        for (String l : doc) {
            if (l.startsWith("```")) {
                java = l.equals("```java");
                continue;
            }
            if (java && !l.isBlank()) {
                assertTrue(code.contains(l.strip()), "docs/durability.md shows code this test does not run: " + l);
                lines++;
            }
        }
        assertTrue(lines > 20, "the document shows the examples");
    }
}
