package org.jdbsp.operators;

import java.util.List;
import java.util.function.Function;
import org.eclipse.collections.impl.map.mutable.primitive.ObjectLongHashMap;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.IndexedZSet;
import org.jdbsp.zset.ZSet;

/**
 * Incremental semijoin (rows of {@code a} whose key is present in {@code b}) or antijoin (absent), where a key
 * is present when the total weight of {@code b}'s rows with it is positive. Per touched key {@code k}, with
 * {@code in}/{@code in'} whether {@code a}'s rows of {@code k} belong to the output before/after the tick:
 * in-and-in' emits {@code dA_k}, leaving retracts {@code I(A)_k}, entering emits {@code I(A)_k + dA_k}.
 * State: {@code a}'s trace indexed by key and the per-key total weight of {@code b}.
 * Cost per tick: O(|dA| + |dB| + size of the groups of keys whose presence flips).
 */
final class SemiJoinNode<K, A, B> extends Node {
    private final boolean anti;
    private final Stream<A> a;
    private final Stream<B> b;
    private final Function<? super A, ? extends K> keyA;
    private final Function<? super B, ? extends K> keyB;
    private final Stream<A> out;
    private final IndexedZSet<K, A> traceA = new IndexedZSet<>();
    private final ObjectLongHashMap<K> countB = new ObjectLongHashMap<>();
    private IndexedZSet<K, A> pendingA;
    private ObjectLongHashMap<K> pendingB;

    SemiJoinNode(boolean anti, Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA,
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
        pendingA = null;
        pendingB = null;
        ZSet<A> result = new ZSet<>();
        ZSet<A> da = a.value();
        ZSet<B> db = b.value();
        if (da.isEmpty() && db.isEmpty()) {
            out.publish(result);
            return;
        }
        try {
            IndexedZSet<K, A> ia = JoinSupport.index(da, keyA, "left key function");
            ObjectLongHashMap<K> dcount = JoinSupport.keyWeights(db, keyB, "right key function");
            JoinSupport.checkAdd(traceA, ia);
            ia.forEachGroup((k, ga) -> touched(k, ga, dcount.get(k), result));
            dcount.forEachKeyValue((k, w) -> {
                if (ia.group(k) == null) {
                    touched(k, null, w, result);
                }
            });
            pendingA = ia;
            pendingB = dcount;
        } catch (RuntimeException e) {
            throw failure(e);
        }
        out.publish(result);
    }

    private void touched(K k, ZSet<A> dA, long dCount, ZSet<A> result) {
        long oldC = countB.get(k);
        long newC = Math.addExact(oldC, dCount);
        boolean inOld = (oldC > 0) != anti;
        boolean inNew = (newC > 0) != anti;
        if (inOld && inNew) {
            JoinSupport.addGroup(dA, result, false);
        } else if (inOld) {
            JoinSupport.addGroup(traceA.group(k), result, true);
        } else if (inNew) {
            JoinSupport.addGroup(traceA.group(k), result, false);
            JoinSupport.addGroup(dA, result, false);
        }
    }

    @Override
    protected void commit() {
        if (pendingA != null) {
            traceA.addAll(pendingA);
            JoinSupport.addCounts(countB, pendingB);
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
        return traceA.entryCount() + countB.size();
    }
}
