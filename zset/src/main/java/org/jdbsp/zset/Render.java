package org.jdbsp.zset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Readable, deterministic rendering of Z-sets: entries sorted by element. */
final class Render {
    private Render() {
    }

    static final Comparator<Object> ELEMENT_ORDER = Render::compareElements;

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareElements(Object a, Object b) {
        if (a.getClass() != b.getClass()) {
            // a total order across types: group by class name first
            return a.getClass().getName().compareTo(b.getClass().getName());
        }
        if (a instanceof Comparable) {
            return ((Comparable) a).compareTo(b);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    static <T> String zset(ZSet<T> z) {
        List<T> elements = new ArrayList<>(z.size());
        for (int s = z.nextSlot(0); s >= 0; s = z.nextSlot(s + 1)) {
            elements.add(z.elementAt(s));
        }
        elements.sort(ELEMENT_ORDER);
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            T e = elements.get(i);
            sb.append(e).append(" => ").append(z.weight(e));
        }
        return sb.append('}').toString();
    }
}
