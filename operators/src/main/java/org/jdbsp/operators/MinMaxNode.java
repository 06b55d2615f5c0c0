package org.jdbsp.operators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.LongWeightMap;
import org.jdbsp.zset.ZSet;

/**
 * Incremental grouped {@code min}/{@code max} of a {@code long} value. Per group the state is a
 * {@link LongMultiset} of values with their multiplicities (max is computed as min over {@code ~v}, which
 * reverses the order of longs without overflow). eval collects per touched group the change of each value's
 * multiplicity, then finds the new minimum without mutating the multiset: the smallest changed value whose new
 * multiplicity is positive, versus a walk up the committed values from the smallest, skipping values whose new
 * multiplicity is &le; 0 (so deleting the current extreme exposes the next one); it emits
 * {@code -oldRow + newRow} when the extreme or the group's existence changed. commit applies the changes to the
 * multisets. A group exists while its count (sum of weights) is &gt; 0; its extreme ranges over the values of
 * positive multiplicity. Cost per tick O(|change| log n) plus O(log n) per skipped deleted value, n the group
 * size; state one multiset entry per distinct (group, value).
 */
abstract class MinMaxNode<T, R> extends Node {
    private final Stream<T> in;
    private final Stream<R> out;
    private final ToLongFunction<? super T> value;
    private final boolean max;
    private final List<LongWeightMap> deltas = new ArrayList<>();
    private long[] dTotal = new long[16];
    private LongMultiset[] groups = new LongMultiset[16];
    private boolean prepared;

    MinMaxNode(boolean max, Stream<T> in, ToLongFunction<? super T> value, Stream<R> out) {
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

    /** The committed multiset of touched group g, or null. */
    abstract LongMultiset lookup(int g);

    /** Stores (null: removes) the multiset of touched group g. */
    abstract void store(int g, LongMultiset m);

    /** The output row of touched group g with extreme v (user function). */
    abstract R result(int g, long v);

    @Override
    protected void eval() {
        clear();
        ZSet<T> d = in.value();
        for (int s = d.nextSlot(0); s >= 0; s = d.nextSlot(s + 1)) {
            T row = d.elementAt(s);
            long w = d.weightAt(s);
            int before = touched();
            int g;
            long v;
            try {
                g = touch(row);
                v = value.applyAsLong(row);
            } catch (RuntimeException e) {
                throw failure(e);
            }
            if (g == before) {
                prepare(g);
            }
            deltas.get(g).add(max ? ~v : v, w);
            dTotal[g] = Math.addExact(dTotal[g], w);
        }
        ZSet<R> result = new ZSet<>();
        int n = touched();
        long[] extreme = new long[1];
        for (int g = 0; g < n; g++) {
            LongMultiset m = groups[g];
            LongWeightMap delta = deltas.get(g);
            long oldTotal = m == null ? 0 : m.total();
            long newTotal = Math.addExact(oldTotal, dTotal[g]);
            boolean oldP = oldTotal > 0 && oldMin(m, extreme);
            long oldV = extreme[0];
            boolean newP = newMin(m, delta, extreme) && newTotal > 0;
            long newV = extreme[0];
            if (oldP && newP && oldV == newV) {
                continue;
            }
            try {
                if (oldP) {
                    result.add(result(g, max ? ~oldV : oldV), -1);
                }
                if (newP) {
                    result.add(result(g, max ? ~newV : newV), 1);
                }
            } catch (RuntimeException e) {
                throw failure(e);
            }
        }
        prepared = true;
        out.publish(result);
    }

    private void prepare(int g) {
        if (g == groups.length) {
            groups = Arrays.copyOf(groups, g * 2);
            dTotal = Arrays.copyOf(dTotal, g * 2);
        }
        if (g == deltas.size()) {
            deltas.add(new LongWeightMap());
        }
        deltas.get(g).clear();
        dTotal[g] = 0;
        groups[g] = lookup(g);
    }

    /** The smallest committed value with positive multiplicity. */
    static boolean oldMin(LongMultiset m, long[] out) {
        for (int t = m.minNode(); t >= 0; t = m.nodeAfter(m.valueAt(t))) {
            if (m.countAt(t) > 0) {
                out[0] = m.valueAt(t);
                return true;
            }
        }
        return false;
    }

    /** The smallest value whose multiplicity in {@code m + delta} is positive; {@code m} may be null. */
    static boolean newMin(LongMultiset m, LongWeightMap delta, long[] out) {
        boolean found = false;
        long best = 0;
        for (int s = delta.nextSlot(0); s >= 0; s = delta.nextSlot(s + 1)) {
            long v = delta.keyAt(s);
            long net = Math.addExact(m == null ? 0 : m.count(v), delta.weightAt(s));
            if (net > 0 && (!found || v < best)) {
                best = v;
                found = true;
            }
        }
        if (m != null) {
            for (int t = m.minNode(); t >= 0; t = m.nodeAfter(m.valueAt(t))) {
                long v = m.valueAt(t);
                if (found && v >= best) {
                    break;
                }
                if (m.countAt(t) + delta.get(v) > 0) {
                    best = v;
                    found = true;
                    break;
                }
            }
        }
        out[0] = best;
        return found;
    }

    private void clear() {
        int n = Math.min(touched(), groups.length);
        for (int g = 0; g < n; g++) {
            groups[g] = null;
        }
        clearTouched();
        prepared = false;
    }

    @Override
    protected void commit() {
        if (prepared) {
            int n = touched();
            for (int g = 0; g < n; g++) {
                LongMultiset m = groups[g];
                LongWeightMap delta = deltas.get(g);
                if (delta.isEmpty()) {
                    continue;
                }
                boolean fresh = m == null;
                if (fresh) {
                    m = new LongMultiset();
                }
                for (int s = delta.nextSlot(0); s >= 0; s = delta.nextSlot(s + 1)) {
                    m.add(delta.keyAt(s), delta.weightAt(s));
                }
                if (m.isEmpty()) {
                    store(g, null);
                } else if (fresh) {
                    store(g, m);
                }
            }
        }
        clear();
    }

    @Override
    protected void rollback() {
        clear();
    }
}
