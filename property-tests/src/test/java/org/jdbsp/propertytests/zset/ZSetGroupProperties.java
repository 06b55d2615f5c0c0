package org.jdbsp.propertytests.zset;

import static org.jdbsp.propertytests.zset.ZSetGenerators.qt;
import static org.jdbsp.propertytests.zset.ZSetGenerators.wideZSets;
import static org.jdbsp.propertytests.zset.ZSetGenerators.zsets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdbsp.zset.LongZSet;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

/** Z-sets form an abelian group under plus, for both {@code ZSet<Long>} and {@code LongZSet}. */
class ZSetGroupProperties {

    @Test
    void plusIsAssociative() {
        qt().forAll(zsets(), zsets(), zsets()).checkAssert((a, b, c) -> {
            assertEquals(a.zset().plus(b.zset()).plus(c.zset()), a.zset().plus(b.zset().plus(c.zset())));
            assertEquals(a.longZSet().plus(b.longZSet()).plus(c.longZSet()),
                    a.longZSet().plus(b.longZSet().plus(c.longZSet())));
        });
    }

    @Test
    void plusIsCommutative() {
        qt().forAll(wideZSets(), wideZSets()).checkAssert((a, b) -> {
            assertEquals(a.zset().plus(b.zset()), b.zset().plus(a.zset()));
            assertEquals(a.longZSet().plus(b.longZSet()), b.longZSet().plus(a.longZSet()));
        });
    }

    @Test
    void emptyIsTheZero() {
        qt().forAll(wideZSets()).checkAssert(a -> {
            assertEquals(a.zset(), a.zset().plus(ZSet.empty()));
            assertEquals(a.zset(), ZSet.<Long>empty().plus(a.zset()));
            assertEquals(a.longZSet(), a.longZSet().plus(new LongZSet()));
            assertEquals(a.longZSet(), new LongZSet().plus(a.longZSet()));
            assertEquals(a.zset(), a.zset().minus(ZSet.empty()));
        });
    }

    @Test
    void negateIsTheInverse() {
        qt().forAll(wideZSets()).checkAssert(a -> {
            assertTrue(a.zset().plus(a.zset().negate()).isEmpty());
            assertTrue(a.zset().negate().plus(a.zset()).isEmpty());
            assertTrue(a.longZSet().plus(a.longZSet().negate()).isEmpty());
            assertEquals(a.zset(), a.zset().negate().negate());
            assertEquals(a.longZSet(), a.longZSet().negate().negate());
            assertTrue(a.zset().minus(a.zset()).isEmpty());
            assertTrue(a.longZSet().minus(a.longZSet()).isEmpty());
        });
    }

    @Test
    void minusIsPlusNegate() {
        qt().forAll(zsets(), wideZSets()).checkAssert((a, b) -> {
            assertEquals(a.zset().plus(b.zset().negate()), a.zset().minus(b.zset()));
            assertEquals(a.longZSet().plus(b.longZSet().negate()), a.longZSet().minus(b.longZSet()));
            assertEquals(a.zset().minus(b.zset()), b.zset().minus(a.zset()).negate());
        });
    }

    @Test
    void inPlaceAddAllAgreesWithPlusAndLeavesTheArgumentAlone() {
        qt().forAll(zsets(), zsets(), ZSetGenerators.factors()).checkAssert((a, b, k) -> {
            ZSet<Long> z = a.zset();
            ZSet<Long> other = b.zset();
            z.addAll(other, k);
            assertEquals(a.zset().plus(b.zset().scale(k)), z);
            assertEquals(b.zset(), other);
            LongZSet l = a.longZSet();
            LongZSet lother = b.longZSet();
            l.addAll(lother, k);
            assertEquals(a.longZSet().plus(b.longZSet().scale(k)), l);
            assertEquals(b.longZSet(), lother);
        });
    }

    @Test
    void selfAdditionDoubles() {
        qt().forAll(wideZSets(), ZSetGenerators.factors()).checkAssert((a, k) -> {
            ZSet<Long> z = a.zset();
            z.addAll(z, k);
            assertEquals(a.zset().scale(k + 1), z);
            LongZSet l = a.longZSet();
            l.addAll(l, k);
            assertEquals(a.longZSet().scale(k + 1), l);
        });
    }

    @Test
    void equalZSetsHaveEqualHashCodesWhateverTheHistory() {
        qt().forAll(zsets(), zsets()).checkAssert((a, b) -> {
            // a + b - b is a with a different insertion and deletion history
            ZSet<Long> z = a.zset().plus(b.zset()).minus(b.zset());
            assertEquals(a.zset(), z);
            assertEquals(a.zset().hashCode(), z.hashCode());
            assertEquals(a.zset().toString(), z.toString());
            LongZSet l = a.longZSet().plus(b.longZSet()).minus(b.longZSet());
            assertEquals(a.longZSet(), l);
            assertEquals(a.longZSet().hashCode(), l.hashCode());
        });
    }

    @Test
    void sizeCountsTheNonZeroEntries() {
        qt().forAll(zsets(), zsets()).checkAssert((a, b) -> {
            ZSet<Long> s = a.zset().plus(b.zset());
            int nonZero = 0;
            for (long e = -4; e <= 5; e++) {
                long w = a.zset().weight(e) + b.zset().weight(e);
                assertEquals(w, s.weight(e), "weight of " + e);
                if (w != 0) {
                    nonZero++;
                }
            }
            assertEquals(nonZero, s.size());
            assertEquals(nonZero == 0, s.isEmpty());
        });
    }
}
