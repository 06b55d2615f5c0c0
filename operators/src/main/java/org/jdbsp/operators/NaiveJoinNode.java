package org.jdbsp.operators;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.IndexedZSet;
import org.jdbsp.zset.ZSet;

/**
 * Naive (reference) equi-join of two snapshots: hashes both whole inputs every tick and emits every matching
 * pair with the product of the weights; for LEFT/FULL also the unmatched rows with {@code null} for the missing
 * side. A key is matched on a side when the total weight of that side's rows with the key is positive.
 * No state; cost per tick O(|A| + |B| + output).
 */
final class NaiveJoinNode<K, A, B, R> extends Node {
    private final Stream<A> a;
    private final Stream<B> b;
    private final Function<? super A, ? extends K> keyA;
    private final Function<? super B, ? extends K> keyB;
    private final BiFunction<? super A, ? super B, ? extends R> combine;
    private final JoinKind joinKind;
    private final Stream<R> out;

    NaiveJoinNode(JoinKind joinKind, Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA,
                  Function<? super B, ? extends K> keyB, BiFunction<? super A, ? super B, ? extends R> combine,
                  Stream<R> out) {
        super(joinKind.operator, List.of(a, b), out);
        this.joinKind = joinKind;
        this.a = a;
        this.b = b;
        this.keyA = keyA;
        this.keyB = keyB;
        this.combine = combine;
        this.out = out;
    }

    @Override
    protected void eval() {
        ZSet<R> result = new ZSet<>();
        try {
            IndexedZSet<K, A> ia = JoinSupport.index(a.value(), keyA, "left key function");
            IndexedZSet<K, B> ib = JoinSupport.index(b.value(), keyB, "right key function");
            ia.forEachGroup((k, ga) -> {
                ZSet<B> gb = ib.group(k);
                JoinSupport.cross(ga, gb, combine, result, false);
                if (joinKind != JoinKind.INNER && JoinSupport.total(gb) <= 0) {
                    JoinSupport.leftUnmatched(ga, combine, result, false);
                }
            });
            if (joinKind == JoinKind.FULL) {
                ib.forEachGroup((k, gb) -> {
                    if (JoinSupport.total(ia.group(k)) <= 0) {
                        JoinSupport.rightUnmatched(gb, combine, result, false);
                    }
                });
            }
        } catch (RuntimeException e) {
            throw failure(e);
        }
        out.publish(result);
    }
}
