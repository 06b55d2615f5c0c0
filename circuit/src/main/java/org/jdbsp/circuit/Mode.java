package org.jdbsp.circuit;

/**
 * How a circuit computes. {@link #INCREMENTAL} streams carry changes (deltas) and every operator does work
 * proportional to the change. {@link #NAIVE} streams carry whole snapshots and every operator recomputes its
 * output from its whole input at every step: the baseline that benchmarks and property tests compare against.
 */
public enum Mode {
    INCREMENTAL,
    NAIVE
}
