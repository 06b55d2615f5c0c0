package org.jdbsp.operators;

/**
 * An immutable pair of two values, typically the result of combining a row of each side of a join.
 * Either component may be {@code null} (outer joins use {@code null} for the missing side).
 * Equality and hash code are structural; {@link #toString()} renders {@code (left, right)}.
 */
public record Pair<A, B>(A left, B right) {

    /** Creates the pair {@code (left, right)}. */
    public static <A, B> Pair<A, B> of(A left, B right) {
        return new Pair<>(left, right);
    }

    @Override
    public String toString() {
        return "(" + left + ", " + right + ")";
    }
}
