package org.jdbsp.sql.compiler;

import org.jdbsp.operators.spi.HashedKey;
import org.jdbsp.sql.runtime.Tuple;

/**
 * The key of some columns of a row as a row of their shape's generated class, made by generated code
 * ({@link Combiners#key}) that copies the columns with their typed getters, and hashed by generated code that reads
 * the same columns without making the row (an exchange routes by that hash). A row holding a NULL in a column of
 * a primitive letter (Calcite's NOT NULL can hide one) gets {@link #nullKey} when it is set, else a key row that
 * holds the NULL. Costs one row object per {@link #apply}, nothing per {@link #keyHash}. Internal.
 */
public abstract class PickedKey implements HashedKey<Tuple> {
    /** The key of a row with a NULL where a column's letter is primitive; null: such a row keys by its values. */
    protected Object nullKey;

    protected PickedKey() {
    }

    /** This key function giving {@code key} to a row with a NULL key column (an equi-join's side key). */
    PickedKey withNullKey(Object key) {
        this.nullKey = key;
        return this;
    }
}
