package org.jdbsp.operators.spi;

/**
 * A key function (a {@code Function} or a {@code ToLongFunction} of rows) that names how its operator's exchange
 * places rows among the workers, so that an operator whose input is already placed that way adds no exchange
 * ({@code CircuitBuilder.shard} with a routing). Pass one wherever a keyed operator takes a key function: an
 * aggregate, top-k or join after a join on the same column then reads its input where it is. The rows may be routed
 * by the hash of a part of the key (the column a grouping by several columns shares with the join before it):
 * rows with equal keys then still meet on one worker.
 *
 * <p>Contract: {@link #routingHash} is the same for rows of equal keys, {@link #routingHashOfKey} of the key the
 * function makes of a row equals {@link #routingHash} of the row, and two key functions whose {@link #routing}s
 * are equal give every row the same {@link #routingHash}. The two key functions of a join route equal keys alike
 * (by the key's own hash where only one of them is a {@code RoutedKey}). Otherwise rows of one key may meet on
 * different workers.
 * Cost: nothing per row beyond the hash; the routing is compared once, when the circuit is wired.
 *
 * @param <T> the row type
 */
public interface RoutedKey<T> {
    /** The routing's name: equal for key functions that route every row alike (a record naming a column). */
    Object routing();

    /** The hash by which an exchange routes {@code row}. */
    int routingHash(T row);

    /**
     * {@link #routingHash} of a row whose key is {@code key} (a {@code long} key boxed), to re-partition saved
     * state onto another worker count.
     */
    int routingHashOfKey(Object key);
}
