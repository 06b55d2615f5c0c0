package org.jdbsp.operators.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link LongTreap} against a {@link TreeMap} model: weights of any sign, payloads, range queries, cuts. */
class LongTreapTest {
    @Test
    void agreesWithATreeMapOverRandomOperations() {
        for (long seed = 1; seed <= 30; seed++) {
            Random r = new Random(seed);
            LongTreap t = new LongTreap();
            TreeMap<Long, long[]> model = new TreeMap<>();
            for (int i = 0; i < 3000; i++) {
                long k = r.nextInt(200) - 100;
                int op = r.nextInt(20);
                String at = "seed " + seed + ", op " + i;
                if (op == 0) {
                    long cut = r.nextInt(200) - 100;
                    int removed = model.headMap(cut, true).size();
                    model.headMap(cut, true).clear();
                    assertEquals(removed, t.removeAtMost(cut), at);
                } else if (op == 1 && !model.containsKey(k)) {
                    long aux = r.nextLong();
                    t.put(k, 1 + r.nextInt(3), aux);
                    model.put(k, new long[] {t.weight(k), aux});
                } else {
                    long dw = r.nextInt(7) - 3;
                    t.add(k, dw);
                    long[] e = model.computeIfAbsent(k, x -> new long[2]);
                    e[0] += dw;
                    if (e[0] == 0) {
                        model.remove(k);
                    }
                }
                check(t, model, r, at);
            }
        }
    }

    private static void check(LongTreap t, TreeMap<Long, long[]> model, Random r, String at) {
        assertEquals(model.size(), t.size(), at);
        int node = t.minNode();
        for (Map.Entry<Long, long[]> e : model.entrySet()) {
            assertEquals(e.getKey().longValue(), t.keyAt(node), at);
            assertEquals(e.getValue()[0], t.weightAt(node), at);
            node = t.nodeAfter(t.keyAt(node));
        }
        assertEquals(-1, node, at);
        long a = r.nextInt(220) - 110;
        long b = a + r.nextInt(60);
        long sum = 0;
        for (long[] e : model.subMap(a, true, b, true).values()) {
            sum += Math.max(0, e[0]);
        }
        int f = t.firstPresentAtLeast(a);
        Long ceilingPresent = null;
        for (Map.Entry<Long, long[]> e : model.tailMap(a, true).entrySet()) {
            if (e.getValue()[0] > 0) {
                ceilingPresent = e.getKey();
                break;
            }
        }
        assertEquals(ceilingPresent, f < 0 ? null : t.keyAt(f), at + ": first present at least " + a);
        int l = t.lastPresentAtMost(b);
        Long floorPresent = null;
        for (Map.Entry<Long, long[]> e : model.headMap(b, true).descendingMap().entrySet()) {
            if (e.getValue()[0] > 0) {
                floorPresent = e.getKey();
                break;
            }
        }
        assertEquals(floorPresent, l < 0 ? null : t.keyAt(l), at + ": last present at most " + b);
        int fl = t.floor(b);
        assertEquals(model.floorKey(b), fl < 0 ? null : t.keyAt(fl), at + ": floor of " + b);
        assertEquals(sum, t.sumPresent(a, b), at + ": present sum over [" + a + ", " + b + "]");
        for (Map.Entry<Long, long[]> e : model.entrySet()) {
            if (e.getValue()[1] != 0) {
                assertEquals(e.getValue()[1], t.auxAt(t.find(e.getKey())), at + ": payload of " + e.getKey());
            }
        }
    }
}
