package org.jdbsp.circuit;

import java.util.Optional;
import org.jdbsp.zset.ZSet;

/**
 * An output declared without a row type, read as rows of a given class: {@link #delta()} and {@link #view()}
 * check every row and throw a {@link ClassCastException} naming the output, the row and its class, instead of
 * handing out a Z-set that fails later in the caller's code. Cost: one {@code isInstance} per row read, on top
 * of the copy.
 *
 * @param <T> the row type
 */
final class CheckedOutput<T> implements Output<T> {
    private final Output<?> output;
    private final Class<T> rowType;

    private CheckedOutput(Output<?> output, Class<T> rowType) {
        this.output = output;
        this.rowType = rowType;
    }

    /**
     * {@code output} read as rows of {@code requested}: itself if its declared type is {@code requested} or a
     * subtype, a checking view if it has none.
     *
     * @throws IllegalArgumentException if the declared type is not {@code requested} or a subtype
     */
    static <T> Output<T> of(Output<?> output, Class<T> requested) {
        RowTypes.check(requested, output + " lookup");
        Class<?> declared = output.rowType().orElse(null);
        if (declared == null) {
            return new CheckedOutput<>(output, requested);
        }
        if (!requested.isAssignableFrom(declared)) {
            throw new IllegalArgumentException(output + " was declared with row type " + declared.getName()
                    + " but was looked up with row type " + requested.getName() + ", which is not "
                    + declared.getSimpleName() + " nor a supertype of it");
        }
        // safe: an output only hands out copies, and its rows are all of the declared type, a subtype of T
        @SuppressWarnings("unchecked")
        Output<T> same = (Output<T>) output;
        return same;
    }

    @Override
    public String name() {
        return output.name();
    }

    @Override
    public Optional<Class<T>> rowType() {
        return Optional.of(rowType);
    }

    @Override
    public ZSet<T> delta() {
        return checked(output.delta());
    }

    @Override
    public ZSet<T> view() {
        return checked(output.view());
    }

    @SuppressWarnings("unchecked")
    private ZSet<T> checked(ZSet<?> rows) {
        RowTypes.checkRows(rows, rowType, output);
        return (ZSet<T>) rows; // a new Z-set whose every row is a T
    }

    @Override
    public int viewSize() {
        return output.viewSize();
    }

    @Override
    public boolean keepsView() {
        return output.keepsView();
    }

    @Override
    public int deltaSize() {
        return output.deltaSize();
    }

    @Override
    public String toString() {
        return output + " read as " + rowType.getName();
    }
}
