package org.jdbsp.operators.aggregate;

import java.util.Arrays;
import java.util.List;
import org.jdbsp.circuit.Stage;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.spi.Checked;
import org.jdbsp.operators.spi.KeySpace;
import org.jdbsp.operators.spi.PassCombinerNode;
import org.jdbsp.operators.spi.RowKey;
import org.jdbsp.operators.spi.Touched;

/**
 * The local phase of a local-global aggregate over an append-only stream, as a combiner: over each pass it
 * aggregates the rows per group, passes nothing on while the rows come, and when the pass ends
 * ({@link #endPass}) pushes one row per group, {@code result(group, values)}, with weight 1. As an elementwise
 * operator right after an input (and the elementwise operators after it) it runs inside the exchange, on each
 * worker's part of the input's change, before any row is hashed or moved; elsewhere on its worker's change.
 *
 * <p>State: the groups of the pass, numbered in a key space, and the accumulators' values for them, all dropped at
 * the end of the pass, so nothing is kept between steps. Cost per row: the group key (user function), one key
 * lookup and one update per aggregate; per group of the pass, the result function. Not linear (what it passes
 * depends on the pass), so it is kept out of recursion. A negative weight (the stream was not append-only after
 * all) or a null group key fails the step.
 */
final class PassAggregateNode<T, R> extends PassCombinerNode<T, R> implements GroupCounts {
    private final RowKey<T> keys;
    private final KeySpace space;
    private final Accumulator<T>[] aggs;
    private final AggregateNode.GroupResult<R> result;
    private final AggregateNode.Values<T> values;
    private final Touched touched = new Touched();
    /** Per group of the pass, in order of first sight: its count. */
    private long[] counts = new long[16];
    /** The ids reserved in the accumulators so far. */
    private int reserved = 16;

    PassAggregateNode(String kind, Stream<T> in, Stream<R> out, RowKey<T> keys, List<Accumulator<T>> aggs,
                      AggregateNode.GroupResult<R> result) {
        super(kind, in, out);
        this.keys = keys;
        this.space = keys.space();
        this.aggs = AggregateNode.bind(aggs, space, this, reserved);
        this.values = new AggregateNode.Values<>(this.aggs);
        this.result = result;
    }

    @Override
    protected void beginPass() {
        if (touched.size() > 0) {
            clear(); // a pass that failed midway
        }
        for (Accumulator<T> a : aggs) {
            a.startStep();
        }
    }

    @Override
    protected void admit(T row, long w) {
        int id = keys.id(row);
        int before = touched.size();
        int ord = touched.touch(id);
        if (ord == before) {
            if (id >= reserved) {
                reserved = Math.max(id + 1, reserved * 2);
                for (Accumulator<T> a : aggs) {
                    a.reserve(reserved);
                }
            }
            if (ord == counts.length) {
                counts = Arrays.copyOf(counts, ord * 2);
            }
            counts[ord] = 0;
            for (Accumulator<T> a : aggs) {
                a.begin(ord, id);
            }
        }
        counts[ord] = Checked.add(counts[ord], w, row);
        for (Accumulator<T> a : aggs) {
            a.add(ord, row, w);
        }
    }

    @Override
    protected void endPass(Stage next) {
        try {
            for (int ord = 0, n = touched.size(); ord < n; ord++) {
                int id = touched.id(ord);
                for (Accumulator<T> a : aggs) {
                    a.prepare(ord, id);
                }
                values.id = id;
                values.ord = ord;
                R r = result.apply(id, values);
                if (r == null) {
                    throw new NullPointerException("result function returned null for group " + space.describe(id));
                }
                next.accept(r, 1);
            }
        } catch (RuntimeException ex) {
            throw failure(ex);
        } finally {
            clear();
        }
    }

    /** Drops the groups of the pass and their values. */
    private void clear() {
        for (int ord = 0, n = touched.size(); ord < n; ord++) {
            int id = touched.id(ord);
            for (Accumulator<T> a : aggs) {
                a.drop(id);
                a.dropScratch(ord);
            }
            space.release(id);
        }
        touched.clear();
    }

    /** A group of a pass has no committed count. */
    @Override
    public long count(int id) {
        return 0;
    }

    @Override
    public long newCount(int ord) {
        return counts[ord];
    }
}
