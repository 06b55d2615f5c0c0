package org.jdbsp.operators;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.IndexedZSet;
import org.jdbsp.zset.ZSet;

/**
 * Incremental inner equi-join (bilinear): {@code d(A ⋈ B) = dA ⋈ (I(B)_{t-1} + dB) + I(A)_{t-1} ⋈ dB}.
 * State: both inputs integrated and indexed by key (traces). eval indexes the changes (key functions are user
 * code) and probes the old traces; commit adds the indexed changes to the traces.
 * Cost per tick: O(|dA| + |dB| + number of output pairs).
 */
final class JoinNode<K, A, B, R> extends Node {
    private final Stream<A> a;
    private final Stream<B> b;
    private final Function<? super A, ? extends K> keyA;
    private final Function<? super B, ? extends K> keyB;
    private final BiFunction<? super A, ? super B, ? extends R> combine;
    private final Stream<R> out;
    private final IndexedZSet<K, A> traceA = new IndexedZSet<>();
    private final IndexedZSet<K, B> traceB = new IndexedZSet<>();
    private IndexedZSet<K, A> pendingA;
    private IndexedZSet<K, B> pendingB;

    JoinNode(Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA, Function<? super B, ? extends K> keyB,
             BiFunction<? super A, ? super B, ? extends R> combine, Stream<R> out) {
        super("join", List.of(a, b), out);
        this.a = a;
        this.b = b;
        this.keyA = keyA;
        this.keyB = keyB;
        this.combine = combine;
        this.out = out;
    }

    @Override
    protected void eval() {
        ZSet<A> da = a.value();
        ZSet<B> db = b.value();
        ZSet<R> result = new ZSet<>();
        if (da.isEmpty() && db.isEmpty()) {
            pendingA = null;
            pendingB = null;
            out.publish(result);
            return;
        }
        try {
            IndexedZSet<K, A> ia = JoinSupport.index(da, keyA, "left key function");
            IndexedZSet<K, B> ib = JoinSupport.index(db, keyB, "right key function");
            JoinSupport.checkAdd(traceA, ia);
            JoinSupport.checkAdd(traceB, ib);
            ia.forEachGroup((k, ga) -> {
                JoinSupport.cross(ga, traceB.group(k), combine, result, false);
                JoinSupport.cross(ga, ib.group(k), combine, result, false);
            });
            ib.forEachGroup((k, gb) -> JoinSupport.cross(traceA.group(k), gb, combine, result, false));
            pendingA = ia;
            pendingB = ib;
        } catch (RuntimeException e) {
            pendingA = null;
            pendingB = null;
            throw failure(e);
        }
        out.publish(result);
    }

    @Override
    protected void commit() {
        if (pendingA != null) {
            traceA.addAll(pendingA);
            traceB.addAll(pendingB);
        }
        pendingA = null;
        pendingB = null;
    }

    @Override
    protected void rollback() {
        pendingA = null;
        pendingB = null;
    }

    @Override
    public long stateRows() {
        return traceA.entryCount() + traceB.entryCount();
    }

    /** Positive weights in give positive weights out. */
    @Override
    public boolean keepsAppendOnly() {
        return true;
    }
}
