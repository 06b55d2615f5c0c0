package org.jdbsp.operators.topk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link SortedRows} against a {@link TreeMap} over enough rows to split chunks and empty them again. */
class SortedRowsTest {
    @Test
    void agreesWithATreeMap() {
        for (long seed = 1; seed <= 8; seed++) {
            Random r = new Random(seed);
            SortedRows<Long> rows = new SortedRows<>(Comparator.naturalOrder());
            TreeMap<Long, Long> model = new TreeMap<>();
            for (int i = 0; i < 30_000; i++) {
                boolean growing = i < 20_000;
                long v = r.nextInt(growing ? 20_000 : 40_000);
                long w = r.nextInt(3) == 0 && model.containsKey(v) ? -model.get(v) : 1 + r.nextInt(2);
                rows.add(v, w);
                model.merge(v, w, Long::sum);
                if (model.get(v) == 0) {
                    model.remove(v);
                }
                if (i % 997 == 0 || i == 29_999) {
                    check(rows, model, r, "seed " + seed + ", op " + i);
                }
            }
        }
    }

    private static void check(SortedRows<Long> rows, TreeMap<Long, Long> model, Random r, String at) {
        assertEquals(model.size(), rows.size(), at);
        int c = 0;
        int i = 0;
        for (Map.Entry<Long, Long> e : model.entrySet()) {
            assertEquals(e.getKey(), rows.row(c, i), at);
            assertEquals(e.getValue().longValue(), rows.weight(c, i), at);
            if (++i == rows.chunkSize(c)) {
                c++;
                i = 0;
            }
        }
        assertEquals(rows.chunks(), c, at);
        for (int q = 0; q < 50; q++) {
            long v = r.nextInt(45_000) - 1000;
            Long ceiling = model.ceilingKey(v);
            long at2 = rows.locate(v);
            assertEquals(ceiling, at2 < 0 ? null : rows.row((int) (at2 >>> 32), (int) at2), at + ": ceiling of " + v);
        }
    }
}
