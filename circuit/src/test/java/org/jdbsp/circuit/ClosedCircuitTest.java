package org.jdbsp.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** After close(), every change pushed to an input fails naming it; outputs and pending changes stay readable. */
class ClosedCircuitTest {

    private static void wire(CircuitBuilder b) {
        InputHandle<Long> plain = b.input("plain", Long.class);
        InputHandle<Long> events = b.appendOnlyInput("events", Long.class);
        InputHandle<Long> strict = b.strictInput("strict", Long.class);
        KeyedInputHandle<Long, Long> keyed = b.keyedInput("keyed", Long.class, v -> v % 10);
        b.output("o", Long.class, plain.stream().plus(events.stream()).plus(strict.stream()).plus(keyed.stream()));
    }

    @Test
    void everyChangeToEveryInputFailsAfterClose() {
        for (Runtimes rt : Runtimes.all()) {
            CircuitRuntime c = rt.build(ClosedCircuitTest::wire);
            for (String name : List.of("plain", "events", "strict", "keyed")) {
                c.input(name, Long.class).insert(1L);
            }
            c.step();
            c.input("plain", Long.class).insert(2L); // pending at close
            c.close();
            for (String name : List.of("plain", "events", "strict", "keyed")) {
                Input<Long> in = c.input(name, Long.class);
                List<Map.Entry<String, Executable>> calls = List.of(
                        Map.entry("insert", () -> in.insert(3L)),
                        Map.entry("delete", () -> in.delete(1L)),
                        Map.entry("update", () -> in.update(1L, 4L)),
                        Map.entry("push", () -> in.push(5L, 1)),
                        Map.entry("push", () -> in.push(ZSet.of(6L))),
                        Map.entry("insertAll", () -> in.insertAll(new Long[] {7L}, 0, 1)),
                        Map.entry("clearPending", in::clearPending));
                for (Map.Entry<String, Executable> call : calls) {
                    IllegalStateException e = assertThrows(IllegalStateException.class, call.getValue(),
                            rt + " " + name + " " + call.getKey());
                    assertTrue(e.getMessage().startsWith("input '" + name + "': " + call.getKey() + " rejected")
                            && e.getMessage().contains("the circuit is closed"), e.getMessage());
                }
            }
            KeyedInputHandle<Long, Long> keyed = c.keyedInput("keyed", Long.class, Long.class);
            assertThrows(IllegalStateException.class, () -> keyed.upsert(11L));
            assertThrows(IllegalStateException.class, () -> keyed.deleteKey(1L));
            assertEquals(1L, keyed.get(1L), "reads stay allowed");
            assertEquals(1, keyed.size());
            assertEquals(ZSet.of(2L), c.input("plain", Long.class).pending(), rt.name());
            assertEquals(ZSet.builder(1).add(1L, 4).build(), c.output("o", Long.class).view(), rt.name());
            assertThrows(IllegalStateException.class, c::step);
        }
    }

    @Test
    void theBuilderAndReplicaHandlesAreClosedToo() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Long> in = b.input("in", Long.class);
        b.output("o", in.stream());
        Circuit c = b.build();
        c.close();
        assertThrows(IllegalStateException.class, () -> in.insert(1L));
        WorkerCircuit<InputHandle<Long>> w = Workers.wire(2, Mode.INCREMENTAL, wb -> {
            InputHandle<Long> h = wb.input("in", Long.class);
            wb.output("o", h.stream());
            return h;
        });
        w.wired().get(1).insert(1L);
        w.close();
        for (InputHandle<Long> h : w.wired()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.insert(2L));
            assertTrue(e.getMessage().contains("input 'in'") && e.getMessage().contains("closed"), e.getMessage());
        }
        assertEquals(ZSet.of(1L), w.input("in").pending(), "pending changes stay readable");
    }
}
