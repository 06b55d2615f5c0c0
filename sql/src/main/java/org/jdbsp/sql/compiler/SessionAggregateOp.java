package org.jdbsp.sql.compiler;

import java.util.List;
import java.util.function.Function;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.operators.window.Session;
import org.jdbsp.operators.window.Watermark;
import org.jdbsp.operators.window.Windows;
import org.jdbsp.sql.runtime.RowClasses;
import org.jdbsp.sql.runtime.Tuple;
import org.jdbsp.sql.runtime.TupleFactory;

/**
 * {@code GROUP BY key..., window_start, window_end} with {@code COUNT(*)} over the window table function
 * {@code SESSION(TABLE t, DESCRIPTOR(ts), DESCRIPTOR(key...), gap)}: per key, the maximal runs of rows whose
 * consecutive times are at most {@code gap} apart (windows {@code [t, t + gap)} that overlap or touch merge, as in
 * Flink), each a row {@code (key..., first time, last time + gap, count)}. Rows whose time is NULL are in no
 * session. The engine's session operator: O(log n) per change; with the watermark of the table whose event time
 * it reads, the sessions the watermark has passed leave the state.
 */
final class SessionAggregateOp extends Op {
    private final int time;
    private final int[] keys;
    private final long gap;
    /** Per output column: {@code k >= 0} the k-th key column, or START, END, COUNT. */
    private final int[] columns;
    static final int START = -1;
    static final int END = -2;
    static final int COUNT = -3;
    /** Whether the only key is a NOT NULL integer column (read as a {@code long}), and its shape letter. */
    private final boolean longKey;
    private final char keyLetter;
    private final String outputShape;
    /** The table whose watermark bounds the time column, or null. */
    private final String watermarkTable;

    /** @param keyLetter the shape letter of the only key column when it is a NOT NULL integer, else 0 */
    SessionAggregateOp(Op input, int time, int[] keys, long gap, int[] columns, char keyLetter, String outputShape,
                       String watermarkTable) {
        super(List.of(input));
        this.time = time;
        this.keys = keys;
        this.gap = gap;
        this.columns = columns;
        this.longKey = keyLetter != 0;
        this.keyLetter = keyLetter;
        this.outputShape = outputShape;
        this.watermarkTable = watermarkTable;
    }

    @Override
    Stream<Tuple> wire(Wiring w) {
        int t = time;
        Stream<Tuple> in = Linear.filter(w.stream(inputs().get(0)), r -> !r.isNull(t));
        Watermark watermark = watermarkTable == null ? null : w.watermark(watermarkTable);
        // windows that touch merge (Flink): the engine's sessions split at a distance >= its gap, so gap + 1 ms
        long engineGap = Math.addExact(gap, 1);
        TupleFactory factory = RowClasses.factory(outputShape);
        Object[] v = new Object[columns.length]; // one per wiring: each worker's circuit has its own
        if (longKey) {
            int k = keys[0];
            Stream<Session<Long>> s = Windows.sessionByLong(in, r -> r.getLong(k), r -> r.getLong(t), engineGap,
                    watermark);
            return Linear.map(s, x -> row(x, factory, v));
        }
        Function<Tuple, Object> key = Keys.of(keys);
        Stream<Session<Object>> s = Windows.session(in, key, r -> r.getLong(t), engineGap, watermark);
        return Linear.map(s, x -> row(x, factory, v));
    }

    private Tuple row(Session<?> s, TupleFactory factory, Object[] v) {
        for (int i = 0; i < columns.length; i++) {
            int c = columns[i];
            if (c == START) {
                v[i] = s.start();
            } else if (c == END) {
                v[i] = s.end() - 1;
            } else if (c == COUNT) {
                v[i] = s.count();
            } else {
                Object k = Keys.value(s.key(), c, keys.length);
                v[i] = longKey ? AggregateOp.boxed(keyLetter, (Long) k) : k;
            }
        }
        return factory.make(v);
    }

    @Override
    String describe() {
        return "session windows by column " + time + " per key " + java.util.Arrays.toString(keys) + ", gap " + gap
                + " ms, counted" + (watermarkTable == null ? "" : ", dropping the sessions below the watermark of "
                + watermarkTable);
    }
}
