package org.jdbsp.operators.distinct;

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
     * {@code UNION} (set semantics): {@code distinct(a + b)}. Incremental rule: that of {@link #distinct} applied to
     * the change {@code da + db}; state one entry per distinct element of the integrated union. Cost: O(|a| + |b|)
     * per tick.
     */
    public static <T> Stream<T> union(Stream<T> a, Stream<T> b) {
        return distinct(Linear.union(a, b));
    }
}
