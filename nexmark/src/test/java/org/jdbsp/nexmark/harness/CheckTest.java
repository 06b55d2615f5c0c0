package org.jdbsp.nexmark.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.queries.NexmarkQuery;
import org.jdbsp.nexmark.queries.NexmarkStreams;
import org.jdbsp.nexmark.queries.Q0;
import org.jdbsp.nexmark.queries.Q2;
import org.jdbsp.nexmark.queries.Queries;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

class CheckTest {

    /** q2's circuit with a reference that disagrees: it loses one row per 2 and invents one. */
    static final class WrongQ2 implements NexmarkQuery<Q2.Row> {
        private final Q2 q2 = new Q2();

        @Override
        public String name() {
            return "q2";
        }

        @Override
        public String description() {
            return "q2 with a wrong reference";
        }

        @Override
        public Stream<Q2.Row> wire(CircuitBuilder b, NexmarkStreams in) {
            return q2.wire(b, in);
        }

        @Override
        public ZSet<Q2.Row> reference(List<Event> history) {
            ZSet<Q2.Row> right = q2.reference(history);
            ZSet<Q2.Row> wrong = new ZSet<>();
            int[] i = {0};
            right.forEach((row, w) -> {
                if (i[0]++ % 2 == 0) {
                    wrong.add(row, w);
                }
            });
            wrong.add(new Q2.Row(-123, 42), 3);
            return wrong;
        }
    }

    @Test
    void aWrongReferenceFailsTheRunNamingTheQueryAndRows() {
        HarnessRun r = HarnessRun.run(name -> name.equals("q2") ? new WrongQ2() : Queries.byName(name),
                "--query", "q0,q2", "--events", "20000", "--batch", "1000", "--warmup", "0", "--check");
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.err().contains("q2: final view differs from the reference"), r.toString());
        assertTrue(r.err().contains("expected 3, actual 0: Row[auction=-123, price=42]"), r.toString());
        long sampleLines = r.err().lines().filter(l -> l.startsWith("  expected ")).count();
        assertTrue(sampleLines > 1 && sampleLines <= 10, r.toString());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("q2 ") && l.endsWith("DIFFERS")), r.toString());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("q0 ") && l.endsWith("ok")), r.toString());
        assertTrue(r.err().contains("failed: q2 (differs from reference)"), r.toString());
    }

    @Test
    void aRightReferencePasses() {
        HarnessRun r = HarnessRun.run("--query", "q0,q2", "--events", "5000", "--batch", "700", "--warmup", "100",
                "--check");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().lines().filter(l -> l.endsWith(" ok")).count() == 2, r.toString());
    }

    @Test
    void aQueryThatThrowsFailsTheRunButOthersStillRun() {
        NexmarkQuery<Q0.Row> broken = new NexmarkQuery<>() {
            @Override
            public String name() {
                return "q1";
            }

            @Override
            public String description() {
                return "throws";
            }

            @Override
            public Stream<Q0.Row> wire(CircuitBuilder b, NexmarkStreams in) {
                return org.jdbsp.operators.linear.Linear.map(in.bids(), bid -> {
                    throw new IllegalStateException("boom");
                });
            }

            @Override
            public ZSet<Q0.Row> reference(List<Event> history) {
                return new ZSet<>();
            }
        };
        HarnessRun r = HarnessRun.run(name -> name.equals("q1") ? broken : Queries.byName(name),
                "--query", "q1,q0", "--events", "3000", "--warmup", "0");
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("q1 ") && l.endsWith("FAILED")), r.toString());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("q0 ") && l.endsWith("-")), r.toString());
        assertTrue(r.err().contains("boom"), r.toString());
    }
}
