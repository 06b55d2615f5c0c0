package org.jdbsp.circuit;

/**
 * The body of a recursive view: given the nested circuit's builder and the recursive stream {@code self}
 * (the body's own result at the previous iteration), wire and return the next value. The view is the fixed
 * point {@code X = body(X)}, starting from the empty Z-set. Streams of the parent circuit are brought in with
 * {@link CircuitBuilder#enter}.
 */
@FunctionalInterface
public interface RecursiveBody<T> {
    Stream<T> define(CircuitBuilder inner, Stream<T> self);
}
