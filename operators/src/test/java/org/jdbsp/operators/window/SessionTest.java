package org.jdbsp.operators.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
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

class SessionTest {
    record Click(String user, long time) {
    }

    static Click c(String u, long t) {
        return new Click(u, t);
    }

    static Session<String> s(String k, long start, long end, long count) {
        return new Session<>(k, start, end, count);
    }

    @SafeVarargs
    static <T> ZSet<T> z(T... rows) {
        return ZSet.of(rows);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void sessionsMergeAndSplit(Mode mode) {
        CircuitBuilder b = new CircuitBuilder(mode);
        InputHandle<Click> in = b.input("in");
        OutputHandle<Session<String>> out = b.output("s", Windows.session(in.stream(), Click::user, Click::time, 10));
        Circuit circuit = b.build();
        in.insert(c("a", 0));
        in.insert(c("a", 5));
        in.insert(c("a", 20));
        in.insert(c("b", 3));
        circuit.step();
        assertEquals(z(s("a", 0, 15, 2), s("a", 20, 30, 1), s("b", 3, 13, 1)), out.view());
        // 12 is within 10 of 5 and of 20: the two sessions merge
        in.insert(c("a", 12));
        circuit.step();
        assertEquals(z(s("a", 0, 30, 4), s("b", 3, 13, 1)), out.view());
        ZSet<Session<String>> d = new ZSet<>();
        d.add(s("a", 0, 15, 2), -1);
        d.add(s("a", 20, 30, 1), -1);
        d.add(s("a", 0, 30, 4), 1);
        assertEquals(d, out.delta());
        // exactly gap apart is a new session (15 - 5 = 10 is not < 10)
        in.delete(c("a", 12));
        in.insert(c("a", 15));
        circuit.step();
        assertEquals(z(s("a", 0, 15, 2), s("a", 15, 30, 2), s("b", 3, 13, 1)), out.view());
        // duplicates count with their weight; deleting the middle event splits nothing here
        in.push(c("b", 3), 2);
        in.delete(c("a", 5));
        circuit.step();
        assertEquals(z(s("a", 0, 10, 1), s("a", 15, 30, 2), s("b", 3, 13, 3)), out.view());
        in.delete(c("a", 0));
        circuit.step();
        assertEquals(z(s("a", 15, 30, 2), s("b", 3, 13, 3)), out.view());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void failingKeyFunctionLeavesStateUnchanged(Mode mode) {
        CircuitBuilder b = new CircuitBuilder(mode);
        InputHandle<Click> in = b.input("in");
        OutputHandle<Session<String>> out = b.output("s", Windows.session(in.stream(), x -> {
            if (x.user().isEmpty()) {
                throw new IllegalArgumentException("empty user");
            }
            return x.user();
        }, Click::time, 10));
        Circuit circuit = b.build();
        in.insert(c("a", 0));
        circuit.step();
        in.insert(c("a", 5));
        in.insert(c("", 5));
        OperatorFailedException ex = assertThrows(OperatorFailedException.class, circuit::step);
        assertTrue(ex.operator().startsWith("session#"), ex.getMessage());
        assertEquals(z(s("a", 0, 10, 1)), out.view());
        in.delete(c("", 5));
        circuit.step();
        assertEquals(z(s("a", 0, 15, 2)), out.view());
    }

    @Test
    void unboundedStreamWithWatermarkKeepsBoundedState() {
        List<Circuit> circuits = new ArrayList<>();
        List<InputHandle<Click>> inputs = new ArrayList<>();
        List<OutputHandle<Session<String>>> outputs = new ArrayList<>();
        for (Mode mode : new Mode[] {Mode.INCREMENTAL, Mode.NAIVE}) {
            CircuitBuilder b = new CircuitBuilder(mode);
            InputHandle<Click> in = b.input("in");
            Watermarked<Click> wm = Watermarks.withLateness(in.stream(), Click::time, 20);
            outputs.add(b.output("s", Windows.session(wm.stream(), Click::user, Click::time, 10, wm.watermark())));
            circuits.add(b.build());
            inputs.add(in);
        }
        // per user, bursts of 3 clicks 2 ms apart every 30 ms: sessions [t, t + 4 + 10)
        for (int step = 0; step < 200; step++) {
            for (String u : new String[] {"u1", "u2", "u3"}) {
                long base = step * 30L;
                for (int i = 0; i < 3; i++) {
                    for (InputHandle<Click> in : inputs) {
                        in.insert(c(u, base + 2L * i));
                    }
                }
            }
            for (Circuit circuit : circuits) {
                circuit.step();
            }
            assertEquals(outputs.get(1).view(), outputs.get(0).view(), "step " + step);
            long state = 0;
            for (Map.Entry<String, Long> e : circuits.get(0).stateRowsByOperator().entrySet()) {
                if (e.getKey().startsWith("session")) {
                    state += e.getValue();
                }
            }
            assertTrue(state <= 3 * 3 * 3, "step " + step + ": session state " + state);
        }
        ZSet<Session<String>> expected = new ZSet<>();
        for (int step = 0; step < 200; step++) {
            for (String u : new String[] {"u1", "u2", "u3"}) {
                expected.add(s(u, step * 30L, step * 30L + 14, 3), 1);
            }
        }
        assertEquals(expected, outputs.get(0).view());
    }

    @Test
    void changeBehindDroppedStateFails() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Click> in = b.input("in");
        Watermarked<Click> wm = Watermarks.withLateness(in.stream(), Click::time, 0);
        // wired on the unfiltered input: the watermark is not enforced on it
        b.output("s", Windows.session(in.stream(), Click::user, Click::time, 10, wm.watermark()));
        b.output("f", wm.stream());
        Circuit circuit = b.build();
        in.insert(c("a", 0));
        circuit.step();
        in.insert(c("a", 100));
        circuit.step();
        circuit.step(); // the session at 0 is dropped with watermark 100
        in.insert(c("a", 5));
        OperatorFailedException ex = assertThrows(OperatorFailedException.class, circuit::step);
        assertTrue(ex.getCause() instanceof IllegalStateException, ex.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void deletionsSplitALongSessionAndReinsertsMergeIt(Mode mode) {
        CircuitBuilder b = new CircuitBuilder(mode);
        InputHandle<Click> in = b.input("in");
        OutputHandle<Session<String>> out = b.output("s", Windows.session(in.stream(), Click::user, Click::time, 5));
        Circuit circuit = b.build();
        for (int t = 0; t < 100; t++) {
            in.insert(c("a", t));
            if (t % 10 == 9) {
                circuit.step();
            }
        }
        assertEquals(z(s("a", 0, 104, 100)), out.view());
        for (int t = 50; t < 55; t++) { // 49 and 55 are 6 >= 5 apart: split
            in.delete(c("a", t));
        }
        in.delete(c("a", 20)); // 19 and 21 stay within the gap: no split
        in.push(c("a", 80), 2);
        circuit.step();
        assertEquals(z(s("a", 0, 54, 49), s("a", 55, 104, 47)), out.view());
        in.insert(c("a", 52)); // 49..52..55 joins again
        in.delete(c("a", 99)); // the last event: the session ends earlier
        circuit.step();
        assertEquals(z(s("a", 0, 103, 96)), out.view());
        ZSet<Session<String>> d = new ZSet<>();
        d.add(s("a", 0, 54, 49), -1);
        d.add(s("a", 55, 104, 47), -1);
        d.add(s("a", 0, 103, 96), 1);
        assertEquals(d, out.delta());
        for (int t = 0; t < 99; t++) { // delete every other event: the gap is 2 < 5, still one session
            if (t % 2 == 1 && t != 20 && t != 51 && t != 53) {
                in.delete(c("a", t));
            }
        }
        circuit.step();
        assertEquals(z(s("a", 0, 103, 49)), out.view()); // 47 even times, 80 three times
    }

    /**
     * Long sessions (thousands of events per key) grown in small batches, with runs deleted in the middle
     * (splitting them) and put back (merging them), single deletions, duplicates and deletions of absent rows;
     * the incremental view equals the naive one at every step.
     */
    @Test
    void longSessionsSplitAndMergeLikeNaive() {
        long seed = 20240611L;
        Random rnd = new Random(seed);
        long gap = 10;
        int keys = 3;
        List<Circuit> circuits = new ArrayList<>();
        List<InputHandle<Click>> inputs = new ArrayList<>();
        List<OutputHandle<Session<String>>> outputs = new ArrayList<>();
        for (Mode mode : new Mode[] {Mode.INCREMENTAL, Mode.NAIVE}) {
            CircuitBuilder b = new CircuitBuilder(mode);
            InputHandle<Click> in = b.input("in");
            outputs.add(b.output("s", Windows.session(in.stream(), Click::user, Click::time, gap)));
            circuits.add(b.build());
            inputs.add(in);
        }
        List<TreeMap<Long, Long>> live = new ArrayList<>();
        long[] next = new long[keys];
        for (int k = 0; k < keys; k++) {
            live.add(new TreeMap<>());
        }
        List<Click> removed = new ArrayList<>();
        int maxSessions = 0;
        for (int step = 0; step < 500; step++) {
            ZSet<Click> change = new ZSet<>();
            for (int k = 0; k < keys; k++) {
                for (int i = 0; i < 6; i++) {
                    next[k] += 1 + rnd.nextInt(3);
                    change.add(c("u" + k, next[k]), 1);
                    live.get(k).merge(next[k], 1L, Long::sum);
                }
            }
            int k = rnd.nextInt(keys);
            TreeMap<Long, Long> times = live.get(k);
            long mid = rnd.nextLong(Math.max(1, next[k]));
            switch (step % 5) {
                case 0, 2 -> { // delete a run spanning more than the gap: splits the session
                    long len = gap + rnd.nextInt(10);
                    for (Map.Entry<Long, Long> e : new ArrayList<>(times.subMap(mid, mid + len).entrySet())) {
                        change.add(c("u" + k, e.getKey()), -e.getValue());
                        for (long j = 0; j < e.getValue(); j++) {
                            removed.add(c("u" + k, e.getKey()));
                        }
                        times.remove(e.getKey());
                    }
                }
                case 1, 3 -> { // put back some removed events: merges sessions again
                    for (int i = 0; i < 8 && !removed.isEmpty(); i++) {
                        Click x = removed.remove(rnd.nextInt(removed.size()));
                        change.add(x, 1);
                        live.get(Integer.parseInt(x.user().substring(1))).merge(x.time(), 1L, Long::sum);
                    }
                }
                default -> { // one deletion, one duplicate, one deletion of an absent row and its re-insertion
                    Map.Entry<Long, Long> e = times.ceilingEntry(mid);
                    if (e != null) {
                        change.add(c("u" + k, e.getKey()), -1);
                        if (e.getValue() == 1) {
                            times.remove(e.getKey());
                        } else {
                            times.put(e.getKey(), e.getValue() - 1);
                        }
                    }
                    long dup = rnd.nextLong(Math.max(1, next[k]));
                    if (times.containsKey(dup)) {
                        change.add(c("u" + k, dup), 1);
                        times.merge(dup, 1L, Long::sum);
                    }
                    change.add(c("u" + k, -5 - step), -1);
                    if (step >= 10) {
                        change.add(c("u" + k, -5 - (step - 10)), 1);
                    }
                }
            }
            for (int m = 0; m < 2; m++) {
                inputs.get(m).push(change);
                circuits.get(m).step();
            }
            assertEquals(outputs.get(1).view(), outputs.get(0).view(), "seed " + seed + " step " + step);
            maxSessions = Math.max(maxSessions, outputs.get(0).view().size());
        }
        assertTrue(maxSessions > 3 * keys, "sessions were split: " + maxSessions);
        ZSet<Click> back = new ZSet<>();
        for (Click x : removed) {
            back.add(x, 1);
        }
        for (int m = 0; m < 2; m++) {
            inputs.get(m).push(back);
            circuits.get(m).step();
        }
        assertEquals(outputs.get(1).view(), outputs.get(0).view(), "seed " + seed + " all put back");
    }

    @Test
    void randomIncrementalEqualsNaive() {
        for (long seed = 1; seed <= 40; seed++) {
            Random rnd = new Random(seed);
            // the first nextInt(8) of new Random(seed) is the same for every seed here: take the gap from the seed
            long gap = 1 + (seed * 5) % 8;
            boolean watermarked = seed % 2 == 1;
            long lateness = rnd.nextInt(15);
            List<Circuit> circuits = new ArrayList<>();
            List<InputHandle<Click>> inputs = new ArrayList<>();
            List<List<OutputHandle<?>>> outputs = new ArrayList<>();
            for (Mode mode : new Mode[] {Mode.INCREMENTAL, Mode.NAIVE}) {
                CircuitBuilder b = new CircuitBuilder(mode);
                InputHandle<Click> in = b.input("in");
                List<OutputHandle<?>> outs = new ArrayList<>();
                outs.add(b.output("plain", Windows.session(in.stream(), Click::user, Click::time, gap)));
                if (watermarked) {
                    Watermarked<Click> wm = Watermarks.withLateness(in.stream(), Click::time, lateness);
                    outs.add(b.output("marked",
                            Windows.session(wm.stream(), Click::user, Click::time, gap, wm.watermark())));
                }
                circuits.add(b.build());
                inputs.add(in);
                outputs.add(outs);
            }
            List<Click> live = new ArrayList<>();
            long now = 0;
            for (int step = 0; step < 80; step++) {
                ZSet<Click> change = new ZSet<>();
                now += rnd.nextInt(4);
                int n = rnd.nextInt(6);
                for (int i = 0; i < n; i++) {
                    int op = rnd.nextInt(10);
                    if (op < 5 || live.isEmpty()) {
                        Click x = c("u" + rnd.nextInt(3), now + rnd.nextInt(10) - rnd.nextInt(20));
                        long w = 1 + rnd.nextInt(2);
                        change.add(x, w);
                        for (int j = 0; j < w; j++) {
                            live.add(x);
                        }
                    } else if (op < 9) {
                        change.add(live.remove(rnd.nextInt(live.size())), -1);
                    } else {
                        // may delete an absent row: negative weights are treated as absent
                        change.add(c("u" + rnd.nextInt(3), now - rnd.nextInt(20)), -1);
                    }
                }
                for (int m = 0; m < 2; m++) {
                    inputs.get(m).push(change);
                    circuits.get(m).step();
                }
                for (int o = 0; o < outputs.get(0).size(); o++) {
                    assertEquals(outputs.get(1).get(o).view(), outputs.get(0).get(o).view(),
                            "seed " + seed + " step " + step + " output " + outputs.get(0).get(o).name());
                }
            }
        }
    }
}
