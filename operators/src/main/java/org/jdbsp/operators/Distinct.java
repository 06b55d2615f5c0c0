package org.jdbsp.operators;

import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;

/**
 * SQL {@code DISTINCT} on Z-sets: every element whose total weight is positive, with weight 1.
 *
 * <p>Incremental rule (DBSP's {@code H}): the operator keeps the integrated input {@code I}; for each element
 * {@code x} of a change {@code d}, {@code out[x] = dist(I[x] + d[x]) - dist(I[x])} with
 * {@code dist(w) = w > 0 ? 1 : 0}. Cost O(|d|) per change, state one entry per element of the integrated input.
 * Naive mode: {@code snapshot.distinct()}, O(|snapshot|).
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
            c.addNode(new NaiveDistinctNode<>(in, out));
        } else if (c.nestedScope() != null) {
            c.addNode(new NestedDistinctNode<>(in, out, c.nestedScope()));
        } else {
            c.addNode(new DistinctNode<>(in, out));
        }
        return out;
    }
}
