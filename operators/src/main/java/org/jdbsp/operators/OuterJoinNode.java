package org.jdbsp.operators;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.eclipse.collections.impl.map.mutable.primitive.ObjectLongHashMap;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.IndexedZSet;
import org.jdbsp.zset.ZSet;

/**
 * Incremental left or full outer equi-join. The output is the inner join plus, for each key not matched on the
 * other side (total weight of the other side's rows with that key {@code <= 0}), the rows padded with
 * {@code null}. The inner part is bilinear ({@code dA ⋈ (I(B) + dB) + I(A) ⋈ dB}); the padded part is
 * maintained per touched key {@code k}: with {@code m}/{@code m'} the matched status before/after this tick,
 * unmatched-before-and-after emits {@code pad(dA_k)}, becoming matched retracts {@code pad(I(A)_k)}, becoming
 * unmatched emits {@code pad(I(A)_k + dA_k)}.
 * State: both traces indexed by key, plus the per-key total weight of each side (for LEFT only the right's).
 * Cost per tick: O(|dA| + |dB| + inner output pairs + size of the groups of keys whose matched status flips).
 */
final class OuterJoinNode<K, A, B, R> extends Node {
    private final JoinKind joinKind;
    private final Stream<A> a;
    private final Stream<B> b;
    private final Function<? super A, ? extends K> keyA;
    private final Function<? super B, ? extends K> keyB;
    private final BiFunction<? super A, ? super B, ? extends R> combine;
    private final Stream<R> out;
    private final IndexedZSet<K, A> traceA = new IndexedZSet<>();
    private final IndexedZSet<K, B> traceB = new IndexedZSet<>();
    private final ObjectLongHashMap<K> countA = new ObjectLongHashMap<>();
    private final ObjectLongHashMap<K> countB = new ObjectLongHashMap<>();
    private IndexedZSet<K, A> pendingA;
    private IndexedZSet<K, B> pendingB;

    OuterJoinNode(JoinKind joinKind, Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA,
                  Function<? super B, ? extends K> keyB, BiFunction<? super A, ? super B, ? extends R> combine,
                  Stream<R> out) {
        super(joinKind.operator, List.of(a, b), out);
        if (joinKind == JoinKind.INNER) {
            throw new IllegalArgumentException("OuterJoinNode is for LEFT and FULL joins");
        }
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
        pendingA = null;
        pendingB = null;
        ZSet<R> result = new ZSet<>();
        ZSet<A> da = a.value();
        ZSet<B> db = b.value();
        if (da.isEmpty() && db.isEmpty()) {
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
                padded(k, ia, ib, result);
            });
            ib.forEachGroup((k, gb) -> {
                JoinSupport.cross(traceA.group(k), gb, combine, result, false);
                if (ia.group(k) == null) {
                    padded(k, ia, ib, result);
                }
            });
            pendingA = ia;
            pendingB = ib;
        } catch (RuntimeException e) {
            throw failure(e);
        }
        out.publish(result);
    }

    /** Emits the change of the null-padded rows of key {@code k}. */
    private void padded(K k, IndexedZSet<K, A> ia, IndexedZSet<K, B> ib, ZSet<R> result) {
        ZSet<A> dA = ia.group(k);
        ZSet<B> dB = ib.group(k);
        long oldB = countB.get(k);
        long newB = Math.addExact(oldB, JoinSupport.total(dB));
        boolean oldUnB = oldB <= 0;
        boolean newUnB = newB <= 0;
        if (oldUnB && newUnB) {
            JoinSupport.leftUnmatched(dA, combine, result, false);
        } else if (oldUnB) {
            JoinSupport.leftUnmatched(traceA.group(k), combine, result, true);
        } else if (newUnB) {
            JoinSupport.leftUnmatched(traceA.group(k), combine, result, false);
            JoinSupport.leftUnmatched(dA, combine, result, false);
        }
        if (joinKind == JoinKind.FULL) {
            long oldA = countA.get(k);
            long newA = Math.addExact(oldA, JoinSupport.total(dA));
            boolean oldUnA = oldA <= 0;
            boolean newUnA = newA <= 0;
            if (oldUnA && newUnA) {
                JoinSupport.rightUnmatched(dB, combine, result, false);
            } else if (oldUnA) {
                JoinSupport.rightUnmatched(traceB.group(k), combine, result, true);
            } else if (newUnA) {
                JoinSupport.rightUnmatched(traceB.group(k), combine, result, false);
                JoinSupport.rightUnmatched(dB, combine, result, false);
            }
        }
    }

    @Override
    protected void commit() {
        if (pendingA != null) {
            traceA.addAll(pendingA);
            traceB.addAll(pendingB);
            pendingB.forEachGroup((k, g) -> addCount(countB, k, JoinSupport.total(g)));
            if (joinKind == JoinKind.FULL) {
                pendingA.forEachGroup((k, g) -> addCount(countA, k, JoinSupport.total(g)));
            }
        }
        pendingA = null;
        pendingB = null;
    }

    private static <K> void addCount(ObjectLongHashMap<K> counts, K k, long w) {
        long nw = counts.get(k) + w;
        if (nw == 0) {
            counts.remove(k);
        } else {
            counts.put(k, nw);
        }
    }

    @Override
    protected void rollback() {
        pendingA = null;
        pendingB = null;
    }

    @Override
    public long stateRows() {
        return traceA.entryCount() + traceB.entryCount() + countA.size() + countB.size();
    }
}
