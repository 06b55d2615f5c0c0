package org.jdbsp.operators;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.LongIndexedZSet;
import org.jdbsp.zset.ZSet;

/**
 * Incremental inner equi-join on a {@code long} key, keys never boxed (traces are {@link LongIndexedZSet}s).
 * Bilinear: {@code d(A ⋈ B) = dA ⋈ (I(B)_{t-1} + dB) + I(A)_{t-1} ⋈ dB}.
 * State: both inputs integrated and indexed by key (traces). eval computes each changed row's key once (key
 * functions are user code) into arrays reused across ticks ({@link JoinKeyedDelta}), probes the old traces and
 * pairs the two changes through a chained index; commit adds the changed rows to the traces with the cached
 * keys. Cost per tick: O(|dA| + |dB| + number of output pairs); no allocation per changed row beyond the output
 * rows and, for a key new to a trace, its group.
 */
final class JoinOnLongNode<A, B, R> extends Node {
    private final Stream<A> a;
    private final Stream<B> b;
    private final ToLongFunction<? super A> keyA;
    private final ToLongFunction<? super B> keyB;
    private final BiFunction<? super A, ? super B, ? extends R> combine;
    private final Stream<R> out;
    private final LongIndexedZSet<A> traceA = new LongIndexedZSet<>();
    private final LongIndexedZSet<B> traceB = new LongIndexedZSet<>();
    private final JoinKeyedDelta<A> deltaA = new JoinKeyedDelta<>();
    private final JoinKeyedDelta<B> deltaB = new JoinKeyedDelta<>();
    private boolean pending;
    /** Saturating sums of |weight| ever added to each trace: no trace weight can exceed them in magnitude. */
    private long boundA;
    private long boundB;
    private long addA;
    private long addB;

    JoinOnLongNode(Stream<A> a, Stream<B> b, ToLongFunction<? super A> keyA, ToLongFunction<? super B> keyB,
                   BiFunction<? super A, ? super B, ? extends R> combine, Stream<R> out) {
        super("joinOnLong", List.of(a, b), out);
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
        pending = false;
        if (da.isEmpty() && db.isEmpty()) {
            out.publish(new ZSet<>());
            return;
        }
        ZSet<R> result;
        try {
            deltaA.index(da, keyA);
            deltaB.index(db, keyB);
            addA = checkAdd(traceA, deltaA, boundA);
            addB = checkAdd(traceB, deltaB, boundB);
            result = new ZSet<>(deltaA.size() + deltaB.size());
            // dA ⋈ (I(B)_{t-1} + dB)
            for (int i = 0; i < deltaA.size(); i++) {
                long k = deltaA.key(i);
                A x = deltaA.value(i);
                long wx = deltaA.weight(i);
                ZSet<B> g = traceB.group(k);
                if (g != null) {
                    for (int s = g.nextSlot(0); s >= 0; s = g.nextSlot(s + 1)) {
                        emit(x, g.elementAt(s), wx, g.weightAt(s), result);
                    }
                }
                for (int j = deltaB.first(k); j >= 0; j = deltaB.next(j)) {
                    emit(x, deltaB.value(j), wx, deltaB.weight(j), result);
                }
            }
            // I(A)_{t-1} ⋈ dB
            for (int j = 0; j < deltaB.size(); j++) {
                ZSet<A> g = traceA.group(deltaB.key(j));
                if (g != null) {
                    B y = deltaB.value(j);
                    long wy = deltaB.weight(j);
                    for (int s = g.nextSlot(0); s >= 0; s = g.nextSlot(s + 1)) {
                        emit(g.elementAt(s), y, g.weightAt(s), wy, result);
                    }
                }
            }
            pending = true;
        } catch (RuntimeException e) {
            deltaA.clear();
            deltaB.clear();
            throw failure(e);
        }
        out.publish(result);
    }

    private void emit(A x, B y, long wx, long wy, ZSet<R> result) {
        R r = combine.apply(x, y);
        if (r == null) {
            throw new NullPointerException("combine function returned null for (" + x + ", " + y + ")");
        }
        result.add(r, Math.multiplyExact(wx, wy));
    }

    /**
     * Throws now if adding the change to the trace would overflow, so that commit cannot fail. Every trace weight
     * is at most {@code bound} in magnitude, so while {@code bound + sum |delta|} fits in a long no entry can
     * overflow and the per-row lookups are skipped (with weights of +-1 that is always). Returns
     * {@code sum |delta|}, saturated.
     */
    private static <V> long checkAdd(LongIndexedZSet<V> trace, JoinKeyedDelta<V> delta, long bound) {
        long sum = 0;
        for (int i = 0; i < delta.size(); i++) {
            sum = saturatedAdd(sum, Math.abs(delta.weight(i)));
        }
        if (saturatedAdd(bound, sum) == Long.MAX_VALUE) {
            for (int i = 0; i < delta.size(); i++) {
                ZSet<V> g = trace.group(delta.key(i));
                if (g != null) {
                    Math.addExact(g.weight(delta.value(i)), delta.weight(i));
                }
            }
        }
        return sum;
    }

    /** {@code a + b} for non-negative values, saturating at {@code Long.MAX_VALUE} (|MIN_VALUE| saturates too). */
    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return a < 0 || b < 0 || r < 0 ? Long.MAX_VALUE : r;
    }

    @Override
    protected void commit() {
        if (pending) {
            boundA = saturatedAdd(boundA, addA);
            boundB = saturatedAdd(boundB, addB);
            for (int i = 0; i < deltaA.size(); i++) {
                traceA.add(deltaA.key(i), deltaA.value(i), deltaA.weight(i));
            }
            for (int j = 0; j < deltaB.size(); j++) {
                traceB.add(deltaB.key(j), deltaB.value(j), deltaB.weight(j));
            }
        }
        pending = false;
        deltaA.clear();
        deltaB.clear();
    }

    @Override
    protected void rollback() {
        pending = false;
        deltaA.clear();
        deltaB.clear();
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
