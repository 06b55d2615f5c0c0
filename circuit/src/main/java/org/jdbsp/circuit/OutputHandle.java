package org.jdbsp.circuit;

import java.util.Optional;
import org.jdbsp.zset.ZSet;

/**
 * Reads one output of a circuit: the change of the last step ({@link #delta()}) and the current view, the
 * sum of all changes so far ({@link #view()}). Both are copies the caller may keep and modify; iterate them as
 * {@code for (Weighted<T> row : out.view())}. Readable after the circuit is closed.
 * Cost: an output declared with {@link CircuitBuilder#output} keeps the integrated view (one row per row of the
 * view, one hash update per changed row per step); one declared with {@link CircuitBuilder#outputChanges} keeps
 * nothing and has no view. {@code delta()} is O(change), {@code view()} O(view).
 *
 * @param <T> the row type
 */
public final class OutputHandle<T> implements Output<T> {
    private final String name;
    /** The declared row type, or null. */
    private final Class<T> rowType;
    private final boolean keepsView;
    ZSet<T> delta = new ZSet<>();
    /** The integrated view; in naive mode, for an output without a view, the last snapshot (never handed out). */
    ZSet<T> view = new ZSet<>();

    OutputHandle(String name, Class<T> rowType, boolean keepsView) {
        this.name = name;
        this.rowType = rowType;
        this.keepsView = keepsView;
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
        requireView();
        return view.copy();
    }

    /** Number of rows of the current view, without copying it. */
    @Override
    public int viewSize() {
        requireView();
        return view.size();
    }

    @Override
    public boolean keepsView() {
        return keepsView;
    }

    void requireView() {
        if (!keepsView) {
            throw new IllegalStateException(this + " keeps no view (declared with outputChanges): read its "
                    + "changes with delta(), or declare it with output() to keep its contents");
        }
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
