package org.jdbsp.propertytests.zset;

import static org.jdbsp.propertytests.zset.ZSetGenerators.extremeWeightZSets;
import static org.jdbsp.propertytests.zset.ZSetGenerators.extremeWeightZSetsWithoutMinValueDeltas;
import static org.jdbsp.propertytests.zset.ZSetGenerators.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbsp.zset.IndexedZSet;
import org.jdbsp.zset.LongIndexedZSet;
import org.jdbsp.zset.LongZSet;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * With weights at the limits of a {@code long}: {@code a += k * b} either succeeds with the exact (BigInteger)
 * result, or throws ArithmeticException and leaves {@code a} exactly as it was; {@code b} never changes.
 *
 * <p>The properties without the {@code WithoutMinValueDeltas} suffix found a bug (fixed in 3dab940): the rollback
 * undid an applied delta d with add(e, -d), and for d == Long.MIN_VALUE that overflows again (see the zset unit
 * tests {@code addAllRollsBackADeltaOfLongMinValue}). The variants without such deltas passed before the fix.
 */
class ZSetAtomicityProperties {

    /** The exact result of a + k * b, or null if some weight does not fit in a long. */
    static Map<Long, Long> exact(ZSetGenerators.Entries a, ZSetGenerators.Entries b, long k) {
        Map<Long, BigInteger> sum = new HashMap<>();
        for (ZSetGenerators.Entry e : a.entries()) {
            sum.merge(e.element(), BigInteger.valueOf(e.weight()), BigInteger::add);
        }
        for (ZSetGenerators.Entry e : b.entries()) {
            BigInteger scaled = BigInteger.valueOf(e.weight()).multiply(BigInteger.valueOf(k));
            if (scaled.bitLength() >= 64) {
                return null;
            }
            sum.merge(e.element(), scaled, BigInteger::add);
        }
        Map<Long, Long> r = new HashMap<>();
        for (Map.Entry<Long, BigInteger> e : sum.entrySet()) {
            if (e.getValue().bitLength() >= 64) {
                return null;
            }
            if (e.getValue().signum() != 0) {
                r.put(e.getKey(), e.getValue().longValue());
            }
        }
        return r;
    }

    static ZSet<Long> zset(Map<Long, Long> m) {
        ZSet<Long> z = new ZSet<>();
        m.forEach(z::add);
        return z;
    }

    private static final Gen<Long> FACTORS = Generate.pick(List.of(1L, -1L, 2L, -2L));

    @Test
    void zsetAddAllIsExactOrAtomic() {
        zsetAddAll(extremeWeightZSets());
    }

    @Test
    void zsetAddAllIsExactOrAtomicWithoutMinValueDeltas() {
        zsetAddAll(extremeWeightZSetsWithoutMinValueDeltas());
    }

    private static void zsetAddAll(Gen<ZSetGenerators.Entries> zsets) {
        qt().forAll(zsets, zsets, FACTORS)
                .checkAssert((a, b, k) -> {
                    Map<Long, Long> expected = exact(a, b, k);
                    ZSet<Long> z = a.zset();
                    ZSet<Long> other = b.zset();
                    if (expected == null) {
                        assertThrows(ArithmeticException.class, () -> z.addAll(other, k));
                        assertEquals(a.zset(), z, "unchanged after overflow");
                        assertThrows(ArithmeticException.class, () -> a.zset().plus(b.zset().scale(k)));
                    } else {
                        z.addAll(other, k);
                        assertEquals(zset(expected), z);
                    }
                    assertEquals(b.zset(), other, "argument unchanged");
                });
    }

    @Test
    void longZSetAddAllIsExactOrAtomic() {
        longZSetAddAll(extremeWeightZSets());
    }

    @Test
    void longZSetAddAllIsExactOrAtomicWithoutMinValueDeltas() {
        longZSetAddAll(extremeWeightZSetsWithoutMinValueDeltas());
    }

    private static void longZSetAddAll(Gen<ZSetGenerators.Entries> zsets) {
        qt().forAll(zsets, zsets, FACTORS)
                .checkAssert((a, b, k) -> {
                    Map<Long, Long> expected = exact(a, b, k);
                    LongZSet l = a.longZSet();
                    LongZSet other = b.longZSet();
                    if (expected == null) {
                        assertThrows(ArithmeticException.class, () -> l.addAll(other, k));
                        assertEquals(a.longZSet(), l, "unchanged after overflow");
                    } else {
                        l.addAll(other, k);
                        assertEquals(zset(expected), l.boxed());
                    }
                    assertEquals(b.longZSet(), other, "argument unchanged");
                });
    }

    @Test
    void indexedAddAllIsExactOrAtomic() {
        indexedAddAll(extremeWeightZSets());
    }

    @Test
    void indexedAddAllIsExactOrAtomicWithoutMinValueDeltas() {
        indexedAddAll(extremeWeightZSetsWithoutMinValueDeltas());
    }

    private static void indexedAddAll(Gen<ZSetGenerators.Entries> zsets) {
        qt().forAll(zsets, zsets, FACTORS)
                .checkAssert((a, b, k) -> {
                    Map<Long, Long> expected = exact(a, b, k);
                    IndexedZSet<Long, Long> ix = a.zset().indexBy(x -> x % 2);
                    LongIndexedZSet<Long> lx = a.longZSet().indexBy(x -> x % 2);
                    IndexedZSet<Long, Long> ib = b.zset().indexBy(x -> x % 2);
                    LongIndexedZSet<Long> lb = b.longZSet().indexBy(x -> x % 2);
                    if (expected == null) {
                        assertThrows(ArithmeticException.class, () -> ix.addAll(ib, k));
                        assertThrows(ArithmeticException.class, () -> lx.addAll(lb, k));
                        assertEquals(a.zset().indexBy(x -> x % 2), ix, "unchanged after overflow");
                        assertEquals(a.longZSet().indexBy(x -> x % 2), lx, "unchanged after overflow");
                    } else {
                        ix.addAll(ib, k);
                        lx.addAll(lb, k);
                        assertEquals(zset(expected), ix.flatten((key, v) -> v));
                        assertEquals(zset(expected), lx.flatten((key, v) -> v));
                    }
                });
    }

    @Test
    void scaleIsExactOrThrows() {
        qt().forAll(extremeWeightZSets(), Generate.pick(List.of(1L, 0L, -1L, 2L, -2L, 3L)))
                .checkAssert((a, k) -> {
                    Map<Long, Long> expected = exact(new ZSetGenerators.Entries(List.of()), a, k);
                    if (expected == null) {
                        assertThrows(ArithmeticException.class, () -> a.zset().scale(k));
                        assertThrows(ArithmeticException.class, () -> a.longZSet().scale(k));
                    } else {
                        assertEquals(zset(expected), a.zset().scale(k));
                        assertEquals(zset(expected), a.longZSet().scale(k).boxed());
                    }
                });
    }
}
