package org.jdbsp.circuit;

import java.util.ArrayList;
import java.util.List;

/**
 * The context of a nested (recursive) circuit, for operator implementations: the parent builder, the inner
 * clock ({@link #iteration()}) and the parent streams entered so far.
 */
public final class NestedScope {
    private final CircuitBuilder parent;
    final List<Stream<?>> entered = new ArrayList<>();
    int iteration;

    NestedScope(CircuitBuilder parent) {
        this.parent = parent;
    }

    public CircuitBuilder parent() {
        return parent;
    }

    /** The current inner iteration, 0 at the start of every outer tick. */
    public int iteration() {
        return iteration;
    }
}
