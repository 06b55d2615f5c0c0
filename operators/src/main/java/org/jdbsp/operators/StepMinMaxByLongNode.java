package org.jdbsp.operators;

import java.util.List;
import java.util.function.ToLongFunction;
import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.ZSet;

/**
 * The local phase of local-global min/max over an append-only stream ({@link Stream#isAppendOnly()}): per step
 * and key, the minimum (or maximum) value in this worker's change, as one {@code LocalExtreme} row of weight 1.
 * It holds no state: with insertions only, the global extreme over these per-step extremes equals the extreme
 * over every row. Cost per step: O(|change|), one primitive map reused from step to step. A negative weight (the
 * stream was not append-only after all) fails the step.
 */
final class StepMinMaxByLongNode<T> extends Node {
    private final boolean max;
    private final Stream<T> in;
    private final Stream<Aggregates.LocalExtreme> out;
    private final ToLongFunction<? super T> key;
    private final ToLongFunction<? super T> value;
    private final LongLongHashMap best = new LongLongHashMap();

    StepMinMaxByLongNode(boolean max, Stream<T> in, ToLongFunction<? super T> key, ToLongFunction<? super T> value,
                         Stream<Aggregates.LocalExtreme> out) {
        super((max ? "max" : "min") + " local (per step)", List.of(in), out);
        this.max = max;
        this.in = in;
        this.out = out;
        this.key = key;
        this.value = value;
    }

    @Override
    protected void eval() {
        ZSet<T> d = in.value();
        ZSet<Aggregates.LocalExtreme> result;
        try {
            for (int s = d.nextSlot(0); s >= 0; s = d.nextSlot(s + 1)) {
                T row = d.elementAt(s);
                long w = d.weightAt(s);
                AppendOnlyRows.checkWeight(row, w);
                long k = key.applyAsLong(row);
                long v = value.applyAsLong(row);
                if (!best.containsKey(k)) {
                    best.put(k, v);
                } else {
                    long b = best.get(k);
                    if (max ? v > b : v < b) {
                        best.put(k, v);
                    }
                }
            }
            ZSet<Aggregates.LocalExtreme> r = new ZSet<>(best.size());
            best.forEachKeyValue((k, v) -> r.add(new Aggregates.LocalExtreme(k, v), 1));
            result = r;
        } catch (RuntimeException e) {
            throw failure(e);
        } finally {
            best.clear();
        }
        out.publish(result);
    }

    @Override
    public boolean keepsAppendOnly() {
        return true;
    }
}
