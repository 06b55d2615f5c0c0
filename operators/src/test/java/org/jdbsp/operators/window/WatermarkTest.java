package org.jdbsp.operators.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.OperatorFailedException;
import org.jdbsp.circuit.OutputHandle;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WatermarkTest {
    record Ev(String id, long time) {
    }

    static Ev ev(String id, long t) {
        return new Ev(id, t);
    }

    @SafeVarargs
    static <T> ZSet<T> z(T... rows) {
        return ZSet.of(rows);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void lateRowsAreCountedAndDropped(Mode mode) {
        CircuitBuilder b = new CircuitBuilder(mode);
        InputHandle<Ev> in = b.input("in");
        Watermarked<Ev> wm = Watermarks.withLateness(in.stream(), Ev::time, 5);
        OutputHandle<Ev> out = b.output("out", wm.stream());
        Circuit c = b.build();
        assertEquals(Long.MIN_VALUE, wm.watermark().current());
        in.insert(ev("a", 100));
        in.insert(ev("b", 3)); // same step: nothing is late yet (the watermark is read at the start of the step)
        c.step();
        assertEquals(95, wm.watermark().current());
        assertEquals(z(ev("a", 100), ev("b", 3)), out.view());
        in.insert(ev("c", 94)); // late
        in.push(ev("d", 90), 2); // late, counts 2
        in.insert(ev("e", 95)); // on time (not below the watermark)
        in.delete(ev("b", 3)); // a late deletion: dropped and counted
        c.step();
        assertEquals(z(ev("a", 100), ev("b", 3), ev("e", 95)), out.view());
        assertEquals(z(ev("e", 95)), out.delta());
        assertEquals(4, wm.lateRecords());
        assertEquals(95, wm.watermark().current());
        // deleting a row that was dropped as late is late too: the view never goes negative
        in.delete(ev("c", 94));
        in.delete(ev("a", 100)); // an accepted deletion does not move the watermark
        c.step();
        assertEquals(z(ev("b", 3), ev("e", 95)), out.view());
        assertEquals(5, wm.lateRecords());
        assertEquals(95, wm.watermark().current());
        in.insert(ev("f", 120));
        c.step();
        assertEquals(115, wm.watermark().current());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void failingTimeFunctionLeavesWatermarkUnchanged(Mode mode) {
        CircuitBuilder b = new CircuitBuilder(mode);
        InputHandle<Ev> in = b.input("in");
        Watermarked<Ev> wm = Watermarks.withLateness(in.stream(), e -> {
            if (e.id().equals("bad")) {
                throw new IllegalArgumentException("no time");
            }
            return e.time();
        }, 0);
        OutputHandle<Ev> out = b.output("out", wm.stream());
        Circuit c = b.build();
        in.insert(ev("a", 10));
        c.step();
        in.insert(ev("b", 50));
        in.insert(ev("c", 1));
        in.insert(ev("bad", 60));
        OperatorFailedException ex = assertThrows(OperatorFailedException.class, c::step);
        assertTrue(ex.operator().startsWith("lateness#"), ex.getMessage());
        assertEquals(10, wm.watermark().current());
        assertEquals(0, wm.lateRecords());
        assertEquals(z(ev("a", 10)), out.view());
        in.delete(ev("bad", 60));
        c.step();
        assertEquals(50, wm.watermark().current());
        assertEquals(1, wm.lateRecords());
        assertEquals(z(ev("a", 10), ev("b", 50)), out.view());
    }

    @Test
    void rejectsNegativeLateness() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Ev> in = b.input("in");
        assertThrows(IllegalArgumentException.class, () -> Watermarks.withLateness(in.stream(), Ev::time, -1));
    }

    /** Seeds with a large lateness have no late rows; the others have some. Both modes agree at every step. */
    @Test
    void randomIncrementalEqualsNaive() {
        long late = 0;
        for (long seed = 1; seed <= 40; seed++) {
            Random rnd = new Random(seed);
            long lateness = seed % 2 == 0 ? Long.MAX_VALUE / 2 : rnd.nextInt(10);
            List<Circuit> circuits = new ArrayList<>();
            List<InputHandle<Ev>> inputs = new ArrayList<>();
            List<OutputHandle<Ev>> outputs = new ArrayList<>();
            List<Watermarked<Ev>> marks = new ArrayList<>();
            for (Mode mode : new Mode[] {Mode.INCREMENTAL, Mode.NAIVE}) {
                CircuitBuilder b = new CircuitBuilder(mode);
                InputHandle<Ev> in = b.input("in");
                Watermarked<Ev> wm = Watermarks.withLateness(in.stream(), Ev::time, lateness);
                outputs.add(b.output("out", wm.stream()));
                circuits.add(b.build());
                inputs.add(in);
                marks.add(wm);
            }
            List<Ev> live = new ArrayList<>();
            long now = 0;
            for (int step = 0; step < 60; step++) {
                ZSet<Ev> change = new ZSet<>();
                now += rnd.nextInt(5);
                int n = rnd.nextInt(5);
                for (int i = 0; i < n; i++) {
                    if (rnd.nextInt(3) > 0 || live.isEmpty()) {
                        Ev e = ev("e" + rnd.nextInt(1000), now - rnd.nextInt(15));
                        change.add(e, 1);
                        live.add(e);
                    } else {
                        change.add(live.remove(rnd.nextInt(live.size())), -1);
                    }
                }
                for (int m = 0; m < 2; m++) {
                    inputs.get(m).push(change);
                    circuits.get(m).step();
                }
                String where = "seed " + seed + " step " + step;
                assertEquals(outputs.get(1).view(), outputs.get(0).view(), where);
                assertEquals(outputs.get(1).delta(), outputs.get(0).delta(), where);
                assertEquals(marks.get(1).watermark().current(), marks.get(0).watermark().current(), where);
                assertEquals(marks.get(1).lateRecords(), marks.get(0).lateRecords(), where);
                ZSet<Ev> view = outputs.get(0).view();
                for (int slot = view.nextSlot(0); slot >= 0; slot = view.nextSlot(slot + 1)) {
                    assertTrue(view.weightAt(slot) > 0, where + ": negative weight in accepted view");
                }
            }
            if (seed % 2 == 0) {
                assertEquals(0, marks.get(0).lateRecords(), "seed " + seed);
            }
            late += marks.get(0).lateRecords();
        }
        assertTrue(late > 0, "some seeds must have late rows");
    }
}
