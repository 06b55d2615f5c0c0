package org.jdbsp.circuit;

import org.jdbsp.zset.ZSet;

/**
 * Reads one output of a running circuit, single-worker ({@link OutputHandle}) or multi-worker
 * ({@link WorkerCircuit#output}, where the change is the sum of the workers' changes and the view the sum of
 * their views). Results are copies the caller may keep.
 *
 * @param <T> the row type
 */
public interface Output<T> {
    String name();

    /** The change of this output at the last step (empty before the first step). */
    ZSet<T> delta();

    /** The current contents of this output: every change so far, summed. */
    ZSet<T> view();

    /** Number of rows of the current view. */
    int viewSize();

    /** Number of rows changed at the last step. */
    int deltaSize();
}
