package org.jdbsp.nexmark.queries;

import java.util.ArrayList;
import java.util.List;

/** Finds the query classes {@code Q0} ... {@code Q22} by name. */
public final class Queries {
    public static final int COUNT = 23;

    private Queries() {
    }

    /** The query named {@code q<n>} (case-insensitive). */
    public static NexmarkQuery<?> byName(String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        if (!n.matches("q\\d{1,2}") || Integer.parseInt(n.substring(1)) >= COUNT) {
            throw new IllegalArgumentException("unknown query '" + name + "': expected q0 ... q" + (COUNT - 1));
        }
        String cls = Queries.class.getPackageName() + ".Q" + Integer.parseInt(n.substring(1));
        try {
            return (NexmarkQuery<?>) Class.forName(cls).getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("query " + n + " is not implemented (no class " + cls + ")", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + cls, e);
        }
    }

    /** Every query, q0 to q22, in order. */
    public static List<NexmarkQuery<?>> all() {
        List<NexmarkQuery<?>> qs = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            qs.add(byName("q" + i));
        }
        return qs;
    }
}
