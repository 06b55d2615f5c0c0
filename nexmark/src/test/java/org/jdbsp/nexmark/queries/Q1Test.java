package org.jdbsp.nexmark.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import org.jdbsp.circuit.Mode;
import org.jdbsp.nexmark.model.Auction;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

class Q1Test {
    private final Q1 q = new Q1();

    @Test
    void conversionIsExact() {
        assertEquals(new BigDecimal("1120.472"), Q1.toEuros(1234));
        assertEquals(new BigDecimal("0.908"), Q1.toEuros(1));
        assertEquals(new BigDecimal("0.000"), Q1.toEuros(0));
        assertEquals(new BigDecimal("9080000000.000"), Q1.toEuros(10_000_000_000L));
        assertThrows(ArithmeticException.class, () -> Q1.toEuros(Long.MAX_VALUE / 100));
    }

    @Test
    void literal() {
        List<Event> events = List.of(
                new Bid(7, 3, 1234, "Google", "u", 1000, "pad"),
                new Auction(7, "i", "d", 1, 2, 900, 5000, 5, 10, ""),
                new Bid(8, 4, 1, "Apple", "u", 1001, ""));
        ZSet<Q1.Row> expected = ZSet.of(
                new Q1.Row(7, 3, new BigDecimal("1120.472"), 1000, "pad"),
                new Q1.Row(8, 4, new BigDecimal("0.908"), 1001, ""));
        assertEquals(expected, q.reference(events));
        for (Mode mode : Mode.values()) {
            QueryCircuit<Q1.Row> qc = new QueryCircuit<>(q, mode);
            for (Event e : events) {
                qc.push(e);
                qc.step();
            }
            assertEquals(expected, qc.output().view(), mode.toString());
        }
    }

    @Test
    void largeBatches() {
        QueryChecks.check(q, QueryChecks.events(30_000), Mode.INCREMENTAL, 5_000, 1);
    }

    @Test
    void smallRandomBatches() {
        QueryChecks.check(q, QueryChecks.events(30_000), Mode.INCREMENTAL, 150, 2);
    }

    @Test
    void naive() {
        QueryChecks.check(q, QueryChecks.events(3_000), Mode.NAIVE, 500, 3);
    }
}
