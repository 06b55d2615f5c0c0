package org.jdbsp.circuit;

import java.util.Optional;
import org.jdbsp.zset.ZSet;

/**
 * Reads one output of a circuit: the change of the last step ({@link #delta()}) and the current view, the
 * sum of all changes so far ({@link #view()}). Both are copies the caller may keep and modify; iterate them as
 * {@code for (Weighted<T> row : out.view())}. Readable after the circuit is closed.
 * Cost: the handle keeps the integrated view (one row per row of the view); {@code delta()} is O(change),
 * {@code view()} O(view).
 *
 * @param <T> the row type
 */
public final class OutputHandle<T> implements Output<T> {
    private final String name;
    /** The declared row type, or null. */
    private final Class<T> rowType;
    ZSet<T> delta = new ZSet<>();
    ZSet<T> view = new ZSet<>();

    OutputHandle(String name, Class<T> rowType) {
        this.name = name;
        this.rowType = rowType;
    }

    @Override
    public String name() {
        return name;
    }

    /** The row type the output was declared with, if any. */
    @Override
    public Optional<Class<T>> rowType() {
        return Optional.ofNullable(rowType);
    }

    /** The change of this output at the last step (empty before the first step). */
    @Override
    public ZSet<T> delta() {
        return delta.copy();
    }

    /** The current contents of this output: every change so far, summed. */
    @Override
    public ZSet<T> view() {
        return view.copy();
    }

    /** Number of rows of the current view, without copying it. */
    @Override
    public int viewSize() {
        return view.size();
    }

    /** Number of rows changed at the last step, without copying the change. */
    @Override
    public int deltaSize() {
        return delta.size();
    }

    @Override
    public String toString() {
        return "output '" + name + "'";
    }
}
