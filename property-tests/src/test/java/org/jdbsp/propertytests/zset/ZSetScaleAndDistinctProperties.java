package org.jdbsp.propertytests.zset;

import static org.jdbsp.propertytests.zset.ZSetGenerators.factors;
import static org.jdbsp.propertytests.zset.ZSetGenerators.qt;
import static org.jdbsp.propertytests.zset.ZSetGenerators.wideZSets;
import static org.jdbsp.propertytests.zset.ZSetGenerators.zsets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.jdbsp.zset.LongZSet;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

/** Scaling is a ring action on the group; distinct is the idempotent projection onto the positive support. */
class ZSetScaleAndDistinctProperties {

    @Test
    void scaleDistributesOverPlus() {
        qt().forAll(zsets(), zsets(), factors()).checkAssert((a, b, k) -> {
            assertEquals(a.zset().plus(b.zset()).scale(k), a.zset().scale(k).plus(b.zset().scale(k)));
            assertEquals(a.longZSet().plus(b.longZSet()).scale(k), a.longZSet().scale(k).plus(b.longZSet().scale(k)));
        });
    }

    @Test
    void scalarsAddAndMultiply() {
        qt().forAll(wideZSets(), factors(), factors()).checkAssert((a, j, k) -> {
            assertEquals(a.zset().scale(j + k), a.zset().scale(j).plus(a.zset().scale(k)));
            assertEquals(a.zset().scale(j * k), a.zset().scale(j).scale(k));
            assertEquals(a.longZSet().scale(j + k), a.longZSet().scale(j).plus(a.longZSet().scale(k)));
            assertEquals(a.longZSet().scale(j * k), a.longZSet().scale(j).scale(k));
        });
    }

    @Test
    void scaleByOneZeroAndMinusOne() {
        qt().forAll(wideZSets()).checkAssert(a -> {
            assertEquals(a.zset(), a.zset().scale(1));
            assertTrue(a.zset().scale(0).isEmpty());
            assertEquals(a.zset().negate(), a.zset().scale(-1));
            assertEquals(a.longZSet(), a.longZSet().scale(1));
            assertTrue(a.longZSet().scale(0).isEmpty());
            assertEquals(a.longZSet().negate(), a.longZSet().scale(-1));
        });
    }

    @Test
    void distinctIsIdempotent() {
        qt().forAll(wideZSets()).checkAssert(a -> {
            assertEquals(a.zset().distinct(), a.zset().distinct().distinct());
            assertEquals(a.longZSet().distinct(), a.longZSet().distinct().distinct());
        });
    }

    @Test
    void distinctIsThePositiveSupportWithWeightOne() {
        qt().forAll(wideZSets()).checkAssert(a -> {
            Map<Long, Long> model = new HashMap<>();
            for (ZSetGenerators.Entry e : a.entries()) {
                model.merge(e.element(), e.weight(), Long::sum);
            }
            ZSet<Long> expected = new ZSet<>();
            model.forEach((e, w) -> {
                if (w > 0) {
                    expected.add(e, 1);
                }
            });
            assertEquals(expected, a.zset().distinct());
            assertEquals(expected, a.longZSet().distinct().boxed());
            a.zset().distinct().forEach((e, w) -> assertEquals(1, w));
        });
    }

    @Test
    void distinctOfAPositiveZSetIsItsSet() {
        qt().forAll(zsets()).checkAssert(a -> {
            ZSet<Long> positive = a.zset().filter(e -> a.zset().weight(e) > 0);
            assertEquals(positive.distinct(), a.zset().distinct());
            LongZSet l = a.longZSet();
            assertEquals(l.filter(e -> l.weight(e) > 0).distinct(), l.distinct());
        });
    }
}
