package org.jdbsp.benches.maps;

import java.util.function.Supplier;

/** The {@code long}-keyed tables compared by the map benchmarks (a JMH {@code @Param}). */
public enum LongCandidate {
    /** {@code org.jdbsp.zset.LongWeightMap}. */
    OURS(OursLong::new),
    /** The previous {@code LongWeightMap}: power-of-two capacity, 60% load, doubling. */
    OURS_POW2(OursPow2Long::new),
    /** Eclipse Collections {@code LongLongHashMap}, {@code addToValue} + remove at 0. */
    EC(EcLong::new),
    /** Eclipse Collections {@code LongLongHashMap}, naive {@code get} + {@code addExact} + put/remove. */
    EC_GET_THEN_ADD(EcLongGetThenAdd::new),
    /** Agrona {@code Long2LongCounterMap(0)}, {@code addAndGet}. */
    AGRONA_COUNTER(AgronaLongCounter::new),
    /** Agrona {@code Long2LongHashMap(0)}, {@code merge} with {@code Math::addExact}. */
    AGRONA_HASH(AgronaLongHash::new);

    private final Supplier<LongWeights> factory;

    LongCandidate(Supplier<LongWeights> factory) {
        this.factory = factory;
    }

    /** A new empty table with the library's default initial capacity. */
    public LongWeights create() {
        return factory.get();
    }
}
