package org.jdbsp.operators.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.OperatorFailedException;
import org.jdbsp.circuit.OutputHandle;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.aggregate.Agg;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WindowsTest {
    /** An event: key, time (ms), value. */
    record Ev(String key, long time, long value) {
    }

    static Ev ev(String k, long t, long v) {
        return new Ev(k, t, v);
    }

    static <T> Windowed<T> w(long s, long e, T row) {
        return new Windowed<>(s, e, row);
    }

    static WindowResult<String> r(long s, long e, String k, long v) {
        return new WindowResult<>(s, e, k, v);
    }

    @SafeVarargs
    static <T> ZSet<T> z(T... rows) {
        return ZSet.of(rows);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void tumblingAndHoppingAssignWindows(Mode mode) {
        CircuitBuilder b = new CircuitBuilder(mode);
        InputHandle<Ev> in = b.input("in");
        OutputHandle<Windowed<Ev>> tum = b.output("t", Windows.tumbling(in.stream(), Ev::time, 10));
        OutputHandle<Windowed<Ev>> hop = b.output("h", Windows.hopping(in.stream(), Ev::time, 10, 5));
        OutputHandle<Windowed<Ev>> gaps = b.output("g", Windows.hopping(in.stream(), Ev::time, 3, 5));
        Circuit c = b.build();
        Ev a = ev("a", 7, 1);
        Ev neg = ev("a", -1, 1);
        Ev ten = ev("a", 10, 1);
        in.insert(a);
        in.insert(neg);
        in.insert(ten);
        c.step();
        assertEquals(z(w(0, 10, a), w(-10, 0, neg), w(10, 20, ten)), tum.view());
        assertEquals(z(w(0, 10, a), w(5, 15, a), w(-10, 0, neg), w(-5, 5, neg), w(5, 15, ten), w(10, 20, ten)),
                hop.view());
        // slide > size: t=7 is in no window [5, 8)? it is (7 < 8); t=-1 is in none ([-5,-2) ends before it)
        assertEquals(z(w(5, 8, a), w(10, 13, ten)), gaps.view());
        in.delete(a);
        c.step();
        ZSet<Windowed<Ev>> d = new ZSet<>();
        d.add(w(0, 10, a), -1);
        assertEquals(d, tum.delta());
    }

    @Test
    void windowAssignmentIsFusedWithNeighbours() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Ev> in = b.input("in");
        Stream<Windowed<Ev>> t = Windows.tumbling(in.stream(), Ev::time, 10);
        b.output("o", Windows.hopping(t, x -> x.start(), 20, 10));
        Circuit c = b.build();
        assertTrue(c.schedule().stream().anyMatch(s -> s.startsWith("fused[tumbling")), c.schedule().toString());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aggregatesPerWindowAndKey(Mode mode) {
        CircuitBuilder b = new CircuitBuilder(mode);
        InputHandle<Ev> in = b.input("in");
        Stream<Windowed<Ev>> win = Windows.tumbling(in.stream(), Ev::time, 10);
        OutputHandle<WindowResult<String>> count = b.output("count",
                Aggregates.perWindow(win, Ev::key, Agg.count()));
        OutputHandle<WindowResult<String>> sum = b.output("sum",
                Aggregates.perWindow(win, Ev::key, Agg.sum(Ev::value)));
        OutputHandle<WindowResult<String>> max = b.output("max",
                Aggregates.perWindow(win, Ev::key, Agg.max(Ev::value)));
        OutputHandle<WindowResult<String>> min = b.output("min",
                Aggregates.perWindow(win, Ev::key, Agg.min(Ev::value)));
        Circuit c = b.build();
        in.insert(ev("a", 1, 5));
        in.insert(ev("a", 2, 9));
        in.insert(ev("b", 3, 4));
        in.push(ev("a", 12, 3), 2);
        c.step();
        assertEquals(z(r(0, 10, "a", 2), r(0, 10, "b", 1), r(10, 20, "a", 2)), count.view());
        assertEquals(z(r(0, 10, "a", 14), r(0, 10, "b", 4), r(10, 20, "a", 6)), sum.view());
        assertEquals(z(r(0, 10, "a", 9), r(0, 10, "b", 4), r(10, 20, "a", 3)), max.view());
        assertEquals(z(r(0, 10, "a", 5), r(0, 10, "b", 4), r(10, 20, "a", 3)), min.view());
        // retracting the max falls back to the next value; deleting b empties its group
        in.delete(ev("a", 2, 9));
        in.delete(ev("b", 3, 4));
        c.step();
        assertEquals(z(r(0, 10, "a", 5), r(10, 20, "a", 3)), max.view());
        ZSet<WindowResult<String>> d = new ZSet<>();
        d.add(r(0, 10, "a", 9), -1);
        d.add(r(0, 10, "a", 5), 1);
        d.add(r(0, 10, "b", 4), -1);
        assertEquals(d, max.delta());
        assertEquals(z(r(0, 10, "a", 1), r(10, 20, "a", 2)), count.view());
        in.insert(ev("a", 4, 1));
        c.step();
        assertEquals(z(r(0, 10, "a", 1), r(10, 20, "a", 3)), min.view());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void failingUserFunctionLeavesStateUnchanged(Mode mode) {
        CircuitBuilder b = new CircuitBuilder(mode);
        InputHandle<Ev> in = b.input("in");
        Stream<Windowed<Ev>> win = Windows.tumbling(in.stream(), Ev::time, 10);
        OutputHandle<WindowResult<String>> sum = b.output("sum", Aggregates.perWindow(win, Ev::key,
                Agg.sum(e -> {
                    if (e.value() < 0) {
                        throw new IllegalArgumentException("negative");
                    }
                    return e.value();
                })));
        OutputHandle<Windowed<Ev>> tum = b.output("tum", Windows.tumbling(in.stream(), e -> {
            if (e.time() == 666) {
                throw new IllegalStateException("bad time");
            }
            return e.time();
        }, 10));
        Circuit c = b.build();
        in.insert(ev("a", 1, 5));
        c.step();
        in.insert(ev("a", 2, 7));
        in.insert(ev("a", 3, -1));
        OperatorFailedException ex = assertThrows(OperatorFailedException.class, c::step);
        assertTrue(ex.operator().startsWith("window-sum#"), ex.getMessage());
        assertEquals(z(r(0, 10, "a", 5)), sum.view());
        in.delete(ev("a", 3, -1));
        in.insert(ev("a", 666, 1));
        ex = assertThrows(OperatorFailedException.class, c::step);
        assertTrue(ex.getMessage().contains("tumbling#"), ex.getMessage());
        in.delete(ev("a", 666, 1));
        c.step();
        assertEquals(z(r(0, 10, "a", 12)), sum.view());
        assertEquals(2, tum.viewSize());
    }

    /** An unbounded stream: state stays bounded with a watermark, and the view is still complete. */
    @Test
    void unboundedStreamKeepsBoundedState() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Ev> in = b.input("in");
        Watermarked<Ev> wm = Watermarks.withLateness(in.stream(), Ev::time, 15);
        Stream<Windowed<Ev>> win = Windows.hopping(wm.stream(), Ev::time, 20, 10);
        OutputHandle<WindowResult<String>> count = b.output("count",
                Aggregates.perWindow(win, Ev::key, Agg.count(), wm.watermark()));
        OutputHandle<WindowResult<String>> max = b.output("max",
                Aggregates.perWindow(win, Ev::key, Agg.max(Ev::value), wm.watermark()));
        Circuit c = b.build();
        long maxState = 0;
        for (int step = 0; step < 200; step++) {
            for (int i = 0; i < 5; i++) {
                long t = step * 5L + i; // 5 events per step, times increasing, 1 ms apart
                in.insert(ev(i % 2 == 0 ? "even" : "odd", t, t));
            }
            c.step();
            long state = 0;
            for (Map.Entry<String, Long> e : c.stateRowsByOperator().entrySet()) {
                if (e.getKey().startsWith("window-")) {
                    state += e.getValue();
                }
            }
            maxState = Math.max(maxState, state);
            assertTrue(state <= 150, "step " + step + ": window state " + state);
        }
        assertEquals(999 - 15, wm.watermark().current());
        assertEquals(0, wm.lateRecords());
        // windows [s, s+20) for s = -10, 0, ..., 990; each key's count is the number of its events in the window
        ZSet<WindowResult<String>> expected = new ZSet<>();
        for (long s = -10; s <= 990; s += 10) {
            long even = 0;
            long odd = 0;
            long maxEven = Long.MIN_VALUE;
            long maxOdd = Long.MIN_VALUE;
            for (long t = Math.max(0, s); t < Math.min(1000, s + 20); t++) {
                if ((t % 5) % 2 == 0) {
                    even++;
                    maxEven = t;
                } else {
                    odd++;
                    maxOdd = t;
                }
            }
            if (even > 0) {
                expected.add(r(s, s + 20, "even", even), 1);
            }
            if (odd > 0) {
                expected.add(r(s, s + 20, "odd", odd), 1);
            }
        }
        assertEquals(expected, count.view());
        assertEquals(101 * 2, max.viewSize());
        assertTrue(maxState > 0);
        System.out.println("windowed aggregates: max state rows " + maxState + " over 1000 events");
    }

    @Test
    void randomIncrementalEqualsNaive() {
        long totalLate = 0;
        long prunedRuns = 0;
        for (long seed = 1; seed <= 25; seed++) {
            Random rnd = new Random(seed);
            // even seeds: nothing is ever late; odd seeds: some rows are late; half of each drop window state
            long lateness = seed % 2 == 0 ? 1_000_000 : rnd.nextInt(20);
            boolean withWatermark = seed % 4 < 2;
            List<Circuit> circuits = new ArrayList<>();
            List<InputHandle<Ev>> inputs = new ArrayList<>();
            List<List<OutputHandle<?>>> outputs = new ArrayList<>();
            List<Watermarked<Ev>> marks = new ArrayList<>();
            for (Mode mode : new Mode[] {Mode.INCREMENTAL, Mode.NAIVE}) {
                CircuitBuilder b = new CircuitBuilder(mode);
                InputHandle<Ev> in = b.input("in");
                Watermarked<Ev> wm = Watermarks.withLateness(in.stream(), Ev::time, lateness);
                Watermark mark = withWatermark ? wm.watermark() : null;
                Stream<Windowed<Ev>> tum = Windows.tumbling(wm.stream(), Ev::time, 7);
                Stream<Windowed<Ev>> hop = Windows.hopping(wm.stream(), Ev::time, 9, 4);
                List<OutputHandle<?>> outs = new ArrayList<>();
                outs.add(b.output("filtered", wm.stream()));
                outs.add(b.output("tum", tum));
                outs.add(b.output("count", Aggregates.perWindow(tum, Ev::key, Agg.count(), mark)));
                outs.add(b.output("sum", Aggregates.perWindow(hop, Ev::key, Agg.sum(Ev::value), mark)));
                outs.add(b.output("min", Aggregates.perWindow(hop, Ev::key, Agg.min(Ev::value), mark)));
                outs.add(b.output("max", Aggregates.perWindow(tum, Ev::key, Agg.max(Ev::value), mark)));
                circuits.add(b.build());
                inputs.add(in);
                outputs.add(outs);
                marks.add(wm);
            }
            List<Ev> live = new ArrayList<>();
            long now = 0;
            for (int step = 0; step < 80; step++) {
                ZSet<Ev> change = new ZSet<>();
                now += rnd.nextInt(4);
                int n = rnd.nextInt(6);
                for (int i = 0; i < n; i++) {
                    int op = rnd.nextInt(10);
                    if (op < 6 || live.isEmpty()) {
                        Ev e = ev("k" + rnd.nextInt(3), Math.max(0, now - rnd.nextInt(25)), rnd.nextInt(10) - 3);
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
                assertEquals(marks.get(1).watermark().current(), marks.get(0).watermark().current(), where);
                assertEquals(marks.get(1).lateRecords(), marks.get(0).lateRecords(), where);
                for (int o = 0; o < outputs.get(0).size(); o++) {
                    assertEquals(outputs.get(1).get(o).view(), outputs.get(0).get(o).view(),
                            where + " output " + outputs.get(0).get(o).name());
                }
            }
            totalLate += marks.get(0).lateRecords();
            if (withWatermark && marks.get(0).watermark().current() > 0) {
                prunedRuns++;
            }
        }
        assertTrue(totalLate > 0, "some seeds must produce late rows");
        assertTrue(prunedRuns > 0, "some seeds must drop window state");
    }
}
