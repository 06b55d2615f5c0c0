package org.jdbsp.circuit;

import java.util.Optional;
import org.jdbsp.zset.ZSet;

/**
 * Reads one output of a running circuit, single-worker ({@link OutputHandle}) or multi-worker
 * ({@link WorkerCircuit#output}, where the change is the sum of the workers' changes and the view the sum of
 * their views). Results are copies the caller may keep. Outputs stay readable after the circuit is closed.
 *
 * @param <T> the row type
 */
public interface Output<T> {
    String name();

    /** The row type the output was declared with (or, for a checked lookup, is read as), if any. */
    Optional<Class<T>> rowType();

    /** The change of this output at the last step (empty before the first step). */
    ZSet<T> delta();

    /**
     * The current contents of this output: every change so far, summed.
     *
     * @throws IllegalStateException if the output keeps no view ({@link #keepsView()})
     */
    ZSet<T> view();

    /**
     * Number of rows of the current view.
     *
     * @throws IllegalStateException if the output keeps no view ({@link #keepsView()})
     */
    int viewSize();

    /**
     * Whether the output keeps its view: true for {@link CircuitBuilder#output}, false for
     * {@link CircuitBuilder#outputChanges}, which publishes each step's change and keeps nothing.
     */
    boolean keepsView();

    /** Number of rows changed at the last step. */
    int deltaSize();
}
