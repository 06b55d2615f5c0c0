package org.jdbsp.propertytests.zset;

import static org.jdbsp.propertytests.zset.ZSetGenerators.asList;
import static org.jdbsp.propertytests.zset.ZSetGenerators.emit;
import static org.jdbsp.propertytests.zset.ZSetGenerators.flatMappers;
import static org.jdbsp.propertytests.zset.ZSetGenerators.functions;
import static org.jdbsp.propertytests.zset.ZSetGenerators.predicates;
import static org.jdbsp.propertytests.zset.ZSetGenerators.qt;
import static org.jdbsp.propertytests.zset.ZSetGenerators.wideZSets;
import static org.jdbsp.propertytests.zset.ZSetGenerators.zsets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;
import org.jdbsp.zset.LongZSet;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

/**
 * map, filter, flatMap and flatMapIterable are linear: f(a + b) = f(a) + f(b), f(-a) = -f(a), f(0) = 0; and each
 * agrees with its definition on a reference model (apply to every entry, add up the weights).
 */
class ZSetLinearityProperties {

    /** Checks linearity of an operator on {@code ZSet<Long>}. */
    private static <U> void linear(ZSetGenerators.Entries a, ZSetGenerators.Entries b,
            Function<ZSet<Long>, ZSet<U>> f) {
        assertEquals(f.apply(a.zset()).plus(f.apply(b.zset())), f.apply(a.zset().plus(b.zset())), "f(a + b)");
        assertEquals(f.apply(a.zset()).negate(), f.apply(a.zset().negate()), "f(-a)");
        assertEquals(f.apply(a.zset()).minus(f.apply(b.zset())), f.apply(a.zset().minus(b.zset())), "f(a - b)");
        assertTrue(f.apply(ZSet.empty()).isEmpty(), "f(0)");
    }

    /** Checks linearity of an operator on {@code LongZSet}. */
    private static void linearLong(ZSetGenerators.Entries a, ZSetGenerators.Entries b, UnaryOperator<LongZSet> f) {
        assertEquals(f.apply(a.longZSet()).plus(f.apply(b.longZSet())), f.apply(a.longZSet().plus(b.longZSet())),
                "f(a + b)");
        assertEquals(f.apply(a.longZSet()).negate(), f.apply(a.longZSet().negate()), "f(-a)");
        assertTrue(f.apply(new LongZSet()).isEmpty(), "f(0)");
    }

    @Test
    void mapIsLinear() {
        qt().forAll(zsets(), wideZSets(), functions()).checkAssert((a, b, f) -> {
            linear(a, b, z -> z.map(x -> f.f().applyAsLong(x)));
            linear(a, b, z -> z.map(x -> "v" + f.f().applyAsLong(x)));
            linearLong(a, b, z -> z.map(f.f()));
        });
    }

    @Test
    void filterIsLinear() {
        qt().forAll(zsets(), wideZSets(), predicates()).checkAssert((a, b, p) -> {
            linear(a, b, z -> z.filter(x -> p.f().test(x)));
            linearLong(a, b, z -> z.filter(p.f()));
        });
    }

    @Test
    void flatMapIsLinear() {
        qt().forAll(zsets(), wideZSets(), flatMappers()).checkAssert((a, b, f) -> {
            linear(a, b, z -> z.<Long>flatMap((x, out) -> emit(f.f(), x, out::accept)));
            linear(a, b, z -> z.flatMapIterable(x -> asList(f.f().apply(x))));
            linearLong(a, b, z -> z.flatMap((x, out) -> emit(f.f(), x, out)));
        });
    }

    @Test
    void mapAgreesWithTheModel() {
        qt().forAll(wideZSets(), functions()).checkAssert((a, f) -> {
            ZSet<Long> expected = new ZSet<>();
            a.zset().forEach((x, w) -> expected.add(f.f().applyAsLong(x), w));
            assertEquals(expected, a.zset().map(x -> f.f().applyAsLong(x)));
            assertEquals(expected, a.longZSet().map(f.f()).boxed());
            assertEquals(expected, a.longZSet().mapToObj(x -> f.f().applyAsLong(x)));
        });
    }

    @Test
    void filterAgreesWithTheModel() {
        qt().forAll(wideZSets(), predicates()).checkAssert((a, p) -> {
            ZSet<Long> expected = new ZSet<>();
            a.zset().forEach((x, w) -> {
                if (p.f().test(x)) {
                    expected.add(x, w);
                }
            });
            assertEquals(expected, a.zset().filter(x -> p.f().test(x)));
            assertEquals(expected, a.longZSet().filter(p.f()).boxed());
        });
    }

    @Test
    void flatMapAgreesWithTheModel() {
        qt().forAll(wideZSets(), flatMappers()).checkAssert((a, f) -> {
            LongFunction<long[]> fn = f.f();
            ZSet<Long> expected = new ZSet<>();
            a.zset().forEach((x, w) -> {
                for (long y : fn.apply(x)) {
                    expected.add(y, w);
                }
            });
            assertEquals(expected, a.zset().<Long>flatMap((x, out) -> emit(fn, x, out::accept)));
            assertEquals(expected, a.zset().flatMapIterable(x -> asList(fn.apply(x))));
            assertEquals(expected, a.longZSet().flatMap((x, out) -> emit(fn, x, out)).boxed());
        });
    }

    @Test
    void composedOperatorsAreLinear() {
        qt().forAll(zsets(), zsets(), functions(), predicates()).checkAssert((a, b, f, p) -> {
            linear(a, b, z -> z.filter(x -> p.f().test(x)).map(x -> f.f().applyAsLong(x)).filter(x -> p.f().test(x)));
            linearLong(a, b, z -> z.map(f.f()).filter(p.f()).map(f.f()));
        });
    }
}
