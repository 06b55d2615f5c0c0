package org.jdbsp.sql.compiler;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.jdbsp.sql.SqlException;
import org.jdbsp.sql.UnsupportedSqlException;

/**
 * Lowers Calcite's window table functions, {@code TABLE(TUMBLE(TABLE t, DESCRIPTOR(c), size [, offset]))} and
 * {@code TABLE(HOP(TABLE t, DESCRIPTOR(c), slide, size [, offset]))}, to a {@link WindowTvfOp}, and reads the
 * arguments of {@code SESSION(TABLE t, DESCRIPTOR(c), DESCRIPTOR(k, ...), gap)}, which the GROUP BY over it lowers
 * ({@link SessionAggregateOp}); any other table function, or arguments other than a TIMESTAMP column and day-time
 * interval literals, fail naming what. Internal.
 */
final class WindowTableFunctions {
    private WindowTableFunctions() {
    }

    /** A window table function's arguments: its name, time column, and window size, slide and offset in ms. */
    private record Spec(String name, int time, long size, long slide, long offset) {
    }

    /**
     * The arguments of {@code SESSION(TABLE t, DESCRIPTOR(ts), DESCRIPTOR(key, ...), gap)}: the time column, the key
     * columns and the gap in ms.
     */
    record SessionSpec(int time, int[] keys, long gap) {
    }

    /** The arguments of {@code scan} when it is a SESSION window function (checked), else null. */
    static SessionSpec session(LogicalTableFunctionScan scan, Statement.QueryText where) {
        if (!(scan.getCall() instanceof RexCall call) || !call.getOperator().getName().equalsIgnoreCase("SESSION")
                || scan.getInputs().size() != 1) {
            return null;
        }
        List<RexNode> ops = call.getOperands();
        RelNode input = scan.getInputs().get(0);
        if (ops.size() != 3 || !(ops.get(0) instanceof RexCall d) || d.getOperands().size() != 1
                || !(d.getOperands().get(0) instanceof RexInputRef ref)) {
            throw unsupported(where, "SESSION other than SESSION(TABLE t, DESCRIPTOR(time), DESCRIPTOR(key, ...), gap)");
        }
        int time = ref.getIndex();
        if (input.getRowType().getFieldList().get(time).getType().getSqlTypeName() != SqlTypeName.TIMESTAMP) {
            throw unsupported(where, "SESSION by the column " + input.getRowType().getFieldNames().get(time)
                    + " (windows need a TIMESTAMP column)");
        }
        if (!(ops.get(1) instanceof RexCall k) || k.getOperands().isEmpty()) {
            throw unsupported(where, "SESSION without a DESCRIPTOR of its key columns");
        }
        int[] keys = new int[k.getOperands().size()];
        for (int i = 0; i < keys.length; i++) {
            if (!(k.getOperands().get(i) instanceof RexInputRef kr)) {
                throw unsupported(where, "SESSION with a key other than columns");
            }
            keys[i] = kr.getIndex();
        }
        return new SessionSpec(time, keys, positive(ops.get(2), "SESSION", "gap", where));
    }

    /** The operator of {@code scan}, its input lowered by {@code lower}. */
    static Op lower(LogicalTableFunctionScan scan, Function<RelNode, Op> lower, Statement.QueryText where,
                    JavaTypeFactory typeFactory) {
        return lower(scan, lower, where, typeFactory, null, null);
    }

    /**
     * {@link #lower} with the projection above fused in: the output rows are the columns {@code picked} of the
     * window function's rows (its input's columns, then window_start and window_end), of shape {@code pickedShape};
     * {@code picked} null: all of them.
     */
    static Op lower(LogicalTableFunctionScan scan, Function<RelNode, Op> lower, Statement.QueryText where,
                    JavaTypeFactory typeFactory, int[] picked, String pickedShape) {
        Spec s = spec(scan, where);
        return new WindowTvfOp(lower.apply(scan.getInputs().get(0)), s.name, s.time, s.size, s.slide, s.offset,
                Shapes.of(scan.getRowType(), typeFactory), picked, pickedShape);
    }

    /**
     * The {@link TimeBound} of column {@code c} of {@code scan}'s rows, given {@code input}, the bounds of its input's
     * columns; null when none is known. A row at time {@code t} lies in windows that start after {@code t - size}
     * and end after {@code t}, so a window's start is bounded as its time column less {@code size - 1} and its end
     * as the time column plus 1.
     */
    static TimeBound bound(LogicalTableFunctionScan scan, int c, java.util.function.IntFunction<TimeBound> input,
                           Statement.QueryText where) {
        Spec s;
        try {
            s = spec(scan, where);
        } catch (SqlException e) {
            return null; // lowering the scan reports it
        }
        int width = scan.getInputs().get(0).getRowType().getFieldCount();
        if (c < width) return input.apply(c);
        TimeBound time = input.apply(s.time);
        if (time == null) return null;
        return c == width ? time.plus(1 - s.size) : time.plus(1);
    }

    private static Spec spec(LogicalTableFunctionScan scan, Statement.QueryText where) {
        if (!(scan.getCall() instanceof RexCall call)) {
            throw unsupported(where, "the table function " + scan.getCall());
        }
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        boolean tumble = name.equals("TUMBLE");
        boolean cumulate = name.equals("CUMULATE");
        if (name.equals("SESSION")) {
            throw unsupported(where, "SESSION other than under a GROUP BY of its key columns, window_start and"
                    + " window_end with only COUNT(*) aggregates");
        }
        if (!tumble && !cumulate && !name.equals("HOP")) {
            throw unsupported(where, "the table function " + name);
        }
        if (scan.getInputs().size() != 1) {
            throw unsupported(where, name + " over " + scan.getInputs().size() + " tables");
        }
        RelNode input = scan.getInputs().get(0);
        // Calcite's operands: DESCRIPTOR(time column), then TUMBLE: size [, offset]; HOP: slide, size [, offset]
        // (the table is the scan's input)
        List<RexNode> ops = call.getOperands();
        if (!(ops.get(0) instanceof RexCall d) || d.getOperands().size() != 1
                || !(d.getOperands().get(0) instanceof RexInputRef ref)) {
            throw unsupported(where, name + " with a DESCRIPTOR of other than one column");
        }
        int time = ref.getIndex();
        RelDataType timeType = input.getRowType().getFieldList().get(time).getType();
        if (timeType.getSqlTypeName() != SqlTypeName.TIMESTAMP) {
            throw unsupported(where, name + " by the column " + input.getRowType().getFieldNames().get(time)
                    + " of type " + timeType.getFullTypeString() + " (windows need a TIMESTAMP column)");
        }
        long size;
        long slide;
        int next;
        if (tumble) {
            size = positive(ops.get(1), name, "size", where);
            slide = size;
            next = 2;
        } else if (cumulate) {
            // CUMULATE: step, size; the windows of a row share its tumbling window's start and grow by the step
            slide = positive(ops.get(1), name, "step", where);
            size = positive(ops.get(2), name, "size", where);
            if (size % slide != 0) {
                throw new SqlException(where.where(1, 1) + ": CUMULATE: the window size (" + size + " ms) must be a"
                        + " multiple of its step (" + slide + " ms)");
            }
            next = 3;
        } else {
            slide = positive(ops.get(1), name, "slide", where);
            size = positive(ops.get(2), name, "size", where);
            next = 3;
        }
        long offset = ops.size() > next ? millis(ops.get(next), name, "offset", where) : 0;
        return new Spec(name, time, size, slide, offset);
    }

    /** A window's size or slide: a positive day-time interval literal, in milliseconds. */
    private static long positive(RexNode n, String fn, String what, Statement.QueryText where) {
        long ms = millis(n, fn, what, where);
        if (ms <= 0) {
            throw new SqlException(where.where(1, 1) + ": " + fn + ": the window " + what + " must be positive, got "
                    + n);
        }
        return ms;
    }

    private static long millis(RexNode n, String fn, String what, Statement.QueryText where) {
        if (!(n instanceof RexLiteral lit)
                || lit.getType().getSqlTypeName().getFamily() != SqlTypeFamily.INTERVAL_DAY_TIME) {
            throw unsupported(where, fn + " with a window " + what + " other than a literal day-time INTERVAL ("
                    + n + ")");
        }
        return lit.getValueAs(Long.class);
    }

    private static UnsupportedSqlException unsupported(Statement.QueryText where, String what) {
        return new UnsupportedSqlException(where.where(1, 1) + ": " + what + " is not supported");
    }
}
