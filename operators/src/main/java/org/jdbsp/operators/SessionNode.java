package org.jdbsp.operators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.ZSet;

/**
 * Incremental session windows. State per key: its event times with their weights ({@link SessionTimeTree}: a
 * treap on primitive arrays with subtree sums of the positive weights) and its current sessions
 * ({@link SessionSpans}: start -> last present time, count).
 *
 * <p>Per tick, the changes of a key are sorted and consolidated. The committed sessions <em>touched</em> by a
 * changed time c (those with {@code start - gap < c < last + gap}; at most two per change, found in the
 * session map) are retracted. The new sessions are exactly the sessions of the items: the changed times
 * present after the change, and the <em>pieces</em> of the touched sessions between consecutive changed times
 * (a piece has no change inside, so it is connected and its first time, last time and count are read from the
 * committed tree in O(log n)). A sweep over the items in order closes a session wherever two consecutive items
 * are {@code >= gap} apart. So a change costs O(log n), splits included, whatever the session lengths; the
 * committed state is only read in eval and the differences are applied in commit. Unchanged sessions (retracted
 * and re-inserted identical) are not emitted.
 *
 * <p>With a watermark W (read at eval, applied on commit), a key's leading sessions whose
 * {@code last + gap <= W} are final: they and their times (and absent times before them) are dropped (their
 * output rows stay). Keys to check are kept in a priority queue by the time at which they may have something
 * to drop.
 */
final class SessionNode<T, K> extends Node {
    private final Stream<T> in;
    private final Stream<Session<K>> out;
    private final Function<? super T, ? extends K> key;
    private final ToLongFunction<? super T> time;
    private final long gap;
    private final Watermark watermark;
    private final HashMap<K, KeyState> keys = new HashMap<>();
    private final PriorityQueue<Check<K>> checks = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
    private long rows;
    /** Sessions that only changes at times below this could touch may have been dropped. */
    private long prunedBelow = Long.MIN_VALUE;
    private final HashMap<K, Pending<K>> byKey = new HashMap<>();
    private final List<Pending<K>> pending = new ArrayList<>();
    private long pendingWatermark = Long.MIN_VALUE;

    static final class KeyState {
        final SessionTimeTree times = new SessionTimeTree();
        final SessionSpans spans = new SessionSpans();
        boolean scheduled;
    }

    record Check<K>(long at, K key, KeyState state) {
    }

    SessionNode(Stream<T> in, Stream<Session<K>> out, Function<? super T, ? extends K> key,
                ToLongFunction<? super T> time, long gap, Watermark watermark) {
        super("session", List.of(in), out);
        this.in = in;
        this.out = out;
        this.key = key;
        this.time = time;
        this.gap = gap;
        this.watermark = watermark;
    }

    @Override
    protected void eval() {
        pending.clear();
        pendingWatermark = watermark == null ? Long.MIN_VALUE : watermark.current();
        ZSet<T> delta = in.value();
        ZSet<Session<K>> result = new ZSet<>();
        try {
            for (int s = delta.nextSlot(0); s >= 0; s = delta.nextSlot(s + 1)) {
                T row = delta.elementAt(s);
                long w = delta.weightAt(s);
                K k = Objects.requireNonNull(key.apply(row), "session key is null");
                long t = time.applyAsLong(row);
                if (t < prunedBelow) {
                    throw new IllegalStateException("session: a change at time " + t + " arrived after the "
                            + "sessions before watermark " + prunedBelow + " were dropped; filter the input with "
                            + "the Watermarks.withLateness that produced the watermark");
                }
                Pending<K> p = byKey.get(k);
                if (p == null) {
                    p = new Pending<>(k, keys.get(k));
                    byKey.put(k, p);
                    pending.add(p);
                }
                p.append(t, w);
            }
            byKey.clear();
            for (int i = 0, n = pending.size(); i < n; i++) {
                Pending<K> p = pending.get(i);
                p.consolidate();
                if (p.n > 0) {
                    diff(p);
                    p.emit(gap, result);
                }
            }
        } catch (RuntimeException e) {
            byKey.clear();
            pending.clear();
            throw failure(e);
        }
        out.publish(result);
    }

    /** True when {@code a <= b} and {@code b - a < gap}, without overflow. */
    private boolean within(long a, long b) {
        return Long.compareUnsigned(b - a, gap) < 0;
    }

    /** Computes the sessions of {@code p}'s key retracted and inserted by its (consolidated) changes. */
    private void diff(Pending<K> p) {
        KeyState ks = p.state;
        long[] c = p.time;
        int m = p.n;
        if (ks != null) {
            SessionSpans spans = ks.spans;
            for (int i = 0; i < m; i++) {
                long ci = c[i];
                long hi = ci + (gap - 1);
                if (hi < ci) {
                    hi = Long.MAX_VALUE;
                }
                int a = spans.floor(hi);
                if (a < 0) {
                    continue;
                }
                long aStart = spans.startAt(a);
                long aLast = spans.lastAt(a);
                if (aStart > ci) { // ci is before a (within the gap): the session before a may be touched too
                    int b = spans.lower(aStart);
                    if (b >= 0 && within(spans.lastAt(b), ci)) {
                        p.touch(spans.startAt(b), spans.lastAt(b), spans.countAt(b));
                    }
                    p.touch(aStart, aLast, spans.countAt(a));
                } else if (ci <= aLast || within(aLast, ci)) {
                    p.touch(aStart, aLast, spans.countAt(a));
                }
            }
        }
        // sweep over the items in time order: changed times and the pieces of touched sessions between them
        SessionTimeTree times = ks == null ? null : ks.times;
        p.open = false;
        int i = 0;
        for (int j = 0; j < p.oldN; j++) {
            long s = p.old[3 * j];
            long l = p.old[3 * j + 1];
            while (i < m && c[i] < s) {
                point(p, times, i++);
            }
            long lo = s;
            boolean more = true;
            while (i < m && c[i] <= l) {
                if (more && c[i] > lo) {
                    piece(p, times, lo, c[i] - 1);
                }
                point(p, times, i);
                if (c[i] == Long.MAX_VALUE) {
                    more = false;
                } else {
                    lo = c[i] + 1;
                }
                i++;
            }
            if (more && lo <= l) {
                piece(p, times, lo, l);
            }
        }
        while (i < m) {
            point(p, times, i++);
        }
        if (p.open) {
            p.insert(p.curStart, p.curLast, p.curCount);
        }
    }

    /** Feeds the changed time {@code i} if present after the change. */
    private void point(Pending<K> p, SessionTimeTree times, int i) {
        long t = p.time[i];
        long w = Math.addExact(times == null ? 0 : times.weight(t), p.delta[i]);
        if (w > 0) {
            feed(p, t, t, w);
        }
    }

    /** Feeds the present times of {@code [a, b]} (unchanged, inside one committed session) as one item. */
    private void piece(Pending<K> p, SessionTimeTree times, long a, long b) {
        int f = times.firstPresentAtLeast(a);
        if (f < 0) {
            return;
        }
        long first = times.timeAt(f);
        if (first > b) {
            return;
        }
        long last = times.timeAt(times.lastPresentAtMost(b));
        feed(p, first, last, times.sumPresent(first, last));
    }

    private void feed(Pending<K> p, long first, long last, long count) {
        if (p.open && within(p.curLast, first)) {
            p.curLast = last;
            p.curCount = Math.addExact(p.curCount, count);
        } else {
            if (p.open) {
                p.insert(p.curStart, p.curLast, p.curCount);
            }
            p.open = true;
            p.curStart = first;
            p.curLast = last;
            p.curCount = count;
        }
    }

    @Override
    protected void commit() {
        for (int i = 0, n = pending.size(); i < n; i++) {
            Pending<K> p = pending.get(i);
            if (p.n == 0) {
                continue;
            }
            KeyState ks = p.state;
            if (ks == null) {
                ks = new KeyState();
                keys.put(p.key, ks);
            }
            long before = ks.times.size() + ks.spans.size();
            for (int j = 0; j < p.n; j++) {
                ks.times.add(p.time[j], p.delta[j]); // cannot overflow: checked in eval
            }
            for (int j = 0; j < p.oldN; j++) {
                ks.spans.remove(p.old[3 * j]);
            }
            for (int j = 0; j < p.newN; j++) {
                ks.spans.put(p.fresh[3 * j], p.fresh[3 * j + 1], p.fresh[3 * j + 2]);
            }
            rows += ks.times.size() + ks.spans.size() - before;
            if (ks.times.isEmpty()) {
                keys.remove(p.key);
            } else if (watermark != null && !ks.scheduled) {
                schedule(ks.times.min(), p.key, ks);
            }
        }
        pending.clear();
        prune(pendingWatermark);
    }

    private void schedule(long at, K k, KeyState ks) {
        checks.add(new Check<>(at, k, ks));
        ks.scheduled = true;
    }

    /** Drops the final sessions: those with {@code last + gap <= w}. */
    private void prune(long w) {
        if (watermark == null || w == Long.MIN_VALUE) {
            return;
        }
        long limit = w - gap;
        if (limit > w) { // underflow: nothing can be final yet
            return;
        }
        while (!checks.isEmpty() && checks.peek().at <= limit) {
            Check<K> ch = checks.poll();
            KeyState ks = ch.state;
            if (keys.get(ch.key) != ks) {
                continue; // the key's state was removed since
            }
            ks.scheduled = false;
            pruneKey(ch.key, ks, limit);
            if (ks.times.isEmpty()) {
                keys.remove(ch.key);
            }
        }
        if (w > prunedBelow) {
            prunedBelow = w;
        }
    }

    private void pruneKey(K k, KeyState ks, long limit) {
        SessionSpans spans = ks.spans;
        SessionTimeTree times = ks.times;
        long before = times.size() + spans.size();
        int f;
        while ((f = spans.first()) >= 0 && spans.lastAt(f) <= limit) {
            spans.remove(spans.startAt(f));
        }
        // below the first remaining session (and the limit) only absent times are left: no change can reach them
        long cut = limit;
        if (f >= 0 && spans.startAt(f) <= limit) {
            cut = spans.startAt(f) - 1; // no underflow: a dropped time is < start
        }
        if (f < 0 || spans.startAt(f) > Long.MIN_VALUE) {
            times.removeAtMost(cut);
        }
        rows += times.size() + spans.size() - before;
        if (!times.isEmpty()) {
            long min = times.min();
            schedule(f < 0 || min < spans.startAt(f) ? min : spans.lastAt(f), k, ks);
        }
    }

    @Override
    protected void rollback() {
        byKey.clear();
        pending.clear();
    }

    @Override
    public long stateRows() {
        return rows;
    }

    /** One key's changes in the current tick and the sessions they retract and insert. */
    static final class Pending<K> {
        final K key;
        final KeyState state;
        long[] time = new long[2];
        long[] delta = new long[2];
        int n;
        /** Retracted sessions: (start, last, count) triples, by start. */
        long[] old = new long[6];
        int oldN;
        /** Inserted sessions: (start, last, count) triples, by start. */
        long[] fresh = new long[6];
        int newN;
        boolean open;
        long curStart;
        long curLast;
        long curCount;

        Pending(K key, KeyState state) {
            this.key = key;
            this.state = state;
        }

        void append(long t, long w) {
            if (n == time.length) {
                time = java.util.Arrays.copyOf(time, 2 * n);
                delta = java.util.Arrays.copyOf(delta, 2 * n);
            }
            time[n] = t;
            delta[n] = w;
            n++;
        }

        /** Sorts the changes by time, sums the changes of equal times and drops those summing to 0. */
        void consolidate() {
            if (n > 1) {
                sort(time, delta, 0, n - 1);
            }
            int k = 0;
            for (int i = 0; i < n; ) {
                long t = time[i];
                long w = delta[i++];
                while (i < n && time[i] == t) {
                    w = Math.addExact(w, delta[i++]);
                }
                if (w != 0) {
                    time[k] = t;
                    delta[k] = w;
                    k++;
                }
            }
            n = k;
        }

        private static void sort(long[] a, long[] b, int lo, int hi) {
            while (hi - lo > 16) {
                long pivot = a[(lo + hi) >>> 1];
                int i = lo;
                int j = hi;
                while (i <= j) {
                    while (a[i] < pivot) {
                        i++;
                    }
                    while (a[j] > pivot) {
                        j--;
                    }
                    if (i <= j) {
                        swap(a, b, i++, j--);
                    }
                }
                if (j - lo < hi - i) {
                    sort(a, b, lo, j);
                    lo = i;
                } else {
                    sort(a, b, i, hi);
                    hi = j;
                }
            }
            for (int i = lo + 1; i <= hi; i++) {
                for (int j = i; j > lo && a[j - 1] > a[j]; j--) {
                    swap(a, b, j - 1, j);
                }
            }
        }

        private static void swap(long[] a, long[] b, int i, int j) {
            long x = a[i];
            a[i] = a[j];
            a[j] = x;
            x = b[i];
            b[i] = b[j];
            b[j] = x;
        }

        /**
         * Records a touched committed session. The changes are visited by time, so the sessions touched by each
         * are a range of the sessions that never moves back: one at or before the last recorded is a repeat.
         */
        void touch(long start, long last, long count) {
            if (oldN > 0 && start <= old[3 * (oldN - 1)]) {
                return;
            }
            if (3 * oldN == old.length) {
                old = java.util.Arrays.copyOf(old, 2 * old.length);
            }
            old[3 * oldN] = start;
            old[3 * oldN + 1] = last;
            old[3 * oldN + 2] = count;
            oldN++;
        }

        void insert(long start, long last, long count) {
            if (3 * newN == fresh.length) {
                fresh = java.util.Arrays.copyOf(fresh, 2 * fresh.length);
            }
            fresh[3 * newN] = start;
            fresh[3 * newN + 1] = last;
            fresh[3 * newN + 2] = count;
            newN++;
        }

        /**
         * Drops the sessions both retracted and inserted (both lists are sorted by start), then adds the
         * retractions and insertions to {@code result}.
         */
        void emit(long gap, ZSet<Session<K>> result) {
            int i = 0;
            int j = 0;
            int ko = 0;
            int kn = 0;
            while (i < oldN || j < newN) {
                long os = i < oldN ? old[3 * i] : Long.MAX_VALUE;
                long ns = j < newN ? fresh[3 * j] : Long.MAX_VALUE;
                if (i < oldN && j < newN && os == ns && old[3 * i + 1] == fresh[3 * j + 1]
                        && old[3 * i + 2] == fresh[3 * j + 2]) {
                    i++;
                    j++;
                } else if (j >= newN || (i < oldN && os <= ns)) {
                    System.arraycopy(old, 3 * i, old, 3 * ko, 3);
                    result.add(new Session<>(key, os, Math.addExact(old[3 * i + 1], gap), old[3 * i + 2]), -1);
                    ko++;
                    i++;
                } else {
                    result.add(new Session<>(key, ns, Math.addExact(fresh[3 * j + 1], gap), fresh[3 * j + 2]), 1);
                    System.arraycopy(fresh, 3 * j, fresh, 3 * kn, 3);
                    kn++;
                    j++;
                }
            }
            oldN = ko;
            newN = kn;
        }
    }
}
