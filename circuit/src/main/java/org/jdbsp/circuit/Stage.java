package org.jdbsp.circuit;

/**
 * One step of a fused pipeline: receives an element with its weight and pushes what it produces to the next
 * stage. Stages are built once per circuit and reused every tick, so a pipeline allocates nothing per element
 * beyond what the user's functions return.
 */
@FunctionalInterface
public interface Stage {
    void accept(Object element, long weight);
}
