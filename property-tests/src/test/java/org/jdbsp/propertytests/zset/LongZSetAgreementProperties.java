package org.jdbsp.propertytests.zset;

import static org.jdbsp.propertytests.zset.ZSetGenerators.factors;
import static org.jdbsp.propertytests.zset.ZSetGenerators.flatMappers;
import static org.jdbsp.propertytests.zset.ZSetGenerators.functions;
import static org.jdbsp.propertytests.zset.ZSetGenerators.largerZSets;
import static org.jdbsp.propertytests.zset.ZSetGenerators.predicates;
import static org.jdbsp.propertytests.zset.ZSetGenerators.qt;
import static org.jdbsp.propertytests.zset.ZSetGenerators.wideZSets;
import static org.jdbsp.propertytests.zset.ZSetGenerators.zsets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.jdbsp.zset.LongZSet;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

/**
 * {@code LongZSet} (primitive) and {@code ZSet<Long>} (generic) are the same Z-set for every operation, and both
 * agree with a reference model (a {@code HashMap} from element to summed weight).
 */
class LongZSetAgreementProperties {

    /** The two representations hold the same Z-set, by every observation. */
    static void same(ZSet<Long> z, LongZSet l) {
        assertEquals(z, l.boxed(), "entries");
        assertEquals(z.size(), l.size(), "size");
        assertEquals(z.isEmpty(), l.isEmpty(), "isEmpty");
        assertEquals(z.hashCode(), l.hashCode(), "hashCode");
        assertEquals(z.toString(), l.toString(), "toString");
        z.forEach((e, w) -> assertEquals(w, l.weight(e), "weight of " + e));
        l.forEach((e, w) -> assertEquals(w, z.weight(e), "weight of " + e));
        long[] count = {0};
        for (int s = l.nextSlot(0); s >= 0; s = l.nextSlot(s + 1)) {
            count[0]++;
            assertEquals(z.weight(l.elementAt(s)), l.weightAt(s));
        }
        assertEquals(z.size(), count[0], "slots");
        BigInteger total = BigInteger.ZERO;
        for (int s = z.nextSlot(0); s >= 0; s = z.nextSlot(s + 1)) {
            total = total.add(BigInteger.valueOf(z.weightAt(s)));
        }
        if (total.bitLength() < 64) {
            assertEquals(total.longValueExact(), z.totalWeight(), "totalWeight");
            assertEquals(total.longValueExact(), l.totalWeight(), "totalWeight");
        }
    }

    @Test
    void buildingAgreesWithTheModel() {
        qt().forAll(wideZSets()).checkAssert(a -> {
            Map<Long, Long> model = new HashMap<>();
            for (ZSetGenerators.Entry e : a.entries()) {
                model.merge(e.element(), e.weight(), Long::sum);
            }
            model.values().removeIf(w -> w == 0);
            ZSet<Long> z = a.zset();
            LongZSet l = a.longZSet();
            same(z, l);
            assertEquals(model.size(), z.size());
            model.forEach((e, w) -> {
                assertEquals(w, z.weight(e));
                assertEquals(w, l.weight(e));
            });
            assertEquals(a.longZSet(), l.copy());
            assertEquals(a.zset(), z.copy());
        });
    }

    @Test
    void incrementalAddsAgree() {
        qt().forAll(largerZSets()).checkAssert(a -> {
            ZSet<Long> z = new ZSet<>();
            LongZSet l = new LongZSet();
            for (ZSetGenerators.Entry e : a.entries()) {
                assertEquals(z.add(e.element(), e.weight()), l.add(e.element(), e.weight()));
                assertEquals(z.size(), l.size());
            }
            same(z, l);
        });
    }

    @Test
    void groupOperationsAgree() {
        qt().forAll(wideZSets(), wideZSets(), factors()).checkAssert((a, b, k) -> {
            same(a.zset().plus(b.zset()), a.longZSet().plus(b.longZSet()));
            same(a.zset().minus(b.zset()), a.longZSet().minus(b.longZSet()));
            same(a.zset().negate(), a.longZSet().negate());
            same(a.zset().scale(k), a.longZSet().scale(k));
            ZSet<Long> z = a.zset();
            LongZSet l = a.longZSet();
            z.addAll(b.zset(), k);
            l.addAll(b.longZSet(), k);
            same(z, l);
            z.addAll(z);
            l.addAll(l);
            same(z, l);
            z.clear();
            l.clear();
            same(z, l);
        });
    }

    @Test
    void distinctAgrees() {
        qt().forAll(wideZSets()).checkAssert(a -> same(a.zset().distinct(), a.longZSet().distinct()));
    }

    @Test
    void linearOperatorsAgree() {
        qt().forAll(wideZSets(), functions(), predicates(), flatMappers()).checkAssert((a, f, p, fm) -> {
            same(a.zset().map(x -> f.f().applyAsLong(x)), a.longZSet().map(f.f()));
            same(a.zset().filter(x -> p.f().test(x)), a.longZSet().filter(p.f()));
            same(a.zset().flatMap((x, out) -> ZSetGenerators.emit(fm.f(), x, out::accept)),
                    a.longZSet().flatMap((x, out) -> ZSetGenerators.emit(fm.f(), x, out)));
            assertEquals(a.zset().map(x -> "s" + x), a.longZSet().mapToObj(x -> "s" + x));
        });
    }

    @Test
    void indexingAgrees() {
        qt().forAll(wideZSets(), ZSetGenerators.keyFunctions()).checkAssert((a, k) -> {
            assertEquals(a.zset().indexByLong(x -> k.f().applyAsLong(x)), a.longZSet().indexBy(k.f()));
        });
    }

    @Test
    void equalityAgrees() {
        qt().forAll(zsets(), zsets()).checkAssert((a, b) -> {
            boolean zEqual = a.zset().equals(b.zset());
            assertEquals(zEqual, a.longZSet().equals(b.longZSet()));
            assertEquals(zEqual, b.zset().equals(a.zset()), "symmetric");
            if (zEqual) {
                assertEquals(a.longZSet().hashCode(), b.longZSet().hashCode());
                assertEquals(a.zset().hashCode(), b.zset().hashCode());
            }
        });
    }

    @Test
    void slotsAreStableBetweenUpdatesAndAbsentElementsWeighNothing() {
        qt().forAll(wideZSets()).checkAssert(a -> {
            LongZSet l = a.longZSet();
            ZSet<Long> z = a.zset();
            assertEquals(0, l.weight(Long.MIN_VALUE + 7));
            assertEquals(0, z.weight(Long.MIN_VALUE + 7));
            assertNull(z.indexBy(x -> 0L).group(1L));
        });
    }
}
