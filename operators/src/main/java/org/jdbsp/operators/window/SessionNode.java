package org.jdbsp.operators.window;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.circuit.state.Repartitionable;
import org.jdbsp.circuit.state.StateReader;
import org.jdbsp.circuit.state.StateWriter;
import org.jdbsp.operators.spi.Checked;
import org.jdbsp.operators.spi.KeySpace;
import org.jdbsp.operators.spi.LongTreap;
import org.jdbsp.operators.spi.MinHeap;
import org.jdbsp.operators.spi.PairSort;
import org.jdbsp.operators.spi.RowKey;
import org.jdbsp.operators.spi.Touched;
import org.jdbsp.zset.ZSet;

/**
 * Incremental session windows, over any key strategy ({@link RowKey}: {@code long} or object keys). State per key,
 * in an array indexed by key id: its event times with their weights (a {@link LongTreap}, whose subtree sums of
 * the positive weights answer range queries) and its current sessions (another: start -> count, with the last
 * present time as payload).
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
 * output rows stay). Keys to check are kept in a min-heap of (time, key id, generation) on primitive arrays, by
 * the time at which they may have something to drop; a key's generation changes when its state goes, so a stale
 * entry is skipped. A step's per-key scratch ({@code Pending}) is reused from step to step.
 */
final class SessionNode<T, K> extends Node implements Repartitionable {
    private final Stream<T> in;
    private final Stream<Session<K>> out;
    private final RowKey<T> keys;
    private final IntFunction<K> keyOf;
    private final ToLongFunction<? super T> time;
    private final long gap;
    private final Watermark watermark;
    private KeyState[] states = new KeyState[16];
    private int[] generation = new int[16];
    /** Keys to check for final sessions: (time, key id, the key's generation when scheduled). */
    private final MinHeap checks = new MinHeap();
    private long rows;
    /** Sessions that only changes at times below this could touch may have been dropped. */
    private long prunedBelow = Long.MIN_VALUE;
    private final Touched touched = new Touched();
    @SuppressWarnings("unchecked")
    private Pending<K>[] pending = new Pending[16];
    private long pendingWatermark = Long.MIN_VALUE;

    static final class KeyState {
        final LongTreap times = new LongTreap();
        final LongTreap spans = new LongTreap(false);
        boolean scheduled;
    }

    SessionNode(Stream<T> in, Stream<Session<K>> out, RowKey<T> keys, IntFunction<K> keyOf,
                ToLongFunction<? super T> time, long gap, Watermark watermark) {
        super("session", List.of(in), out);
        this.in = in;
        this.out = out;
        this.keys = keys;
        this.keyOf = keyOf;
        this.time = time;
        this.gap = gap;
        this.watermark = watermark;
    }

    @Override
    protected void eval() {
        touched.clear();
        pendingWatermark = watermark == null ? Long.MIN_VALUE : watermark.current();
        ZSet<T> delta = in.value();
        ZSet<Session<K>> result = new ZSet<>();
        try {
            for (int s = delta.nextSlot(0); s >= 0; s = delta.nextSlot(s + 1)) {
                T row = delta.elementAt(s);
                long w = delta.weightAt(s);
                long t = time.applyAsLong(row);
                if (t < prunedBelow) {
                    throw new IllegalStateException("session: a change at time " + t + " arrived after the "
                            + "sessions before watermark " + prunedBelow + " were dropped; filter the input with "
                            + "the Watermarks.withLateness that produced the watermark");
                }
                pendingOf(keys.id(row)).append(t, w, row);
            }
            for (int ord = 0, n = touched.size(); ord < n; ord++) {
                Pending<K> p = pending[ord];
                p.consolidate();
                if (p.n > 0) {
                    diff(p);
                    p.emit(gap, result);
                }
            }
        } catch (RuntimeException e) {
            rollback();
            throw failure(e);
        }
        out.publish(result);
    }

    /** The step's scratch of key {@code id}, reset when the key is new to the step. */
    private Pending<K> pendingOf(int id) {
        int before = touched.size();
        int ord = touched.touch(id);
        if (ord == before) {
            if (ord == pending.length) {
                pending = Arrays.copyOf(pending, ord * 2);
            }
            if (id >= states.length) {
                int cap = Math.max(id + 1, states.length * 2);
                states = Arrays.copyOf(states, cap);
                generation = Arrays.copyOf(generation, cap);
            }
            Pending<K> p = pending[ord];
            if (p == null) {
                p = new Pending<>();
                pending[ord] = p;
            }
            p.reset(id, states[id], keyOf);
        }
        return pending[ord];
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
            LongTreap spans = ks.spans;
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
                long aStart = spans.keyAt(a);
                long aLast = spans.auxAt(a);
                if (aStart > ci) { // ci is before a (within the gap): the session before a may be touched too
                    int b = aStart == Long.MIN_VALUE ? -1 : spans.floor(aStart - 1);
                    if (b >= 0 && within(spans.auxAt(b), ci)) {
                        p.touch(spans.keyAt(b), spans.auxAt(b), spans.weightAt(b));
                    }
                    p.touch(aStart, aLast, spans.weightAt(a));
                } else if (ci <= aLast || within(aLast, ci)) {
                    p.touch(aStart, aLast, spans.weightAt(a));
                }
            }
        }
        // sweep over the items in time order: changed times and the pieces of touched sessions between them
        LongTreap times = ks == null ? null : ks.times;
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
    private void point(Pending<K> p, LongTreap times, int i) {
        long t = p.time[i];
        long w = Checked.add(times == null ? 0 : times.weight(t), p.delta[i], p.row);
        if (w > 0) {
            feed(p, t, t, w);
        }
    }

    /** Feeds the present times of {@code [a, b]} (unchanged, inside one committed session) as one item. */
    private void piece(Pending<K> p, LongTreap times, long a, long b) {
        int f = times.firstPresentAtLeast(a);
        if (f < 0) {
            return;
        }
        long first = times.keyAt(f);
        if (first > b) {
            return;
        }
        long last = times.keyAt(times.lastPresentAtMost(b));
        feed(p, first, last, times.sumPresent(first, last));
    }

    private void feed(Pending<K> p, long first, long last, long count) {
        if (p.open && within(p.curLast, first)) {
            p.curLast = last;
            p.curCount = Checked.add(p.curCount, count, p.row);
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
        for (int ord = 0, n = touched.size(); ord < n; ord++) {
            Pending<K> p = pending[ord];
            if (p.n == 0) {
                continue;
            }
            KeyState ks = p.state;
            if (ks == null) {
                ks = new KeyState();
                states[p.id] = ks;
            }
            long before = ks.times.size() + ks.spans.size();
            for (int j = 0; j < p.n; j++) {
                ks.times.add(p.time[j], p.delta[j]); // cannot overflow: checked in eval
            }
            // both lists are sorted by start: a session that keeps its start (one that grew) is updated in place
            for (int a = 0, b = 0; a < p.oldN || b < p.newN; ) {
                if (b >= p.newN || (a < p.oldN && p.old[3 * a] < p.fresh[3 * b])) {
                    ks.spans.remove(p.old[3 * a++]);
                } else {
                    if (a < p.oldN && p.old[3 * a] == p.fresh[3 * b]) {
                        a++;
                    }
                    ks.spans.put(p.fresh[3 * b], p.fresh[3 * b + 2], p.fresh[3 * b + 1]); // count, last as payload
                    b++;
                }
            }
            rows += ks.times.size() + ks.spans.size() - before;
            if (ks.times.isEmpty()) {
                dropKey(p.id);
            } else if (watermark != null && !ks.scheduled) {
                schedule(ks.times.min(), p.id, ks);
            }
        }
        releaseUnused();
        touched.clear();
        prune(pendingWatermark);
    }

    /** Releases the touched keys that hold no state (new keys of a failed step, keys whose times all went). */
    private void releaseUnused() {
        for (int ord = 0, n = touched.size(); ord < n; ord++) {
            int id = pending[ord].id;
            pending[ord].clearRefs();
            if (states[id] == null && keys.space().isLive(id)) {
                keys.space().release(id);
            }
        }
    }

    private void dropKey(int id) {
        states[id] = null;
        generation[id]++;
    }

    private void schedule(long at, int id, KeyState ks) {
        checks.push(at, id, generation[id]);
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
        while (!checks.isEmpty() && checks.peekKey() <= limit) {
            int id = checks.peekValue();
            int gen = checks.peekTag();
            checks.pop();
            if (generation[id] != gen || states[id] == null) {
                continue; // the key's state was removed since
            }
            KeyState ks = states[id];
            ks.scheduled = false;
            pruneKey(id, ks, limit);
            if (ks.times.isEmpty()) {
                dropKey(id);
                keys.space().release(id);
            }
        }
        if (w > prunedBelow) {
            prunedBelow = w;
        }
    }

    private void pruneKey(int id, KeyState ks, long limit) {
        LongTreap spans = ks.spans;
        LongTreap times = ks.times;
        long before = times.size() + spans.size();
        int f;
        while ((f = spans.minNode()) >= 0 && spans.auxAt(f) <= limit) {
            spans.remove(spans.keyAt(f));
        }
        // below the first remaining session (and the limit) only absent times are left: no change can reach them
        long cut = limit;
        if (f >= 0 && spans.keyAt(f) <= limit) {
            cut = spans.keyAt(f) - 1; // no underflow: a dropped time is < start
        }
        if (f < 0 || spans.keyAt(f) > Long.MIN_VALUE) {
            times.removeAtMost(cut);
        }
        rows += times.size() + spans.size() - before;
        if (!times.isEmpty()) {
            long min = times.min();
            schedule(f < 0 || min < spans.keyAt(f) ? min : spans.auxAt(f), id, ks);
        }
    }

    @Override
    protected void rollback() {
        releaseUnused();
        touched.clear();
    }

    @Override
    public long stateRows() {
        return rows;
    }

    /**
     * Per key: the key, its times and sessions, and when it is due for a check against the watermark; then the
     * time below which sessions were dropped and the row count.
     */
    @Override
    public void writeState(StateWriter out) {
        long[] due = new long[states.length];
        boolean[] found = new boolean[states.length];
        for (int i = 0; i < checks.size(); i++) {
            int id = checks.valueAt(i);
            if (generation[id] == checks.tagAt(i) && states[id] != null) {
                due[id] = checks.keyAt(i);
                found[id] = true;
            }
        }
        KeySpace space = keys.space();
        out.writeVarLong(space.size());
        for (int id = space.nextLive(0); id >= 0; id = space.nextLive(id + 1)) {
            space.writeKey(id, out);
            KeyState ks = id < states.length ? states[id] : null;
            out.writeBoolean(ks != null);
            if (ks != null) {
                ks.times.writeEntries(out);
                ks.spans.writeEntries(out);
                boolean scheduled = ks.scheduled && found[id];
                out.writeBoolean(scheduled);
                if (scheduled) {
                    out.writeLong(due[id]);
                }
            }
        }
        out.writeLong(prunedBelow);
        out.writeVarLong(rows);
    }



    @Override
    public void readState(StateReader in, org.jdbsp.circuit.state.Placement placement) {
        int n = in.readSize();
        for (int i = 0; i < n; i++) {
            int id = keys.space().readKey(in);
            boolean owned = placement.whole() || placement.owns(keys.space().shardHash(id));
            if (id >= states.length) {
                int cap = Math.max(id + 1, states.length * 2);
                states = Arrays.copyOf(states, cap);
                generation = Arrays.copyOf(generation, cap);
            }
            if (in.readBoolean()) {
                KeyState ks = new KeyState();
                ks.times.readEntries(in);
                ks.spans.readEntries(in);
                boolean scheduled = in.readBoolean();
                long due = scheduled ? in.readLong() : 0;
                if (owned) {
                    states[id] = ks;
                    rows += ks.times.size() + ks.spans.size();
                    if (scheduled) {
                        schedule(due, id, ks);
                    }
                }
            }
            if (!owned) {
                keys.space().release(id); // another replica's key
            }
        }
        prunedBelow = Math.max(prunedBelow, in.readLong());
        in.readVarLong(); // the rows: counted above
    }

    /** One key's changes in the current tick and the sessions they retract and insert; reused from step to step. */
    static final class Pending<K> {
        int id;
        KeyState state;
        private IntFunction<K> keyOf;
        private K key;
        /** A row of the key, for messages. */
        private Object row;
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

        void reset(int id, KeyState state, IntFunction<K> keyOf) {
            this.id = id;
            this.state = state;
            this.keyOf = keyOf;
            key = null;
            row = null;
            n = 0;
            oldN = 0;
            newN = 0;
            open = false;
        }

        void clearRefs() {
            state = null;
            key = null;
            row = null;
        }

        void append(long t, long w, Object r) {
            if (n == time.length) {
                time = Arrays.copyOf(time, 2 * n);
                delta = Arrays.copyOf(delta, 2 * n);
            }
            time[n] = t;
            delta[n] = w;
            n++;
            row = r;
        }

        /** Sorts the changes by time, sums the changes of equal times and drops those summing to 0. */
        void consolidate() {
            try {
                n = PairSort.consolidate(time, delta, 0, n);
            } catch (ArithmeticException e) {
                throw new ArithmeticException(e.getMessage() + " summing the weights of a time, at row " + row);
            }
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
                old = Arrays.copyOf(old, 2 * old.length);
            }
            old[3 * oldN] = start;
            old[3 * oldN + 1] = last;
            old[3 * oldN + 2] = count;
            oldN++;
        }

        private K key() {
            if (key == null) {
                key = keyOf.apply(id);
            }
            return key;
        }

        void insert(long start, long last, long count) {
            if (3 * newN == fresh.length) {
                fresh = Arrays.copyOf(fresh, 2 * fresh.length);
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
                    result.add(new Session<>(key(), os, Math.addExact(old[3 * i + 1], gap), old[3 * i + 2]), -1);
                    ko++;
                    i++;
                } else {
                    result.add(new Session<>(key(), ns, Math.addExact(fresh[3 * j + 1], gap), fresh[3 * j + 2]), 1);
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
