package org.jdbsp.operators;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.ZSet;

/**
 * Incremental grouped {@code min}/{@code max} of a {@code long} value over an append-only stream
 * ({@link Stream#isAppendOnly()}): with insertions only a group's extreme can only improve, so the state is one
 * {@code long} per group, not a multiset of its values as in {@link MinMaxNode}. eval takes each touched
 * group's extreme of the change and emits {@code -oldRow + newRow} where it beats the committed one (or the
 * group is new); commit stores the improved extremes. Same output as {@link MinMaxNode}. Cost per step
 * O(|change|) with a per-step scratch reused from step to step; state one value per group. A negative weight
 * (the stream was not append-only after all) fails the step.
 */
abstract class AppendOnlyMinMaxNode<T, R> extends Node {
    private final Stream<T> in;
    private final Stream<R> out;
    private final ToLongFunction<? super T> value;
    private final boolean max;
    private long[] best = new long[16];
    private boolean[] improved = new boolean[16];

    AppendOnlyMinMaxNode(boolean max, Stream<T> in, ToLongFunction<? super T> value, Stream<R> out) {
        super(max ? "max" : "min", List.of(in), out);
        this.in = in;
        this.out = out;
        this.value = value;
        this.max = max;
    }

    /** Computes the key of {@code row} (user function) and returns its touched-group number. */
    abstract int touch(T row);

    abstract int touched();

    abstract void clearTouched();

    /** Whether touched group g has a committed extreme. */
    abstract boolean exists(int g);

    /** The committed extreme of touched group g (which {@link #exists}). */
    abstract long extreme(int g);

    /** Stores the extreme of touched group g. */
    abstract void store(int g, long v);

    /** The output row of touched group g with extreme v (user function). */
    abstract R result(int g, long v);

    @Override
    protected void eval() {
        clearTouched();
        ZSet<T> d = in.value();
        ZSet<R> result = new ZSet<>();
        try {
            for (int s = d.nextSlot(0); s >= 0; s = d.nextSlot(s + 1)) {
                T row = d.elementAt(s);
                long w = d.weightAt(s);
                AppendOnlyRows.checkWeight(row, w);
                int before = touched();
                int g = touch(row);
                long v = value.applyAsLong(row);
                if (g == before) {
                    if (g == best.length) {
                        best = Arrays.copyOf(best, g * 2);
                        improved = Arrays.copyOf(improved, g * 2);
                    }
                    best[g] = v;
                } else if (max ? v > best[g] : v < best[g]) {
                    best[g] = v;
                }
            }
            for (int g = 0, n = touched(); g < n; g++) {
                boolean had = exists(g);
                long old = had ? extreme(g) : 0;
                long v = best[g];
                improved[g] = !had || (max ? v > old : v < old);
                if (improved[g]) {
                    if (had) {
                        result.add(result(g, old), -1);
                    }
                    result.add(result(g, v), 1);
                }
            }
        } catch (RuntimeException e) {
            clearTouched();
            throw failure(e);
        }
        out.publish(result);
    }

    @Override
    protected void commit() {
        for (int g = 0, n = touched(); g < n; g++) {
            if (improved[g]) {
                store(g, best[g]);
            }
        }
        clearTouched();
    }

    @Override
    protected void rollback() {
        clearTouched();
    }
}
