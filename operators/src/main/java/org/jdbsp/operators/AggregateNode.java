package org.jdbsp.operators;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.ZSet;

/**
 * Incremental linear grouped aggregate (count, sum, average). Per group the state is (count, sum) where
 * {@code count = sum of weights} and {@code sum = sum of value * weight}. A change touches some groups; eval
 * adds each changed row's weight and {@code value * weight} to its group's delta (O(1) per row), then for each
 * touched group compares the row of the old state with the row of the old state plus the delta and emits
 * {@code -oldRow + newRow} (nothing when the aggregate is unchanged; no row for a group whose count is &le; 0).
 * commit stores the new (count, sum). Cost O(|change|) per tick; state two longs per group. Subclasses supply
 * the key type: {@link AggregateByKeyNode} (any key), {@link AggregateByLongNode} (primitive long keys).
 */
abstract class AggregateNode<T, R> extends Node {
    enum Kind { COUNT, SUM, AVERAGE }

    private final Stream<T> in;
    private final Stream<R> out;
    private final Kind kind;
    private final ToLongFunction<? super T> value;
    private long[] dc = new long[16];
    private long[] ds = new long[16];
    private long[] nc = new long[16];
    private long[] ns = new long[16];
    private boolean prepared;

    AggregateNode(Kind kind, Stream<T> in, ToLongFunction<? super T> value, Stream<R> out) {
        super(kind.name().toLowerCase(java.util.Locale.ROOT), List.of(in), out);
        this.in = in;
        this.out = out;
        this.kind = kind;
        this.value = value;
    }

    /** Computes the key of {@code row} (user function) and returns its touched-group number. */
    abstract int touch(T row);

    /** Number of touched groups this tick. */
    abstract int touched();

    abstract void clearTouched();

    /** Committed count of touched group g (0 if the group has no state). */
    abstract long committedCount(int g);

    /** Committed sum of touched group g. */
    abstract long committedSum(int g);

    /** Stores the new state of touched group g; (0, 0) removes it. */
    abstract void store(int g, long count, long sum);

    /** The output row of touched group g with aggregate value v (user function). */
    abstract R result(int g, long v);

    /** The aggregate of a group with the given count (&gt; 0) and sum. */
    static long aggregate(Kind kind, long count, long sum) {
        switch (kind) {
            case COUNT:
                return count;
            case SUM:
                return sum;
            default:
                return sum / count;
        }
    }

    @Override
    protected void eval() {
        clear();
        ZSet<T> d = in.value();
        for (int s = d.nextSlot(0); s >= 0; s = d.nextSlot(s + 1)) {
            T row = d.elementAt(s);
            long w = d.weightAt(s);
            int before = touched();
            int g;
            long v = 0;
            try {
                g = touch(row);
                if (value != null) {
                    v = value.applyAsLong(row);
                }
            } catch (RuntimeException e) {
                throw failure(e);
            }
            if (g == before) {
                grow(g + 1);
            }
            dc[g] = Math.addExact(dc[g], w);
            if (value != null) {
                ds[g] = Math.addExact(ds[g], Math.multiplyExact(v, w));
            }
        }
        int n = touched();
        ZSet<R> result = new ZSet<>(2 * n); // presized: at most a retraction and an insertion per touched group
        for (int g = 0; g < n; g++) {
            long oldC = committedCount(g);
            long oldS = committedSum(g);
            long newC = Math.addExact(oldC, dc[g]);
            long newS = Math.addExact(oldS, ds[g]);
            nc[g] = newC;
            ns[g] = newS;
            boolean oldP = oldC > 0;
            boolean newP = newC > 0;
            long oldV = oldP ? aggregate(kind, oldC, oldS) : 0;
            long newV = newP ? aggregate(kind, newC, newS) : 0;
            if (oldP && newP && oldV == newV) {
                continue;
            }
            try {
                if (oldP) {
                    result.add(result(g, oldV), -1);
                }
                if (newP) {
                    result.add(result(g, newV), 1);
                }
            } catch (RuntimeException e) {
                throw failure(e);
            }
        }
        prepared = true;
        out.publish(result);
    }

    private void grow(int n) {
        if (n > dc.length) {
            int cap = Math.max(n, dc.length * 2);
            dc = Arrays.copyOf(dc, cap);
            ds = Arrays.copyOf(ds, cap);
            nc = Arrays.copyOf(nc, cap);
            ns = Arrays.copyOf(ns, cap);
        }
        dc[n - 1] = 0;
        ds[n - 1] = 0;
    }

    private void clear() {
        clearTouched();
        prepared = false;
    }

    @Override
    protected void commit() {
        if (prepared) {
            int n = touched();
            for (int g = 0; g < n; g++) {
                store(g, nc[g], ns[g]);
            }
        }
        clear();
    }

    @Override
    protected void rollback() {
        clear();
    }
}
