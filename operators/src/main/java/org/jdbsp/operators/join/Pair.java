package org.jdbsp.operators.join;

/**
 * An immutable pair of two values, typically the result of combining a row of each side of a join.
 * Either component may be {@code null} (outer joins use {@code null} for the missing side).
 * Equality is structural; {@link #toString()} renders {@code (left, right)}. The hash code mixes the two
 * components' hashes with a large odd multiplier instead of a record's usual {@code 31 * h(left) + h(right)},
 * under which pairs of dense ids such as {@code (a, b)} and {@code (a + 1, b - 31)} collide.
 */
public record Pair<A, B>(A left, B right) {

    /** Creates the pair {@code (left, right)}. */
    public static <A, B> Pair<A, B> of(A left, B right) {
        return new Pair<>(left, right);
    }

    @Override
    public int hashCode() {
        int h = java.util.Objects.hashCode(left) * 0x9E3779B9 + java.util.Objects.hashCode(right);
        return h ^ (h >>> 16);
    }

    @Override
    public String toString() {
        return "(" + left + ", " + right + ")";
    }
}
