package org.jdbsp.operators.spi;

import java.util.function.Function;

/**
 * A key function that also gives the hash code of a row's key without making the key. Pass one wherever an
 * operator takes a key function: with several workers an exchange routes each row by {@link #keyHash} (see
 * {@link RowKey#shardHash}), and the key itself is made only where the operator stores or looks it up. Worth it
 * where a key is an object made per call, such as a row of several columns: routing then allocates nothing.
 *
 * <p>Contract: {@code keyHash(row) == Objects.hashCode(apply(row))} for every row; otherwise rows of one key may
 * reach different workers.
 *
 * @param <T> the row type
 */
public interface HashedKey<T> extends Function<T, Object> {
    /** The hash code of {@code apply(row)}, computed from the row. */
    int keyHash(T row);
}
