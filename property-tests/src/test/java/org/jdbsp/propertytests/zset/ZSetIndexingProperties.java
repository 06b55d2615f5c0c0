package org.jdbsp.propertytests.zset;

import static org.jdbsp.propertytests.zset.ZSetGenerators.keyFunctions;
import static org.jdbsp.propertytests.zset.ZSetGenerators.largerZSets;
import static org.jdbsp.propertytests.zset.ZSetGenerators.pairs;
import static org.jdbsp.propertytests.zset.ZSetGenerators.qt;
import static org.jdbsp.propertytests.zset.ZSetGenerators.wideZSets;
import static org.jdbsp.propertytests.zset.ZSetGenerators.zsets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jdbsp.zset.IndexedZSet;
import org.jdbsp.zset.LongIndexedZSet;
import org.jdbsp.zset.LongZSet;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

/**
 * Indexing round-trips, is linear, and the three ways to index ({@code ZSet.indexBy}, {@code ZSet.indexByLong},
 * {@code LongZSet.indexBy}) agree; {@link IndexedZSet} and {@link LongIndexedZSet} agree on every operation.
 */
class ZSetIndexingProperties {

    /** A row with a key column and a value column, for indexing on a field. */
    record Row(long key, long value) {
        @Override
        public String toString() {
            return "(" + key + "," + value + ")";
        }
    }

    @Test
    void indexThenFlattenIsTheIdentity() {
        qt().forAll(wideZSets(), keyFunctions()).checkAssert((a, k) -> {
            ZSet<Long> z = a.zset();
            assertEquals(z, z.indexBy(x -> k.f().applyAsLong(x)).flatten((key, v) -> v));
            assertEquals(z, z.indexByLong(x -> k.f().applyAsLong(x)).flatten((key, v) -> v));
            assertEquals(z, a.longZSet().indexBy(k.f()).flatten((key, v) -> v));
        });
    }

    @Test
    void indexingRowsOnAColumnRoundTrips() {
        qt().forAll(zsets(), zsets()).checkAssert((a, b) -> {
            // rows (key, value) from two generated Z-sets: many rows share a key
            ZSet<Row> rows = new ZSet<>();
            List<Long> keys = new ArrayList<>();
            a.zset().forEach((x, w) -> keys.add(x));
            int[] i = {0};
            b.zset().forEach((v, w) -> {
                long key = keys.isEmpty() ? 0 : keys.get(i[0]++ % keys.size());
                rows.add(new Row(key, v), w);
            });
            IndexedZSet<Long, Row> byKey = rows.indexBy(Row::key);
            assertEquals(rows, byKey.flatten((k, r) -> r));
            assertEquals(rows, byKey.flatten((k, r) -> new Row(k, r.value())));
            LongIndexedZSet<Row> byLongKey = rows.indexByLong(Row::key);
            assertEquals(rows, byLongKey.flatten((k, r) -> new Row(k, r.value())));
            byKey.forEachGroup((k, g) -> g.forEach((r, w) -> assertEquals((long) k, r.key())));
            assertEquals(rows.size(), byKey.entryCount());
        });
    }

    @Test
    void indexingIsLinear() {
        qt().forAll(zsets(), wideZSets(), keyFunctions()).checkAssert((a, b, k) -> {
            IndexedZSet<Long, Long> ia = a.zset().indexBy(x -> k.f().applyAsLong(x));
            IndexedZSet<Long, Long> ib = b.zset().indexBy(x -> k.f().applyAsLong(x));
            assertEquals(a.zset().plus(b.zset()).indexBy(x -> k.f().applyAsLong(x)), ia.plus(ib));
            assertEquals(a.zset().minus(b.zset()).indexBy(x -> k.f().applyAsLong(x)), ia.minus(ib));
            assertEquals(a.zset().negate().indexBy(x -> k.f().applyAsLong(x)), ia.negate());
            LongIndexedZSet<Long> la = a.longZSet().indexBy(k.f());
            LongIndexedZSet<Long> lb = b.longZSet().indexBy(k.f());
            assertEquals(a.longZSet().plus(b.longZSet()).indexBy(k.f()), la.plus(lb));
            assertEquals(a.longZSet().minus(b.longZSet()).indexBy(k.f()), la.minus(lb));
            assertEquals(a.longZSet().negate().indexBy(k.f()), la.negate());
        });
    }

    @Test
    void theThreeWaysToIndexAgree() {
        qt().forAll(wideZSets(), keyFunctions()).checkAssert((a, k) -> {
            IndexedZSet<Long, Long> boxed = a.zset().indexBy(x -> k.f().applyAsLong(x));
            LongIndexedZSet<Long> byLong = a.zset().indexByLong(x -> k.f().applyAsLong(x));
            LongIndexedZSet<Long> fromLongZSet = a.longZSet().indexBy(k.f());
            assertEquals(byLong, fromLongZSet);
            assertEquals(byLong.hashCode(), fromLongZSet.hashCode());
            agree(boxed, byLong);
        });
    }

    @Test
    void indexedZSetsAgreeOnGroupOperations() {
        qt().forAll(largerZSets(), zsets(), keyFunctions(), ZSetGenerators.factors()).checkAssert((a, b, k, f) -> {
            IndexedZSet<Long, Long> ia = a.zset().indexBy(x -> k.f().applyAsLong(x));
            IndexedZSet<Long, Long> ib = b.zset().indexBy(x -> k.f().applyAsLong(x));
            LongIndexedZSet<Long> la = a.longZSet().indexBy(k.f());
            LongIndexedZSet<Long> lb = b.longZSet().indexBy(k.f());
            agree(ia.plus(ib), la.plus(lb));
            agree(ia.minus(ib), la.minus(lb));
            agree(ia.negate(), la.negate());
            agree(ia.copy(), la.copy());
            IndexedZSet<Long, Long> ic = ia.copy();
            LongIndexedZSet<Long> lc = la.copy();
            ic.addAll(ib, f);
            lc.addAll(lb, f);
            agree(ic, lc);
            assertEquals(a.zset().plus(b.zset().scale(f)), ic.flatten((key, v) -> v));
            ic.addAll(ic);
            lc.addAll(lc);
            agree(ic, lc);
            assertEquals(ia, a.zset().indexBy(x -> k.f().applyAsLong(x)), "operands unchanged");
            assertEquals(la, a.longZSet().indexBy(k.f()), "operands unchanged");
        });
    }

    @Test
    void indexedAddMatchesZSetAdd() {
        qt().forAll(zsets(), keyFunctions()).checkAssert((a, k) -> {
            IndexedZSet<Long, Long> ix = new IndexedZSet<>();
            LongIndexedZSet<Long> lx = new LongIndexedZSet<>();
            ZSet<Long> flat = new ZSet<>();
            for (ZSetGenerators.Entry e : a.entries()) {
                long key = k.f().applyAsLong(e.element());
                long w1 = ix.add(key, e.element(), e.weight());
                long w2 = lx.add(key, e.element(), e.weight());
                long w3 = flat.add(e.element(), e.weight());
                assertEquals(w3, w1);
                assertEquals(w3, w2);
            }
            assertEquals(flat, ix.flatten((key, v) -> v));
            assertEquals(flat.indexBy(x -> k.f().applyAsLong(x)), ix);
            agree(ix, lx);
        });
    }

    /** The two indexed Z-set types hold the same entries. */
    static void agree(IndexedZSet<Long, Long> boxed, LongIndexedZSet<Long> unboxed) {
        assertEquals(pairs(boxed), pairs(unboxed), "entries");
        assertEquals(boxed.keyCount(), unboxed.keyCount(), "keyCount");
        assertEquals(boxed.entryCount(), unboxed.entryCount(), "entryCount");
        assertEquals(boxed.isEmpty(), unboxed.isEmpty(), "isEmpty");
        assertEquals(boxed.toString(), unboxed.toString(), "toString");
        boxed.forEachGroup((k, g) -> {
            assertEquals(g, unboxed.group(k), "group " + k);
            assertTrue(!g.isEmpty(), "no empty group is kept");
            g.forEach((v, w) -> assertEquals(w, unboxed.weight(k, v)));
        });
        unboxed.forEachGroup((k, g) -> assertEquals(g, boxed.group(k), "group " + k));
        assertNull(boxed.group(Long.MIN_VALUE + 12345));
        assertNull(unboxed.group(Long.MIN_VALUE + 12345));
    }

    @Test
    void longZSetIndexValuesAreTheBoxedElements() {
        qt().forAll(wideZSets(), keyFunctions()).checkAssert((a, k) -> {
            LongZSet l = a.longZSet();
            LongIndexedZSet<Long> x = l.indexBy(k.f());
            x.forEach((key, v, w) -> {
                assertEquals(k.f().applyAsLong(v), key);
                assertEquals(l.weight(v), w);
            });
            assertEquals(l.size(), x.entryCount());
        });
    }
}
