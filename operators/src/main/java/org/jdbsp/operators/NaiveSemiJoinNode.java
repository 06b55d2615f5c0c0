package org.jdbsp.operators;

import java.util.List;
import java.util.function.Function;
import org.eclipse.collections.impl.map.mutable.primitive.ObjectLongHashMap;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.ZSet;

/**
 * Naive (reference) semijoin / antijoin of two snapshots: the rows of {@code a} (with their weights) whose key
 * is present in {@code b} (semijoin) or absent from it (antijoin); a key is present when the total weight of
 * {@code b}'s rows with that key is positive. No state; cost per tick O(|A| + |B|).
 */
final class NaiveSemiJoinNode<K, A, B> extends Node {
    private final Stream<A> a;
    private final Stream<B> b;
    private final Function<? super A, ? extends K> keyA;
    private final Function<? super B, ? extends K> keyB;
    private final boolean anti;
    private final Stream<A> out;

    NaiveSemiJoinNode(boolean anti, Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA,
                      Function<? super B, ? extends K> keyB, Stream<A> out) {
        super(anti ? "antijoin" : "semijoin", List.of(a, b), out);
        this.anti = anti;
        this.a = a;
        this.b = b;
        this.keyA = keyA;
        this.keyB = keyB;
        this.out = out;
    }

    @Override
    protected void eval() {
        ZSet<A> result = new ZSet<>();
        try {
            ObjectLongHashMap<K> present = JoinSupport.keyWeights(b.value(), keyB, "right key function");
            ZSet<A> va = a.value();
            for (int s = va.nextSlot(0); s >= 0; s = va.nextSlot(s + 1)) {
                A row = va.elementAt(s);
                K k = keyA.apply(row);
                if (k == null) {
                    throw new NullPointerException("left key function returned null for " + row);
                }
                if ((present.get(k) > 0) != anti) {
                    result.add(row, va.weightAt(s));
                }
            }
        } catch (RuntimeException e) {
            throw failure(e);
        }
        out.publish(result);
    }
}
