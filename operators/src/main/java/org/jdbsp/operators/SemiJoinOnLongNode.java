package org.jdbsp.operators;

import java.util.List;
import java.util.function.ToLongFunction;
import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.LongIndexedZSet;
import org.jdbsp.zset.ZSet;

/**
 * {@link SemiJoinNode} (semijoin or antijoin) on a {@code long} key, keys never boxed: {@code a}'s trace is a
 * {@link LongIndexedZSet} and {@code b}'s per-key total weights a primitive {@code long -> long} map.
 * Same incremental rule; cost per tick O(|dA| + |dB| + size of the groups of keys whose presence flips).
 */
final class SemiJoinOnLongNode<A, B> extends Node {
    private final boolean anti;
    private final Stream<A> a;
    private final Stream<B> b;
    private final ToLongFunction<? super A> keyA;
    private final ToLongFunction<? super B> keyB;
    private final Stream<A> out;
    private final LongIndexedZSet<A> traceA = new LongIndexedZSet<>();
    private final LongLongHashMap countB = new LongLongHashMap();
    private LongIndexedZSet<A> pendingA;
    private LongLongHashMap pendingB;

    SemiJoinOnLongNode(boolean anti, Stream<A> a, Stream<B> b, ToLongFunction<? super A> keyA,
                       ToLongFunction<? super B> keyB, Stream<A> out) {
        super(anti ? "antijoinOnLong" : "semijoinOnLong", List.of(a, b), out);
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
            LongIndexedZSet<A> ia = JoinSupport.indexLong(da, keyA);
            LongLongHashMap dcount = JoinSupport.keyWeightsLong(db, keyB);
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

    private void touched(long k, ZSet<A> dA, long dCount, ZSet<A> result) {
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
