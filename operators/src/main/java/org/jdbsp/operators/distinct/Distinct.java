package org.jdbsp.operators.distinct;

import java.util.Objects;
import java.util.function.ToLongFunction;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.operators.spi.RecomputeNode;
import org.jdbsp.zset.ZSet;

/**
 * SQL {@code DISTINCT} on Z-sets: every element whose total weight is positive, with weight 1.
 *
 * <p>Incremental rule (DBSP's {@code H}): the operator keeps the integrated input {@code I}; for each element
 * {@code x} of a change {@code d}, {@code out[x] = dist(I[x] + d[x]) - dist(I[x])} with
 * {@code dist(w) = w > 0 ? 1 : 0}. Cost O(|d|) per change, state one entry per element of the integrated input.
 * Naive mode recomputes {@code snapshot.distinct()} ({@link ZSet#distinct}), O(|snapshot|).
 *
 * <p>Inside an incremental recursive circuit the nested variant keeps per-iteration history (see
 * {@link NestedDistinctNode}), so recursive views such as transitive closure are maintained incrementally.
 */
public final class Distinct {
    private Distinct() {
    }

    /**
     * The distinct elements of {@code in} (weight 1 each, elements with weight &le; 0 dropped).
     * Cost per change: O(|change|) at the root; inside recursion O(keys changed so far in the outer tick) per
     * inner iteration.
     */
    public static <T> Stream<T> distinct(Stream<T> in) {
        CircuitBuilder c = in.circuit();
        c.checkOwns(in, "distinct");
        in = c.shard(in, Object::hashCode, "distinct");
        Stream<T> out = c.newStream("distinct");
        if (c.isNaive()) {
            c.addNode(RecomputeNode.of("distinct", in, out, ZSet::distinct));
        } else if (c.nestedScope() != null) {
            c.addNode(new NestedDistinctNode<>(in, out, c.nestedScope()));
        } else {
            c.addNode(new DistinctNode<>(in, out));
        }
        return out;
    }

    /**
     * {@link #distinct} of elements that a {@code long} code identifies: {@code code} must give equal elements equal
     * codes and different elements different codes (a packing of the element's fields, not a hash). The result is
     * that of {@link #distinct}; the state keeps each element's code and weight in primitive arrays instead of the
     * element, so a state of millions of elements holds no object per element (nothing for the collector to trace
     * or copy) and its table grows a little per added element rather than in one step. Cost per change: one code
     * call and one probe per element (the state is changed in eval and taken back if the step fails); state 16
     * bytes per table slot, 23 to 46 bytes per distinct element. Inside recursion and in naive mode this is
     * {@link #distinct} (the code is not needed there).
     */
    public static <T> Stream<T> distinctByLong(Stream<T> in, ToLongFunction<? super T> code) {
        Objects.requireNonNull(code, "code");
        return distinctByCode(in, code, null);
    }

    /**
     * {@link #distinctByLong} with a code of two {@code long}s ({@code first}, {@code second}), for elements whose
     * fields do not pack into one. State 24 bytes per table slot, 34 to 69 bytes per distinct element.
     */
    public static <T> Stream<T> distinctByLongs(Stream<T> in, ToLongFunction<? super T> first,
                                                ToLongFunction<? super T> second) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        return distinctByCode(in, first, second);
    }

    private static <T> Stream<T> distinctByCode(Stream<T> in, ToLongFunction<? super T> first,
                                                ToLongFunction<? super T> second) {
        CircuitBuilder c = in.circuit();
        c.checkOwns(in, "distinct");
        if (c.isNaive() || c.nestedScope() != null) {
            return distinct(in);
        }
        in = c.shard(in, second == null ? x -> LongKeyedDistinctNode.shardHash(first.applyAsLong(x))
                : x -> LongKeyedDistinctNode.shardHash(first.applyAsLong(x), second.applyAsLong(x)), "distinct");
        Stream<T> out = c.newStream("distinct");
        c.addNode(new LongKeyedDistinctNode<>(in, out, first, second));
        return out;
    }

    /**
     * {@code UNION} (set semantics): {@code distinct(a + b)}. Incremental rule: that of {@link #distinct} applied to
     * the change {@code da + db}; state one entry per distinct element of the integrated union. Cost: O(|a| + |b|)
     * per tick.
     */
    public static <T> Stream<T> union(Stream<T> a, Stream<T> b) {
        return distinct(Linear.union(a, b));
    }
}
