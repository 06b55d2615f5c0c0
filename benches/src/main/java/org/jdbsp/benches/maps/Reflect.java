package org.jdbsp.benches.maps;

import java.lang.reflect.Array;
import java.lang.reflect.Field;

/** Reads the length of a private array field: the capacity of maps that do not expose it. Footprint use only. */
final class Reflect {
    private Reflect() {
    }

    static int arrayLength(Object owner, String field) {
        try {
            Field f = owner.getClass().getDeclaredField(field);
            f.setAccessible(true);
            return Array.getLength(f.get(owner));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + field + " of " + owner.getClass(), e);
        }
    }
}
