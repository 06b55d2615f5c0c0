package org.jdbsp.circuit.state;

/**
 * Writes and reads values of one type in checkpoints. Built in: boxed primitives, {@code String},
 * {@code BigDecimal}, {@code BigInteger}, {@code java.time} dates, times and durations, arrays of bytes, longs,
 * ints, doubles and plain {@code Object[]}, and every record and enum (by reflection, each component with its own
 * codec). Other row types register a codec with
 * {@link RowCodecs#with}; a row without one is refused when a checkpoint is written.
 *
 * @param <T> the values it handles (subclasses included, when registered for a supertype)
 */
public interface RowCodec<T> {
    /**
     * The name written into checkpoints for this codec (once per file), which finds it again when reading: stable
     * across runs, unique among the codecs of a store.
     */
    String id();

    /** Writes {@code value}, never null, with {@code out}'s primitive writers and {@link StateWriter#writeValue}. */
    void write(T value, StateWriter out);

    /** Reads back a value written by {@link #write}. */
    T read(StateReader in);
}
