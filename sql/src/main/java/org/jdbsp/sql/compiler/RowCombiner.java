package org.jdbsp.sql.compiler;

import org.jdbsp.sql.runtime.Tuple;

/**
 * Builds an output row from some columns of two rows (a join's left and right side, neither null), generated
 * by {@link Combiners} for one pair of input shapes and one output shape. Stateless. Internal.
 */
public interface RowCombiner {
    Tuple combine(Tuple left, Tuple right);
}
