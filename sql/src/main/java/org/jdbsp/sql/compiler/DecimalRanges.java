package org.jdbsp.sql.compiler;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.Sarg;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A range condition on a DECIMAL constant times an integer column, {@code SEARCH(CAST(c * x AS DECIMAL(p, s)),
 * ranges)} (Nexmark q14's {@code 0.908 * price > 1000000 AND 0.908 * price < 50000000}), as the same condition on
 * {@code x} itself: each bound {@code e} becomes the integer bound {@code e / c} rounded inwards (flipped when
 * {@code c < 0}), so the row's condition compares {@code long}s instead of making a {@code BigDecimal} per row. Only
 * where the product is exact: the cast keeps its scale and no {@code long} times {@code c} overflows its precision,
 * and every bound fits the column's type; otherwise the call is left as it is. Internal.
 */
final class DecimalRanges {
    private static final BigDecimal LONG_RANGE = BigDecimal.valueOf(Long.MAX_VALUE).add(BigDecimal.ONE);

    private DecimalRanges() {
    }

    /** The condition on {@code x}, or null when {@code call} (its operands {@code operands}) is not of that form. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static RexNode onColumn(RexCall call, List<RexNode> operands, RexBuilder rexBuilder) {
        if (call.getKind() != SqlKind.SEARCH || !(operands.get(1) instanceof RexLiteral lit)) return null;
        RexNode arg = operands.get(0);
        RelDataType cast = null;
        if (arg.getKind() == SqlKind.CAST) {
            cast = arg.getType();
            arg = ((RexCall) arg).getOperands().get(0);
        }
        if (arg.getKind() != SqlKind.TIMES) return null;
        List<RexNode> factors = ((RexCall) arg).getOperands();
        int at = factors.get(0) instanceof RexLiteral ? 0 : 1;
        if (!(factors.get(at) instanceof RexLiteral constant)) return null;
        RexNode x = factors.get(1 - at);
        SqlTypeName xType = x.getType().getSqlTypeName();
        if (!SqlTypeName.INT_TYPES.contains(xType)) return null;
        BigDecimal c = constant.getValueAs(BigDecimal.class);
        if (c == null || c.signum() == 0) return null;
        if (cast != null && !exact(c, cast)) return null;
        Sarg<?> sarg = lit.getValueAs(Sarg.class);
        if (sarg == null || sarg.isPoints() || sarg.isComplementedPoints()) return null;
        BigDecimal min = BigDecimal.valueOf(minOf(xType)), max = BigDecimal.valueOf(maxOf(xType));
        RangeSet<BigDecimal> onX = TreeRangeSet.create();
        for (Range<?> r : ((RangeSet<?>) sarg.rangeSet).asRanges()) {
            if (r.hasLowerBound() && r.hasUpperBound() && r.lowerEndpoint().equals(r.upperEndpoint())) return null;
            BigDecimal lo = min, hi = max;
            if (r.hasLowerBound()) {
                BigDecimal b = bound((BigDecimal) r.lowerEndpoint(), c, r.lowerBoundType(), c.signum() > 0);
                if (c.signum() > 0) lo = b;
                else hi = b;
            }
            if (r.hasUpperBound()) {
                BigDecimal b = bound((BigDecimal) r.upperEndpoint(), c, r.upperBoundType(), c.signum() < 0);
                if (c.signum() > 0) hi = b;
                else lo = b;
            }
            if (lo.compareTo(min) < 0 || hi.compareTo(max) > 0) return null; // a bound beyond the type: left as is
            if (lo.compareTo(hi) <= 0) onX.add(Range.closed(lo, hi));
        }
        if (onX.isEmpty()) return null;
        RexNode search = rexBuilder.makeSearchArgumentLiteral(Sarg.of(sarg.nullAs, (RangeSet) onX), x.getType());
        return rexBuilder.makeCall(SqlStdOperatorTable.SEARCH, x, search);
    }

    /**
     * The integer bound on {@code x} of the bound {@code e} on {@code c * x}: a lower bound on {@code x} when
     * {@code lower} ({@code ceil(e / c)}, or {@code floor(e / c) + 1} when open), else an upper one
     * ({@code floor(e / c)}, or {@code ceil(e / c) - 1} when open).
     */
    private static BigDecimal bound(BigDecimal e, BigDecimal c, BoundType type, boolean lower) {
        BigDecimal floor = e.divide(c, 0, RoundingMode.FLOOR);
        BigDecimal ceil = e.divide(c, 0, RoundingMode.CEILING);
        if (lower) return type == BoundType.OPEN ? floor.add(BigDecimal.ONE) : ceil;
        return type == BoundType.OPEN ? ceil.subtract(BigDecimal.ONE) : floor;
    }

    /** Whether casting {@code c} times any {@code long} to {@code type} keeps the value: its scale, no overflow. */
    private static boolean exact(BigDecimal c, RelDataType type) {
        if (type.getSqlTypeName() != SqlTypeName.DECIMAL || c.scale() > type.getScale()) return false;
        BigDecimal largest = c.abs().multiply(LONG_RANGE);
        int integerDigits = largest.precision() - largest.scale();
        return integerDigits <= type.getPrecision() - type.getScale();
    }

    private static long minOf(SqlTypeName t) {
        switch (t) {
            case TINYINT: return Byte.MIN_VALUE;
            case SMALLINT: return Short.MIN_VALUE;
            case INTEGER: return Integer.MIN_VALUE;
            default: return Long.MIN_VALUE;
        }
    }

    private static long maxOf(SqlTypeName t) {
        switch (t) {
            case TINYINT: return Byte.MAX_VALUE;
            case SMALLINT: return Short.MAX_VALUE;
            case INTEGER: return Integer.MAX_VALUE;
            default: return Long.MAX_VALUE;
        }
    }
}
