package org.jdbsp.benches.maps;

import java.util.function.Supplier;

/** The object-keyed tables compared by the map benchmarks (a JMH {@code @Param}). */
public enum ObjCandidate {
    /** {@code org.jdbsp.zset.ObjectWeightMap}. */
    OURS(OursObj::new),
    /** Eclipse Collections {@code ObjectLongHashMap}, {@code addToValue} + {@code removeKey} at 0. */
    EC(EcObj::new),
    /** Agrona {@code Object2LongCounterMap(0)}, {@code addAndGet}. */
    AGRONA_COUNTER(AgronaObjCounter::new),
    /** Agrona {@code Object2LongHashMap(0)}, {@code merge} with {@code Math::addExact}. */
    AGRONA_HASH(AgronaObjHash::new);

    private final Supplier<ObjWeights<Object>> factory;

    ObjCandidate(Supplier<ObjWeights<Object>> factory) {
        this.factory = factory;
    }

    /** A new empty table with the library's default initial capacity. */
    public ObjWeights<Object> create() {
        return factory.get();
    }
}
