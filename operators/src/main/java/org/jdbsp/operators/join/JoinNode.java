package org.jdbsp.operators.join;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.circuit.state.Repartitionable;
import org.jdbsp.circuit.state.StateReader;
import org.jdbsp.circuit.state.StateWriter;
import org.jdbsp.operators.spi.Checked;
import org.jdbsp.operators.spi.ExpiringKeys;
import org.jdbsp.operators.spi.ExpiringRows;
import org.jdbsp.operators.spi.KeySpace;
import org.jdbsp.operators.spi.RowKey;
import org.jdbsp.operators.spi.Touched;
import org.jdbsp.zset.ZSet;

/**
 * The incremental equi-join of every {@link JoinKind}, over any key strategy ({@link RowKey}: {@code long} keys
 * unboxed or object keys, the two sides numbered in one {@link KeySpace}).
 *
 * <p>State, in arrays indexed by key id: each side's rows with that key (a Z-set per key; the right side's only
 * for the kinds that pair with it), and the total weight per key of the right side (all kinds but inner) and of
 * the left side (full join), which says whether the key is <em>present</em> (total &gt; 0).
 *
 * <p>A step indexes each side's change once: every changed row's key is computed and looked up once, and the
 * rows of a key are chained in arrays reused from step to step (no Z-set per key, no second key call at commit).
 * Then: inner pairs {@code dA ⋈ (I(B) + dB) + I(A) ⋈ dB} (bilinear); for outer kinds, per touched key, the
 * padded rows of a side change as the other side's presence flips (unmatched before and after: the change's
 * rows; becoming matched: {@code -pad(I(A)_k)}; becoming unmatched: {@code pad(I(A)_k + dA_k)}); semi and anti
 * joins pass the left rows of a key while it is present (absent). Commit adds the changed rows to the traces with
 * their cached hashes and releases keys left with no state; a failed step releases the keys it added.
 *
 * <p>Cost per step: O(|dA| + |dB| + output rows + the rows of keys whose presence flips), one key-function call
 * and one key lookup per changed row; no allocation beyond the output and, for a key new to a side, its Z-set.
 */
final class JoinNode<A, B, R> extends Node implements Repartitionable {
    private final JoinKind kind;
    private final Stream<A> a;
    private final Stream<B> b;
    private final Stream<Object> out;
    private final RowKey<A> keyA;
    private final RowKey<B> keyB;
    private final KeySpace space;
    private final BiFunction<? super A, ? super B, ? extends R> combine;

    private Object[] traceA = new Object[16];
    private Object[] traceB;
    /** Only the kinds that need them keep totals (full join: both; left, semi, anti: the right's). */
    private long[] totalA;
    private long[] totalB;
    private long rows;
    /** Saturating sums of |weight| ever added to each trace: no trace weight exceeds them in magnitude. */
    private long boundA;
    private long boundB;

    private final Touched touched = new Touched();
    private final Delta dA = new Delta();
    private final Delta dB = new Delta();
    private ZSet<A> changeA;
    private ZSet<B> changeB;
    private int[] headA = new int[16];
    private int[] headB = new int[16];
    private long[] sumA = new long[16];
    private long[] sumB = new long[16];
    private long addA;
    private long addB;
    private boolean pending;
    /** The keys' times, when the join drops the keys the watermarks pass; null when it keeps all. */
    private final ExpiringKeys expiring;
    private final JoinExpiry<A, B> expiry;
    /** Each side's stored rows by time, when the join drops the rows an interval condition makes useless; or null. */
    private final IntervalExpiry<A, B> interval;
    private final ExpiringRows rowsA;
    private final ExpiringRows rowsB;
    /** The right side is broadcast to every worker and the left stays where it came (set by the wiring). */
    private boolean broadcast;

    @SuppressWarnings({"unchecked", "rawtypes"})
    JoinNode(JoinKind kind, Stream<A> a, Stream<B> b, RowKey<A> keyA, RowKey<B> keyB,
             BiFunction<? super A, ? super B, ? extends R> combine, Stream<?> out, JoinExpiry<A, B> expiry,
             IntervalExpiry<A, B> interval) {
        super(kind.operator, List.of(a, b), out);
        this.interval = interval;
        this.rowsA = interval == null ? null : new ExpiringRows(interval::limitA);
        this.rowsB = interval == null ? null : new ExpiringRows(interval::limitB);
        this.expiry = expiry;
        this.expiring = expiry == null ? null : new ExpiringKeys(expiry::limit);
        if (keyA.space() != keyB.space()) {
            throw new IllegalArgumentException("both sides of a join must number their keys in one key space");
        }
        this.kind = kind;
        this.a = a;
        this.b = b;
        this.out = (Stream) out;
        this.keyA = keyA;
        this.keyB = keyB;
        this.space = keyA.space();
        this.combine = combine;
        this.traceB = new Object[kind.keepsRightRows() ? 16 : 0];
        this.totalA = new long[kind == JoinKind.FULL ? 16 : 0];
        this.totalB = new long[kind.tracksRightPresence() ? 16 : 0];
    }

    /** Marks this join as broadcasting its right side on several workers: its left side is placed by no key. */
    JoinNode<A, B, R> broadcasting() {
        broadcast = true;
        return this;
    }

    /** One side's change indexed by key: per changed row its slot in the change, its key's order, its chain link. */
    private static final class Delta {
        int n;
        int[] slot = new int[16];
        int[] order = new int[16];
        int[] next = new int[16];

        void reserve(int m) {
            if (slot.length < m) {
                int cap = Math.max(m, slot.length * 2);
                slot = new int[cap];
                order = new int[cap];
                next = new int[cap];
            }
        }
    }

    @Override
    protected void eval() {
        ZSet<A> da = a.value();
        ZSet<B> db = b.value();
        reset();
        if (expiring != null) {
            expiring.startStep();
        }
        if (interval != null) {
            rowsA.startStep();
            rowsB.startStep();
        }
        if (da.isEmpty() && db.isEmpty()) {
            out.publish(new ZSet<>());
            return;
        }
        ZSet<Object> result;
        try {
            changeA = da;
            changeB = db;
            indexA(da);
            indexB(db);
            if (expiring != null || interval != null) {
                checkTimes(da, db);
            }
            addA = kind.keepsLeftRows() ? checkTrace(traceA, da, dA, boundA) : 0;
            addB = kind.keepsRightRows() ? checkTrace(traceB, db, dB, boundB) : 0;
            result = new ZSet<>(da.size() + db.size());
            if (kind.keepsRightRows()) {
                innerPairs(da, db, result);
            }
            if (kind == JoinKind.LEFT || kind == JoinKind.FULL) {
                padded(da, db, result);
            } else if (kind == JoinKind.SEMI || kind == JoinKind.ANTI) {
                present(da, result);
            }
            pending = true;
        } catch (RuntimeException e) {
            releaseEmpty();
            reset();
            throw failure(e);
        }
        out.publish(result);
    }

    /** Fails the step when a changed row lies where the key or row expiry already dropped state. */
    private void checkTimes(ZSet<A> da, ZSet<B> db) {
        for (int i = 0; i < dA.n; i++) {
            A row = da.elementAt(dA.slot[i]);
            if (expiring != null) {
                expiring.check(expiry.timeA(row), row, "join");
            }
            if (interval != null) {
                rowsA.check(interval.timeA(row), row, "join");
            }
        }
        for (int i = 0; i < dB.n; i++) {
            B row = db.elementAt(dB.slot[i]);
            if (expiring != null) {
                expiring.check(expiry.timeB(row), row, "join");
            }
            if (interval != null) {
                rowsB.check(interval.timeB(row), row, "join");
            }
        }
    }

    private void indexA(ZSet<A> z) {
        index(z, keyA, dA, true);
    }

    private void indexB(ZSet<B> z) {
        index(z, keyB, dB, false);
    }

    /** Computes each changed row's key once and chains the rows of a key; the heads and sums are the side's. */
    private <V> void index(ZSet<V> z, RowKey<V> key, Delta d, boolean left) {
        d.reserve(z.size());
        int n = 0;
        for (int s = z.nextSlot(0); s >= 0; s = z.nextSlot(s + 1)) {
            V row = z.elementAt(s);
            int ord = order(key.id(row));
            int[] head = left ? headA : headB;
            long[] sum = left ? sumA : sumB;
            d.slot[n] = s;
            d.order[n] = ord;
            d.next[n] = head[ord];
            head[ord] = n;
            sum[ord] = Checked.add(sum[ord], z.weightAt(s), row);
            n++;
        }
        d.n = n;
    }

    /** The step order of key {@code id}, setting up its scratch and state slots when it is new to the step. */
    private int order(int id) {
        int before = touched.size();
        int ord = touched.touch(id);
        if (ord == before) {
            if (ord == headA.length) {
                int cap = ord * 2;
                headA = Arrays.copyOf(headA, cap);
                headB = Arrays.copyOf(headB, cap);
                sumA = Arrays.copyOf(sumA, cap);
                sumB = Arrays.copyOf(sumB, cap);
            }
            headA[ord] = -1;
            headB[ord] = -1;
            sumA[ord] = 0;
            sumB[ord] = 0;
            reserveId(id);
        }
        return ord;
    }

    /** Grows the per-key state arrays to hold key {@code id}. */
    private void reserveId(int id) {
        if (id >= traceA.length) {
            int cap = Math.max(id + 1, traceA.length * 2);
            traceA = Arrays.copyOf(traceA, cap);
            traceB = traceB.length == 0 ? traceB : Arrays.copyOf(traceB, cap);
            totalA = totalA.length == 0 ? totalA : Arrays.copyOf(totalA, cap);
            totalB = totalB.length == 0 ? totalB : Arrays.copyOf(totalB, cap);
        }
    }

    /** {@code dA ⋈ (I(B) + dB) + I(A) ⋈ dB} (a lookup join keeps no {@code I(A)}: the second term is empty). */
    @SuppressWarnings("unchecked")
    private void innerPairs(ZSet<A> da, ZSet<B> db, ZSet<Object> result) {
        for (int i = 0; i < dA.n; i++) {
            int ord = dA.order[i];
            A x = da.elementAt(dA.slot[i]);
            long wx = da.weightAt(dA.slot[i]);
            ZSet<B> g = (ZSet<B>) traceB[touched.id(ord)];
            if (g != null) {
                for (int s = g.nextSlot(0); s >= 0; s = g.nextSlot(s + 1)) {
                    pair(x, g.elementAt(s), wx, g.weightAt(s), result);
                }
            }
            for (int j = headB[ord]; j >= 0; j = dB.next[j]) {
                pair(x, db.elementAt(dB.slot[j]), wx, db.weightAt(dB.slot[j]), result);
            }
        }
        for (int j = 0; j < dB.n; j++) {
            ZSet<A> g = (ZSet<A>) traceA[touched.id(dB.order[j])];
            if (g != null) {
                B y = db.elementAt(dB.slot[j]);
                long wy = db.weightAt(dB.slot[j]);
                for (int s = g.nextSlot(0); s >= 0; s = g.nextSlot(s + 1)) {
                    pair(g.elementAt(s), y, g.weightAt(s), wy, result);
                }
            }
        }
    }

    private void pair(A x, B y, long wx, long wy, ZSet<Object> result) {
        R r = combine.apply(x, y);
        if (r == null) {
            throw new NullPointerException("combine function returned null for (" + x + ", " + y + ")");
        }
        long hi = Math.multiplyHigh(wx, wy);
        long w = wx * wy;
        if ((hi != 0 || w < 0) && (hi != -1 || w >= 0)) {
            throw Checked.overflow(wx + " * " + wy, "pair (" + x + ", " + y + ")");
        }
        result.add(r, w);
    }

    /** The padded rows of LEFT and FULL joins, per touched key. */
    @SuppressWarnings("unchecked")
    private void padded(ZSet<A> da, ZSet<B> db, ZSet<Object> result) {
        for (int ord = 0, n = touched.size(); ord < n; ord++) {
            int id = touched.id(ord);
            long oldB = totalB[id];
            boolean oldUn = oldB <= 0;
            boolean newUn = Checked.add(oldB, sumB[ord], space.describe(id)) <= 0;
            if (oldUn && newUn) {
                padChainA(headA[ord], da, 1, result);
            } else if (oldUn) {
                padA((ZSet<A>) traceA[id], -1, result);
            } else if (newUn) {
                padA((ZSet<A>) traceA[id], 1, result);
                padChainA(headA[ord], da, 1, result);
            }
            if (kind == JoinKind.FULL) {
                long oldA = totalA[id];
                boolean oldUnA = oldA <= 0;
                boolean newUnA = Checked.add(oldA, sumA[ord], space.describe(id)) <= 0;
                if (oldUnA && newUnA) {
                    padChainB(headB[ord], db, result);
                } else if (oldUnA) {
                    padB((ZSet<B>) traceB[id], -1, result);
                } else if (newUnA) {
                    padB((ZSet<B>) traceB[id], 1, result);
                    padChainB(headB[ord], db, result);
                }
            }
        }
    }

    private void padA(ZSet<A> g, long sign, ZSet<Object> result) {
        if (g != null) {
            for (int s = g.nextSlot(0); s >= 0; s = g.nextSlot(s + 1)) {
                padOne(g.elementAt(s), null, sign * g.weightAt(s), result);
            }
        }
    }

    private void padChainA(int head, ZSet<A> da, long sign, ZSet<Object> result) {
        for (int i = head; i >= 0; i = dA.next[i]) {
            padOne(da.elementAt(dA.slot[i]), null, sign * da.weightAt(dA.slot[i]), result);
        }
    }

    private void padB(ZSet<B> g, long sign, ZSet<Object> result) {
        if (g != null) {
            for (int s = g.nextSlot(0); s >= 0; s = g.nextSlot(s + 1)) {
                padOne(null, g.elementAt(s), sign * g.weightAt(s), result);
            }
        }
    }

    private void padChainB(int head, ZSet<B> db, ZSet<Object> result) {
        for (int j = head; j >= 0; j = dB.next[j]) {
            padOne(null, db.elementAt(dB.slot[j]), db.weightAt(dB.slot[j]), result);
        }
    }

    private void padOne(A x, B y, long w, ZSet<Object> result) {
        R r = combine.apply(x, y);
        if (r == null) {
            throw new NullPointerException("combine function returned null for (" + x + ", " + y + ")");
        }
        result.add(r, w);
    }

    /** Semi and anti joins: the left rows of each touched key as the key's presence on the right flips or not. */
    @SuppressWarnings("unchecked")
    private void present(ZSet<A> da, ZSet<Object> result) {
        boolean anti = kind == JoinKind.ANTI;
        for (int ord = 0, n = touched.size(); ord < n; ord++) {
            int id = touched.id(ord);
            long oldC = totalB[id];
            boolean inOld = (oldC > 0) != anti;
            boolean inNew = (Checked.add(oldC, sumB[ord], space.describe(id)) > 0) != anti;
            if (inOld && inNew) {
                passChainA(headA[ord], da, 1, result);
            } else if (inOld) {
                passA((ZSet<A>) traceA[id], -1, result);
            } else if (inNew) {
                passA((ZSet<A>) traceA[id], 1, result);
                passChainA(headA[ord], da, 1, result);
            }
        }
    }

    private void passA(ZSet<A> g, long sign, ZSet<Object> result) {
        if (g != null) {
            for (int s = g.nextSlot(0); s >= 0; s = g.nextSlot(s + 1)) {
                result.addHashed(g.elementAt(s), g.hashAt(s), sign * g.weightAt(s));
            }
        }
    }

    private void passChainA(int head, ZSet<A> da, long sign, ZSet<Object> result) {
        for (int i = head; i >= 0; i = dA.next[i]) {
            int s = dA.slot[i];
            result.addHashed(da.elementAt(s), da.hashAt(s), sign * da.weightAt(s));
        }
    }

    /**
     * Throws now if adding the change to the trace would overflow, so that commit cannot fail. While
     * {@code bound + sum |delta|} fits in a long no trace weight can overflow and the lookups are skipped (with
     * weights of +-1 that is always). Returns {@code sum |delta|}, saturated.
     */
    @SuppressWarnings("unchecked")
    private <V> long checkTrace(Object[] trace, ZSet<V> z, Delta d, long bound) {
        long sum = 0;
        for (int i = 0; i < d.n; i++) {
            sum = saturatedAdd(sum, Math.abs(z.weightAt(d.slot[i])));
        }
        if (saturatedAdd(bound, sum) == Long.MAX_VALUE) {
            for (int i = 0; i < d.n; i++) {
                ZSet<V> g = (ZSet<V>) trace[touched.id(d.order[i])];
                if (g != null) {
                    int s = d.slot[i];
                    Checked.add(g.weightHashed(z.elementAt(s), z.hashAt(s)), z.weightAt(s), z.elementAt(s));
                }
            }
        }
        return sum;
    }

    /** {@code a + b} for non-negative values, saturating at {@code Long.MAX_VALUE} (|MIN_VALUE| saturates too). */
    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return a < 0 || b < 0 || r < 0 ? Long.MAX_VALUE : r;
    }

    @Override
    protected void commit() {
        if (pending) {
            boundA = saturatedAdd(boundA, addA);
            boundB = saturatedAdd(boundB, addB);
            if (kind.keepsLeftRows()) {
                addRows(traceA, changeA, dA);
            }
            if (kind.keepsRightRows()) {
                addRows(traceB, changeB, dB);
            }
            for (int ord = 0, n = touched.size(); ord < n; ord++) {
                int id = touched.id(ord);
                if (kind == JoinKind.FULL) {
                    totalA[id] += sumA[ord]; // checked in eval
                }
                if (kind.tracksRightPresence()) {
                    totalB[id] += sumB[ord];
                }
                if (expiring != null && !expiring.isTracked(id)) {
                    expiring.track(id, headA[ord] >= 0 ? expiry.timeA(changeA.elementAt(dA.slot[headA[ord]]))
                            : expiry.timeB(changeB.elementAt(dB.slot[headB[ord]])));
                }
            }
        }
        if (pending && interval != null) {
            for (int i = 0; i < dA.n; i++) {
                int slot = dA.slot[i];
                if (changeA.weightAt(slot) > 0) {
                    A row = changeA.elementAt(slot);
                    rowsA.add(interval.timeA(row), touched.id(dA.order[i]), row);
                }
            }
            for (int i = 0; i < dB.n && kind.keepsRightRows(); i++) {
                int slot = dB.slot[i];
                if (changeB.weightAt(slot) > 0) {
                    B row = changeB.elementAt(slot);
                    rowsB.add(interval.timeB(row), touched.id(dB.order[i]), row);
                }
            }
        }
        releaseEmpty();
        if (expiring != null) {
            expiring.expire(this::drop);
        }
        if (interval != null) {
            rowsA.expire((id, row) -> dropRow(traceA, id, row));
            rowsB.expire((id, row) -> dropRow(traceB, id, row));
        }
        reset();
    }

    /** Forgets {@code row} (whatever weight it still has) from a side's trace, and the key if it holds nothing. */
    @SuppressWarnings("unchecked")
    private void dropRow(Object[] trace, int id, Object row) {
        if (trace.length <= id || trace[id] == null) {
            return;
        }
        ZSet<Object> g = (ZSet<Object>) trace[id];
        long w = g.weight(row);
        if (w == 0) {
            return; // deleted since, or dropped by an earlier entry of the same row
        }
        g.add(row, -w);
        rows--;
        if (g.isEmpty()) {
            trace[id] = null;
            releaseIfEmpty(id);
        }
    }

    /** Forgets key {@code id}, which the watermarks have passed: its rows and totals, then the key. */
    @SuppressWarnings("unchecked")
    private void drop(int id) {
        if (traceA[id] != null) {
            rows -= ((ZSet<A>) traceA[id]).size();
            traceA[id] = null;
        }
        if (traceB.length > 0 && traceB[id] != null) {
            rows -= ((ZSet<B>) traceB[id]).size();
            traceB[id] = null;
        }
        if (totalA.length > 0) {
            totalA[id] = 0;
        }
        if (totalB.length > 0) {
            totalB[id] = 0;
        }
        if (space.isLive(id)) {
            space.release(id);
        }
    }

    @SuppressWarnings("unchecked")
    private <V> void addRows(Object[] trace, ZSet<V> z, Delta d) {
        for (int i = 0; i < d.n; i++) {
            int id = touched.id(d.order[i]);
            ZSet<V> g = (ZSet<V>) trace[id];
            if (g == null) {
                g = new ZSet<>();
                trace[id] = g;
            }
            int s = d.slot[i];
            int before = g.size();
            g.addHashed(z.elementAt(s), z.hashAt(s), z.weightAt(s));
            rows += g.size() - before;
            if (g.isEmpty()) {
                trace[id] = null;
            }
        }
    }

    /** Releases the touched keys that hold no state (new keys of a failed step, keys whose rows all went). */
    private void releaseEmpty() {
        for (int ord = 0, n = touched.size(); ord < n; ord++) {
            releaseIfEmpty(touched.id(ord));
        }
    }

    /** Releases key {@code id} if it holds no state: no rows on either side, no totals. */
    private void releaseIfEmpty(int id) {
        if (traceA[id] == null && (traceB.length == 0 || traceB[id] == null)
                && (totalA.length == 0 || totalA[id] == 0) && (totalB.length == 0 || totalB[id] == 0)
                && space.isLive(id)) {
            space.release(id);
            if (expiring != null) {
                expiring.untrack(id);
            }
        }
    }

    private void reset() {
        touched.clear();
        dA.n = 0;
        dB.n = 0;
        changeA = null;
        changeB = null;
        pending = false;
    }

    @Override
    protected void rollback() {
        releaseEmpty();
        reset();
    }

    @Override
    public long stateRows() {
        return rows + (kind.tracksRightPresence() ? space.size() : 0);
    }

    /** Inner joins and semijoins of insertions give insertions. */
    @Override
    public boolean keepsAppendOnly() {
        return kind == JoinKind.INNER || kind == JoinKind.SEMI;
    }

    /**
     * Per key: the key, each side's rows (empty if the kind keeps none), totals and time (if keys expire); then the
     * counters, and the rows' times (if rows expire).
     */
    @Override
    public void writeState(StateWriter out) {
        out.writeBoolean(broadcast);
        out.writeVarLong(space.size());
        for (int id = space.nextLive(0); id >= 0; id = space.nextLive(id + 1)) {
            space.writeKey(id, out);
            writeTrace(traceA, id, out);
            if (traceB.length > 0) {
                writeTrace(traceB, id, out);
            }
            if (totalA.length > 0) {
                out.writeSignedVarLong(totalA[id]);
            }
            if (totalB.length > 0) {
                out.writeSignedVarLong(totalB[id]);
            }
            if (expiring != null) {
                expiring.writeKey(id, out);
            }
        }
        out.writeVarLong(rows);
        out.writeVarLong(boundA);
        out.writeVarLong(boundB);
        if (expiring != null) {
            expiring.writeLimit(out);
        }
        if (interval != null) {
            rowsA.writeState(space, out);
            rowsB.writeState(space, out);
        }
    }

    private static void writeTrace(Object[] trace, int id, StateWriter out) {
        ZSet<?> g = id < trace.length ? (ZSet<?>) trace[id] : null;
        out.writeZSet(g == null ? ZSet.empty() : g);
    }


    /** Interval joins keep their rows' times by key, which a broadcast join does not route by. */
    @Override
    public boolean repartitions() {
        return !(broadcast && interval != null);
    }

    /**
     * Per key, which rows the replica takes of a saved worker's: the left side's, by the key's owner, or for a
     * broadcast join (whose left side stays where it came) whole from one saved worker; the right side's by the key's
     * owner too, or every saved worker's for a broadcast join restored from a sharded one, or the first saved
     * worker's copy if the saved join broadcast it. Counters are recounted, bounds summed, limits maximised.
     */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void readState(StateReader in, org.jdbsp.circuit.state.Placement placement) {
        boolean savedBroadcast = in.readBoolean();
        int keys = in.readSize();
        for (int k = 0; k < keys; k++) {
            int before = space.size();
            int id = space.readKey(in);
            boolean added = space.size() != before;
            boolean owned = placement.whole() || broadcast || placement.owns(space.shardHash(id));
            boolean takeA = placement.whole() || (broadcast ? placement.ownsUnkeyed() : owned);
            boolean takeB = placement.whole() || (savedBroadcast ? placement.firstCopy() && owned
                    : broadcast || owned);
            ZSet ra = in.readZSet();
            ZSet rb = traceB.length > 0 ? in.readZSet() : null;
            long ta = totalA.length > 0 ? in.readSignedVarLong() : 0;
            long tb = totalB.length > 0 ? in.readSignedVarLong() : 0;
            reserveId(id);
            if (expiring != null) {
                expiring.readKey(takeA || takeB ? id : -1, in);
            }
            if (takeA && !ra.isEmpty()) {
                traceA[id] = traceA[id] == null ? ra : ((ZSet) traceA[id]).plus(ra);
            }
            if (takeB && rb != null && !rb.isEmpty()) {
                traceB[id] = traceB[id] == null ? rb : ((ZSet) traceB[id]).plus(rb);
            }
            if (takeA && totalA.length > 0) {
                totalA[id] += ta;
            }
            if (takeB && totalB.length > 0) {
                totalB[id] += tb;
            }
            if (added) {
                releaseIfEmpty(id); // a key of another replica, or one whose rows went elsewhere
            }
        }
        in.readVarLong(); // rows: recounted below
        boundA = saturatedAdd(boundA, in.readVarLong());
        boundB = saturatedAdd(boundB, in.readVarLong());
        if (expiring != null) {
            expiring.readLimit(in);
        }
        if (interval != null) {
            rowsA.readState(space, in, placement);
            rowsB.readState(space, in, placement);
        }
        rows = 0;
        for (int id = space.nextLive(0); id >= 0; id = space.nextLive(id + 1)) {
            rows += (traceA[id] == null ? 0 : ((ZSet<?>) traceA[id]).size())
                    + (traceB.length == 0 || traceB[id] == null ? 0 : ((ZSet<?>) traceB[id]).size());
        }
    }

}
