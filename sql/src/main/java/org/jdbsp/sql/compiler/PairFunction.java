package org.jdbsp.sql.compiler;

import org.jdbsp.sql.runtime.Tuple;

/**
 * A per-pair function generated from a program over a joined row ({@link ExpressionCompiler#compilePair}): the
 * projected row of a left and a right row, or null when the program's condition rejects the pair, computed without
 * making the joined row. Implementations keep no state. Internal.
 */
public interface PairFunction {
    Tuple apply(Tuple left, Tuple right);
}
