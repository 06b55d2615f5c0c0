package org.jdbsp.sql.compiler;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.sql.runtime.RowClasses;
import org.jdbsp.sql.runtime.Tuple;
import org.jdbsp.sql.runtime.TupleFactory;

/**
 * The window table functions {@code TUMBLE}, {@code HOP} and {@code CUMULATE}: each input row, once per window of
 * its time column that contains it, with the window's {@code window_start} and {@code window_end} appended. Windows
 * are half-open; a tumble's and a hop's are {@code [start, start + size)}, their starts {@code offset + k * slide}
 * (a tumble's slide is its size); a cumulate's share the start of the row's tumbling window of {@code size} and end
 * a multiple of the step ({@code slide}) after it, up to {@code size}. All are aligned to the epoch unless an
 * offset is given. A row whose time is NULL lies in no window and is dropped.
 *
 * <p>Linear: no state, {@code size / slide} output rows per input row, fused with its neighbours. Output rows are
 * built with the output shape's generated class from typed reads of the input, without boxing NOT NULL columns.
 */
final class WindowTvfOp extends Op {
    private final String function;
    private final int timeColumn;
    private final long size;
    private final long slide;
    private final long offset;
    private final String shape;
    /** The columns of the function's rows that are output (a projection fused in), or null: all; their shape. */
    private final int[] picked;
    private final String pickedShape;
    /**
     * An input column (integer, never NULL) by which the input rows are moved to their workers before the windows
     * are made ({@link #routeBy}), or -1.
     */
    private int routeBy = -1;

    /**
     * {@code function} ("TUMBLE" or "HOP", for explain) over {@code input}'s rows, by the TIMESTAMP column
     * {@code timeColumn}; {@code shape}: the function's rows' ({@link RowClasses}), the input's columns then the two
     * window columns; {@code picked}: the columns of those rows output, in order, of shape {@code pickedShape}
     * (null: all of them).
     */
    WindowTvfOp(Op input, String function, int timeColumn, long size, long slide, long offset, String shape,
                int[] picked, String pickedShape) {
        super(List.of(input));
        if ((picked == null) != (pickedShape == null) || picked != null && picked.length != pickedShape.length()) {
            throw new IllegalArgumentException("picked columns " + Arrays.toString(picked) + " of shape "
                    + pickedShape);
        }
        this.picked = picked;
        this.pickedShape = pickedShape;
        if (size <= 0 || slide <= 0) {
            throw new IllegalArgumentException(function + ": the window size and slide must be positive intervals");
        }
        this.function = function;
        this.timeColumn = timeColumn;
        this.size = size;
        this.slide = slide;
        this.offset = offset;
        this.shape = shape;
    }

    /** The start of the first window containing {@code t}: the smallest {@code offset + k * slide > t - size}. */
    static long firstStart(long t, long size, long slide, long offset) {
        long last = lastStart(t, slide, offset);
        long n = (size - 1) / slide; // whole slides back, staying within size of t
        long first = last - n * slide;
        return first + size <= t ? first + slide : first;
    }

    /** The start of the last window containing {@code t}: the largest {@code offset + k * slide <= t}. */
    static long lastStart(long t, long slide, long offset) {
        return Math.floorDiv(Math.subtractExact(t, offset), slide) * slide + offset;
    }

    /**
     * Lets the rows reach the workers before their windows are made, when a GROUP BY above keys them by one of
     * {@code groupColumns} (positions in this operator's output) that is an input column, an integer known never to
     * be NULL ({@code notNull}), and a row lies in several windows (a hop or a cumulate): each input row then moves
     * once, routed by that column, instead of once per window, and the grouping, routed by the same column, adds no
     * exchange (Nexmark q5's five windows per bid, grouped by auction and window). The first such request wins.
     */
    void routeBy(int[] groupColumns, boolean[] notNull) {
        if (routeBy >= 0 || size <= slide && !function.equals("CUMULATE")) return;
        int in = shape.length() - 2;
        String outShape = picked == null ? shape : pickedShape;
        for (int g : groupColumns) {
            int source = picked == null ? g : picked[g];
            if (source < in && notNull[g] && Shapes.integral(outShape.charAt(g))) {
                routeBy = source;
                return;
            }
        }
    }

    @Override
    Stream<Tuple> wire(Wiring w) {
        int in = shape.length() - 2;
        int[] out = picked == null ? Keys.range(shape.length()) : picked;
        String outShape = picked == null ? shape : pickedShape;
        TupleFactory factory = RowClasses.factory(outShape);
        int time = timeColumn;
        long size = this.size;
        long slide = this.slide;
        long offset = this.offset;
        boolean cumulative = this.function.equals("CUMULATE");
        // per wiring (one per worker): the row being built
        long[] longs = new long[out.length];
        double[] doubles = new double[out.length];
        Object[] objects = new Object[out.length];
        char[] letters = outShape.toCharArray();
        Stream<Tuple> input = w.stream(inputs().get(0));
        if (routeBy >= 0) input = Routing.shard(input, routeBy, function.toLowerCase(Locale.ROOT));
        int[] source = new int[out.length];
        for (int j = 0; j < out.length; j++) source[j] = out[j] < in ? out[j] : -1;
        return Routing.carry(input, Linear.<Tuple, Tuple>flatMap(input, (row, sink) -> {
            if (row.isNull(time)) {
                return;
            }
            long t = row.getLong(time);
            boolean typed = true;
            for (int j = 0; j < out.length; j++) {
                int c = out[j];
                if (c >= in) continue; // a window column, set per window
                char l = letters[j];
                if (l == 'L') {
                    objects[j] = row.get(c);
                } else if (row.isNull(c)) { // NULL where the plan said NOT NULL: the boxed path keeps it
                    typed = false;
                    break;
                } else if (l == 'F' || l == 'D') {
                    doubles[j] = row.getDouble(c);
                } else if (l == 'Z') {
                    longs[j] = row.getBoolean(c) ? 1 : 0;
                } else {
                    longs[j] = row.getLong(c);
                }
            }
            Object[] boxed = typed ? null : row.toArray();
            // a tumble or a hop: windows [s, s + size) for starts s a slide apart; a cumulate: windows [s0, e) of
            // the row's tumbling window s0, for ends e a step (the slide) apart past t
            long s0 = cumulative ? lastStart(t, size, offset) : 0;
            long first = cumulative ? Math.addExact(s0, ((t - s0) / slide + 1) * slide)
                    : firstStart(t, size, slide, offset);
            long last = cumulative ? Math.addExact(s0, size) : lastStart(t, slide, offset);
            for (long at = first; at <= last; at += slide) {
                long s = cumulative ? s0 : at;
                long end = cumulative ? at : Math.addExact(at, size);
                if (typed) {
                    for (int j = 0; j < out.length; j++) {
                        if (out[j] == in) put(letters[j], j, s, longs, objects);
                        else if (out[j] == in + 1) put(letters[j], j, end, longs, objects);
                    }
                    sink.accept(factory.make(longs, doubles, objects));
                } else {
                    Object[] values = new Object[out.length];
                    for (int j = 0; j < out.length; j++) {
                        values[j] = out[j] < in ? boxed[out[j]] : out[j] == in ? (Object) s : (Object) end;
                    }
                    sink.accept(factory.make(values));
                }
            }
        }), source);
    }

    private static void put(char letter, int column, long millis, long[] longs, Object[] objects) {
        if (letter == 'L') {
            objects[column] = millis;
        } else {
            longs[column] = millis;
        }
    }

    @Override
    String describe() {
        return function.toLowerCase(Locale.ROOT) + " window by column " + timeColumn + ", size " + size
                + " ms" + (slide != size ? (function.equals("CUMULATE") ? ", step " : ", slide ") + slide + " ms" : "")
                + (offset != 0 ? ", offset " + offset
                + " ms" : "") + (picked != null ? ", columns " + Arrays.toString(picked) : "")
                + (routeBy >= 0 ? ", rows routed by column " + routeBy : "");
    }
}
