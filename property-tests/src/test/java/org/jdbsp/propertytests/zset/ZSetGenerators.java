package org.jdbsp.propertytests.zset;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;
import java.util.stream.Collectors;
import org.jdbsp.zset.IndexedZSet;
import org.jdbsp.zset.LongIndexedZSet;
import org.jdbsp.zset.LongZSet;
import org.jdbsp.zset.ZSet;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Shared generators for the Z-set properties. A random Z-set is generated as a list of (element, weight) entries
 * with small element ranges and weights that include 0 and negatives, so that repeated elements, collisions and
 * cancellations are frequent; the list is folded into a {@link ZSet ZSet&lt;Long&gt;} or a {@link LongZSet}.
 * Every generated value has a readable {@code toString}, which QuickTheories prints for the (shrunk) falsifying
 * example.
 */
final class ZSetGenerators {
    static final int EXAMPLES = 2000;

    private ZSetGenerators() {
    }

    /** The QuickTheories entry point used by every property: {@value #EXAMPLES} examples. */
    static QuickTheory qt() {
        return QuickTheory.qt().withExamples(EXAMPLES);
    }

    /** One generated (element, weight) pair, printed {@code element:weight}. */
    record Entry(long element, long weight) {
        @Override
        public String toString() {
            return element + ":" + weight;
        }
    }

    /** A generated Z-set as the list of entries it is folded from, printed {@code [e:w, ...] = {e => w, ...}}. */
    record Entries(List<Entry> entries) {
        ZSet<Long> zset() {
            ZSet<Long> z = new ZSet<>();
            for (Entry e : entries) {
                z.add(e.element(), e.weight());
            }
            return z;
        }

        LongZSet longZSet() {
            LongZSet z = new LongZSet();
            for (Entry e : entries) {
                z.add(e.element(), e.weight());
            }
            return z;
        }

        @Override
        public String toString() {
            String list = entries.stream().map(Entry::toString).collect(Collectors.joining(", ", "[", "]"));
            try {
                return list + " = " + longZSet();
            } catch (ArithmeticException overflow) {
                return list + " (overflows)";
            }
        }
    }

    /** A value with a name for printing: functions and predicates are shown by their source text. */
    record Named<F>(String name, F f) {
        @Override
        public String toString() {
            return name;
        }
    }

    // ---- Z-sets --------------------------------------------------------------------------------------------

    /** Elements in -4..5, weights in -3..3, up to 12 entries: many repeats and cancellations. */
    static Gen<Entries> zsets() {
        return entries(longs().between(-4, 5), longs().between(-3, 3), 12);
    }

    /** Like {@link #zsets()} but with a fifth of the elements taken from extreme and high-bit-only values. */
    static Gen<Entries> wideZSets() {
        Gen<Long> extreme = Generate.pick(Arrays.asList(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 1L << 32,
                -(1L << 40), Long.MIN_VALUE + 1, Long.MAX_VALUE - 1, 1L << 62, 0x8000_0000L));
        Gen<Long> elements = longs().between(-4, 5).mix(extreme, 20);
        return entries(elements, longs().between(-3, 3), 16);
    }

    /** Larger Z-sets (up to 60 entries over 0..40) so the tables grow past their first capacities. */
    static Gen<Entries> largerZSets() {
        return entries(longs().between(0, 40), longs().between(-3, 3), 60);
    }

    /**
     * Z-sets with distinct elements 0..n-1 whose weights are often at or near the limits of a {@code long}, so that
     * sums and products overflow; each element appears once, so building one never overflows. The small weights
     * come first in the pick list so that QuickTheories shrinks towards them.
     */
    static Gen<Entries> extremeWeightZSets() {
        return distinctElements(Arrays.asList(1L, -1L, 2L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1,
                Long.MIN_VALUE + 1, Long.MAX_VALUE / 2 + 1, Long.MIN_VALUE / 2));
    }

    /**
     * Like {@link #extremeWeightZSets()} but no weight is {@code Long.MIN_VALUE} and no weight times a factor in
     * {-2..2} is {@code Long.MIN_VALUE}: isolates the rollback of a {@code Long.MIN_VALUE} delta from the rest.
     */
    static Gen<Entries> extremeWeightZSetsWithoutMinValueDeltas() {
        return distinctElements(Arrays.asList(1L, -1L, 2L, Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1,
                Long.MIN_VALUE + 3));
    }

    private static Gen<Entries> distinctElements(List<Long> weights) {
        return lists().of(Generate.pick(weights)).ofSizeBetween(0, 6).map(ws -> {
            List<Entry> es = new ArrayList<>();
            for (int i = 0; i < ws.size(); i++) {
                es.add(new Entry(i, ws.get(i)));
            }
            return new Entries(es);
        });
    }

    private static Gen<Entries> entries(Gen<Long> elements, Gen<Long> weights, int maxSize) {
        Gen<Entry> entry = elements.zip(weights, Entry::new);
        return lists().of(entry).ofSizeBetween(0, maxSize).map(Entries::new);
    }

    /** Scale factors: small, zero, negative. */
    static Gen<Long> factors() {
        return longs().between(-3, 3);
    }

    // ---- functions -----------------------------------------------------------------------------------------

    static Gen<Named<LongUnaryOperator>> functions() {
        return Generate.pick(List.of(
                new Named<LongUnaryOperator>("x -> x", x -> x),
                new Named<LongUnaryOperator>("x -> -x", x -> -x),
                new Named<LongUnaryOperator>("x -> 0", x -> 0),
                new Named<LongUnaryOperator>("x -> x % 3", x -> x % 3),
                new Named<LongUnaryOperator>("x -> x / 2", x -> x / 2),
                new Named<LongUnaryOperator>("x -> x & 1", x -> x & 1),
                new Named<LongUnaryOperator>("x -> x * x % 7", x -> x * x % 7),
                new Named<LongUnaryOperator>("x -> x + 1", x -> x + 1),
                new Named<LongUnaryOperator>("x -> Long.rotateLeft(x, 63)", x -> Long.rotateLeft(x, 63))));
    }

    static Gen<Named<LongPredicate>> predicates() {
        return Generate.pick(List.of(
                new Named<LongPredicate>("x -> true", x -> true),
                new Named<LongPredicate>("x -> false", x -> false),
                new Named<LongPredicate>("x -> x % 2 == 0", x -> x % 2 == 0),
                new Named<LongPredicate>("x -> x > 1", x -> x > 1),
                new Named<LongPredicate>("x -> x % 3 == 1", x -> x % 3 == 1)));
    }

    /** flatMap functions as element -> outputs; adapted to every flatMap flavour by the helpers below. */
    static Gen<Named<LongFunction<long[]>>> flatMappers() {
        return Generate.pick(List.of(
                new Named<LongFunction<long[]>>("x -> []", x -> new long[0]),
                new Named<LongFunction<long[]>>("x -> [x]", x -> new long[] {x}),
                new Named<LongFunction<long[]>>("x -> [x, x]", x -> new long[] {x, x}),
                new Named<LongFunction<long[]>>("x -> [x, x + 1]", x -> new long[] {x, x + 1}),
                new Named<LongFunction<long[]>>("x -> [x % 2, -x]", x -> new long[] {x % 2, -x}),
                new Named<LongFunction<long[]>>("x -> [0 .. |x| % 4)", x -> {
                    long[] out = new long[(int) Math.abs(x % 4)];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = i;
                    }
                    return out;
                })));
    }

    /** Index (key) functions with few distinct keys. */
    static Gen<Named<LongUnaryOperator>> keyFunctions() {
        return Generate.pick(List.of(
                new Named<LongUnaryOperator>("x -> 0", x -> 0),
                new Named<LongUnaryOperator>("x -> x", x -> x),
                new Named<LongUnaryOperator>("x -> x % 2", x -> x % 2),
                new Named<LongUnaryOperator>("x -> x % 3", x -> x % 3),
                new Named<LongUnaryOperator>("x -> x / 4", x -> x / 4),
                new Named<LongUnaryOperator>("x -> x >>> 60", x -> x >>> 60)));
    }

    static Gen<Integer> smallInts() {
        return integers().between(0, 3);
    }

    // ---- adapters ------------------------------------------------------------------------------------------

    static void emit(LongFunction<long[]> f, long x, LongConsumer out) {
        for (long y : f.apply(x)) {
            out.accept(y);
        }
    }

    static List<Long> asList(long[] values) {
        List<Long> l = new ArrayList<>(values.length);
        for (long v : values) {
            l.add(v);
        }
        return l;
    }

    /** The entries of an indexed Z-set as a Z-set of "key/value" strings, for comparing the two kinds. */
    static ZSet<String> pairs(IndexedZSet<Long, Long> x) {
        return x.flatten((k, v) -> k + "/" + v);
    }

    static ZSet<String> pairs(LongIndexedZSet<Long> x) {
        return x.flatten((k, v) -> k + "/" + v);
    }
}
