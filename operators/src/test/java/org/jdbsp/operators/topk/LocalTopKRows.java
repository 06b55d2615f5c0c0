package org.jdbsp.operators.topk;

import java.util.Comparator;
import org.jdbsp.zset.ZSet;

/** Rows for the local top-k tests: a group, a value that orders them (with ties) and an id; and a naive count. */
final class LocalTopKRows {
    private LocalTopKRows() {
    }

    record R(long g, long v, long id) {
    }

    /** By value only: rows with equal values tie (not total, as a local phase may see). */
    static final Comparator<R> BY_V = Comparator.comparingLong(R::v);

    /** Copies of rows strictly before {@code r} in its group of {@code change}. */
    static long before(ZSet<R> change, R r) {
        long before = 0;
        for (int t = change.nextSlot(0); t >= 0; t = change.nextSlot(t + 1)) {
            R o = change.elementAt(t);
            if (o.g() == r.g() && BY_V.compare(o, r) < 0) {
                before += change.weightAt(t);
            }
        }
        return before;
    }
}
