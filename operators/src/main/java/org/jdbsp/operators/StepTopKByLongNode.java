package org.jdbsp.operators;

import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.ZSet;

/**
 * The local phase of local-global top-k over an append-only stream ({@link Stream#isAppendOnly()}): per step
 * and group, the rows of this worker's change that may still be among the group's top k, that is those with
 * fewer than k copies strictly before them in the change, with their full weights (ties at the boundary all
 * pass). It holds no state: with insertions only, a row that k copies beat within one change stays beaten
 * forever, so the global top-k over what passes equals the top-k over everything.
 *
 * <p>Cost per step: one sort of the change by (group, order), O(m log m) comparisons for m rows; arrays reused
 * from step to step ({@link ChangeSorter}). With k = 1 no sort: one pass finds each group's first row (a hash
 * lookup and at most one comparison per row), a second passes the rows tying with it, O(m) lookups and
 * comparisons, and the rows that pass keep the hash codes the change cached. A negative weight (the stream was
 * not append-only after all) fails the step.
 */
final class StepTopKByLongNode<T> extends Node {
    private final Stream<T> in;
    private final Stream<T> out;
    private final ToLongFunction<? super T> group;
    private final Comparator<? super T> order;
    private final int k;
    private final ChangeSorter<T> change = new ChangeSorter<>();
    /** k = 1: per group of this step's change, the slot (in the change) of its first row so far. */
    private final LongIntHashMap first = new LongIntHashMap();
    /** k = 1: the group key of the change's i-th row in slot order. */
    private long[] keys = new long[64];

    StepTopKByLongNode(Stream<T> in, Stream<T> out, ToLongFunction<? super T> group, Comparator<? super T> order,
                       int k) {
        super("local top-k (per step)", List.of(in), out);
        this.in = in;
        this.out = out;
        this.group = group;
        this.order = order;
        this.k = k;
    }

    @Override
    protected void eval() {
        ZSet<T> d = in.value();
        ZSet<T> result;
        try {
            result = k == 1 ? firstOfEachGroup(d) : sortedTopK(d);
        } catch (RuntimeException e) {
            throw failure(e);
        } finally {
            first.clear();
            change.reset(0);
        }
        out.publish(result);
    }

    /** k > 1: sorts the change by (group, order) and passes the rows with fewer than k copies before them. */
    private ZSet<T> sortedTopK(ZSet<T> d) {
        change.reset(d.size());
        for (int s = d.nextSlot(0); s >= 0; s = d.nextSlot(s + 1)) {
            T row = d.elementAt(s);
            long w = d.weightAt(s);
            AppendOnlyRows.checkWeight(row, w);
            change.add(row, w, group.applyAsLong(row));
        }
        change.sort(order);
        int m = change.size();
        ZSet<T> result = new ZSet<>(Math.min(m, 16));
        int j = 0;
        while (j < m) {
            long key = change.key(j);
            long before = 0; // copies strictly before the current run of ties, in this group
            while (j < m && change.key(j) == key) {
                int r = j + 1;
                long run = change.weight(j);
                while (r < m && change.key(r) == key && order.compare(change.row(r), change.row(j)) == 0) {
                    run += change.weight(r);
                    r++;
                }
                if (before < k) {
                    for (int t = j; t < r; t++) {
                        result.add(change.row(t), change.weight(t));
                    }
                }
                before += run;
                j = r;
            }
        }
        return result;
    }

    /**
     * k = 1: the rows with no copy strictly before them in their group, that is each group's first row and the
     * rows tying with it, with their weights and the hashes the change cached.
     */
    private ZSet<T> firstOfEachGroup(ZSet<T> d) {
        if (keys.length < d.size()) {
            keys = new long[Math.max(d.size(), keys.length * 2)];
        }
        int i = 0;
        for (int s = d.nextSlot(0); s >= 0; s = d.nextSlot(s + 1)) {
            T row = d.elementAt(s);
            AppendOnlyRows.checkWeight(row, d.weightAt(s));
            long key = group.applyAsLong(row);
            keys[i++] = key;
            int b = first.getIfAbsent(key, -1);
            if (b < 0 || order.compare(row, d.elementAt(b)) < 0) {
                first.put(key, s);
            }
        }
        ZSet<T> result = new ZSet<>(first.size());
        i = 0;
        for (int s = d.nextSlot(0); s >= 0; s = d.nextSlot(s + 1)) {
            int b = first.get(keys[i++]);
            T row = d.elementAt(s);
            if (b == s || order.compare(row, d.elementAt(b)) == 0) {
                result.addHashed(row, d.hashAt(s), d.weightAt(s));
            }
        }
        return result;
    }

    @Override
    public boolean keepsAppendOnly() {
        return true;
    }
}
