package org.jdbsp.operators.topk;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.circuit.state.Repartitionable;
import org.jdbsp.circuit.state.StateReader;
import org.jdbsp.circuit.state.StateWriter;
import org.jdbsp.operators.spi.ChangeSorter;
import org.jdbsp.operators.spi.Checked;
import org.jdbsp.operators.spi.ExpiringKeys;
import org.jdbsp.operators.spi.KeySpace;
import org.jdbsp.operators.spi.RowKey;
import org.jdbsp.operators.spi.Touched;
import org.jdbsp.operators.window.Expiry;
import org.jdbsp.zset.ZSet;

/**
 * Incremental top-k per group for every {@link TopKKind}, over any key strategy ({@link RowKey}). A row of weight
 * {@code w > 0} fills {@code w} consecutive positions; rows of weight {@code <= 0} are absent.
 *
 * <p>State per group, in an array indexed by key id: over a general stream every row of the group, sorted by the
 * comparator with its weight ({@link SortedRows}); over an append-only stream ({@code appendOnly}) only the rows
 * that are still within the top k ({@link Kept}): with insertions only, a row pushed out never comes back.
 *
 * <p>General streams: a step sorts its changed rows by (group, order) ({@link ChangeSorter}) and plans each group's
 * change against its rows (one search per comparator class touched, which also finds a tie). When the group's top
 * is full and every change is ordered after its last row, nothing in the top changes: one more comparison and the
 * group is done. Otherwise it lists the committed top (the first positions, read from contiguous references) and
 * the new top (merged with the plan, without modifying the rows). Append-only streams: each row either cannot
 * enter its group (k kept rows before it: one comparison) or joins the group's candidates of the step
 * ({@link TopKCandidates}, which keep the step's own top k as rows come, with no sort), merged with the kept rows.
 * Either way only the difference is emitted: for rows, the rows whose number of positions in the top changed; for
 * row numbers, the positions whose row changed; for ranks, the rows whose rank or weight changed. Unchanged rows
 * are recognised by identity first. Commit applies the changes (the comparator runs again on rows it compared in
 * eval).
 *
 * <p>Cost per touched group: O(c log n) comparisons for c changed rows among n, plus O(k) when the top changes;
 * O(changed positions) output.
 * The comparator must be total on the rows present: two different rows comparing equal fail the step, naming both.
 */
final class TopKNode<T> extends Node implements Repartitionable {
    private final Stream<T> in;
    private final Stream<Object> out;
    private final RowKey<T> keys;
    private final KeySpace space;
    private final Comparator<? super T> order;
    private final int k;
    private final TopKKind kind;
    private final boolean appendOnly;

    private Object[] state = new Object[16];
    /** A local phase: its state is the worker's, placed by position, not by key. */
    private boolean local;
    private long rows;

    private final Touched touched = new Touched();
    /** General streams: the step's changed rows sorted by (group, order). */
    private final ChangeSorter<T> change = new ChangeSorter<>();
    /** Append-only streams: per touched group, the step's own top k (a list per group order). */
    private final TopKCandidates<T> candidates;
    /** Per touched group: its committed state, looked up once. */
    private Object[] before = new Object[16];
    /** Per touched group: its new kept rows (append-only), or the range of its plan entries. */
    private Object[] after = new Object[16];
    private int[] planFrom = new int[16];
    private int[] planTo = new int[16];
    /**
     * Plan entries (general streams): per comparator class touched, the row present before (or null) with its weight,
     * and the row present after with its weight (0: none).
     */
    private Object[] planExisting = new Object[16];
    private long[] planOldWeight = new long[16];
    private Object[] planRow = new Object[16];
    private long[] planWeight = new long[16];
    private int plans;
    private boolean prepared;
    /** The old and new tops of the group being diffed. */
    private final Top oldTop = new Top();
    private final Top newTop = new Top();

    /** The groups' times, when the operator drops the groups a watermark passes; null when it keeps all. */
    private final Expiry<? super T> expiry;
    private final ExpiringKeys expiring;
    /** Per touched group (by step order): its time, read from its changed rows. */
    private long[] groupTime = new long[16];

    TopKNode(String name, Stream<T> in, Stream<?> out, RowKey<T> keys, Comparator<? super T> order, int k,
             TopKKind kind, boolean appendOnly) {
        this(name, in, out, keys, order, k, kind, appendOnly, null);
    }

    TopKNode(String name, Stream<T> in, Stream<?> out, RowKey<T> keys, Comparator<? super T> order, int k,
             TopKKind kind, boolean appendOnly, Expiry<? super T> expiry) {
        super(name, List.of(in), out);
        this.expiry = expiry;
        this.expiring = expiry == null ? null : new ExpiringKeys(expiry::limit);
        this.in = in;
        @SuppressWarnings("unchecked")
        Stream<Object> o = (Stream<Object>) out;
        this.out = o;
        this.keys = keys;
        this.space = keys.space();
        this.order = order;
        this.k = k;
        this.kind = kind;
        this.appendOnly = appendOnly;
        this.candidates = appendOnly ? new TopKCandidates<>(order, k) : null;
    }

    /** A group's kept rows over an append-only stream: sorted, each with fewer than k copies before it; immutable. */
    static final class Kept {
        final Object[] rows;
        final long[] weights;
        final int size;
        /** Copies kept: when at least k, a row ordered after the last kept one cannot enter the top k. */
        final long total;

        Kept(Object[] rows, long[] weights, int size, long total) {
            this.rows = rows;
            this.weights = weights;
            this.size = size;
            this.total = total;
        }
    }

    /** The rows of a group up to position k, with their weights, in order (scratch reused for every group). */
    static final class Top {
        Object[] rows = new Object[16];
        long[] weights = new long[16];
        int size;
        long positions;

        void clear() {
            Arrays.fill(rows, 0, size, null);
            size = 0;
            positions = 0;
        }

        /** Appends a present row (weight &gt; 0); the caller stops once {@code positions >= k}. */
        void add(Object row, long w) {
            if (size == rows.length) {
                rows = Arrays.copyOf(rows, size * 2);
                weights = Arrays.copyOf(weights, size * 2);
            }
            rows[size] = row;
            weights[size] = w;
            size++;
            positions = positions + w < 0 ? Long.MAX_VALUE : positions + w;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void eval() {
        clearStep();
        ZSet<T> d = in.value();
        ZSet<Object> result = new ZSet<>();
        if (expiring != null) {
            expiring.startStep();
        }
        try {
            if (appendOnly) {
                appendOnlyStep(d, result);
            } else {
                generalStep(d, result);
            }
            prepared = true;
        } catch (RuntimeException e) {
            rollback();
            throw failure(e);
        } finally {
            change.reset(0);
            if (candidates != null) {
                candidates.clear();
            }
            oldTop.clear();
            newTop.clear();
        }
        out.publish(result);
    }

    /**
     * General streams: the changed rows sorted by (group, order), then per group a plan against its rows, and the
     * difference of the tops.
     */
    @SuppressWarnings("unchecked")
    private void generalStep(ZSet<T> d, ZSet<Object> result) {
        change.reset(d.size());
        for (int s = d.nextSlot(0); s >= 0; s = d.nextSlot(s + 1)) {
            change.add(d.elementAt(s), d.weightAt(s), group(d.elementAt(s)));
        }
        change.sortDense(touched.size(), order);
        for (int j = 0, m = change.size(); j < m; ) {
            int ord = (int) change.key(j);
            int end = j + 1;
            while (end < m && change.key(end) == ord) {
                end++;
            }
            SortedRows<T> st = (SortedRows<T>) before[ord];
            planFrom[ord] = plans;
            plan(st, j, end);
            planTo[ord] = plans;
            top(st, 0, 0, oldTop);
            // a full top whose last row is before every change stays as it is
            if (oldTop.positions < k || order.compare(sortKey(planFrom[ord]), (T) oldTop.rows[oldTop.size - 1]) <= 0) {
                top(st, planFrom[ord], planTo[ord], newTop);
                diff(result);
            }
            j = end;
        }
    }

    @SuppressWarnings("unchecked")
    private T sortKey(int p) {
        return (T) (planExisting[p] != null ? planExisting[p] : planRow[p]);
    }

    /**
     * Append-only streams: each row either cannot enter its group (k kept rows before it: one comparison) or
     * joins the group's candidates of the step, which keep the step's own top k as rows come (no sort of the
     * step's rows); then per group the kept rows merged with its candidates, and the difference of the tops.
     */
    @SuppressWarnings("unchecked")
    private void appendOnlyStep(ZSet<T> d, ZSet<Object> result) {
        for (int s = d.nextSlot(0); s >= 0; s = d.nextSlot(s + 1)) {
            T row = d.elementAt(s);
            long w = d.weightAt(s);
            Checked.positive(w, row);
            int ord = group(row);
            if (ord == candidates.lists()) {
                candidates.open();
            }
            Kept st = (Kept) before[ord];
            // a full group's last kept row bounds it: a row ordered after it cannot get in
            if (st == null || st.total < k || order.compare(row, (T) st.rows[st.size - 1]) <= 0) {
                candidates.admit(ord, row, w);
            }
        }
        for (int ord = 0, n = touched.size(); ord < n; ord++) {
            if (candidates.size(ord) == 0) {
                continue;
            }
            Kept old = (Kept) before[ord];
            Kept merged = merge(old, ord);
            if (merged != null) {
                after[ord] = merged;
                top(old, oldTop);
                top(merged, newTop);
                diff(result);
            }
        }
    }

    /** The step order of {@code row}'s group; with an expiry, checks and notes the group's time. */
    private int group(T row) {
        int ord = touch(keys.id(row));
        if (expiring != null) {
            long t = expiry.time(row);
            expiring.check(t, row, "top-k");
            if (ord >= groupTime.length) {
                groupTime = Arrays.copyOf(groupTime, Math.max(ord + 1, groupTime.length * 2));
            }
            groupTime[ord] = t;
        }
        return ord;
    }

    /** The step order of group {@code id}, looking its state up once. */
    private int touch(int id) {
        int n = touched.size();
        int ord = touched.touch(id);
        if (ord == n) {
            if (ord == before.length) {
                before = Arrays.copyOf(before, ord * 2);
                after = Arrays.copyOf(after, ord * 2);
                planFrom = Arrays.copyOf(planFrom, ord * 2);
                planTo = Arrays.copyOf(planTo, ord * 2);
            }
            if (id >= state.length) {
                state = Arrays.copyOf(state, Math.max(id + 1, state.length * 2));
            }
            before[ord] = state[id];
            after[ord] = null;
            planFrom[ord] = 0;
            planTo[ord] = 0;
        }
        return ord;
    }

    // ---- general streams: every row, a plan per comparator class -------------------------------------------

    /**
     * Plans the change of one group from its sorted changed rows {@code [from, to)}: one entry per comparator class
     * touched, in order, with the state entry it replaces and the surviving row and weight. Reads the state only.
     */
    @SuppressWarnings("unchecked")
    private void plan(SortedRows<T> st, int from, int to) {
        int i = from;
        while (i < to) {
            T first = change.row(i);
            int j = i + 1;
            while (j < to && order.compare(first, change.row(j)) == 0) {
                j++;
            }
            Object existing = null;
            long existingWeight = 0;
            if (st != null) {
                long at = st.locate(first);
                if (at >= 0 && order.compare((T) st.row((int) (at >>> 32), (int) at), first) == 0) {
                    existing = st.row((int) (at >>> 32), (int) at);
                    existingWeight = st.weight((int) (at >>> 32), (int) at);
                }
            }
            Object survivor = null;
            long weight = 0;
            if (existing != null) {
                long w = existingWeight;
                for (int r = i; r < j; r++) {
                    if (existing.equals(change.row(r))) {
                        w = Checked.add(w, change.weight(r), first);
                    }
                }
                if (w != 0) {
                    survivor = existing;
                    weight = w;
                }
            }
            for (int r = i; r < j; r++) {
                T row = change.row(r);
                if (existing != null && existing.equals(row)) {
                    continue;
                }
                if (survivor != null) {
                    throw notTotal(survivor, row);
                }
                survivor = row;
                weight = change.weight(r);
            }
            addPlan(existing, existingWeight, survivor, weight);
            i = j;
        }
    }

    private void addPlan(Object existing, long oldWeight, Object row, long weight) {
        if (plans == planRow.length) {
            int cap = plans * 2;
            planExisting = Arrays.copyOf(planExisting, cap);
            planOldWeight = Arrays.copyOf(planOldWeight, cap);
            planRow = Arrays.copyOf(planRow, cap);
            planWeight = Arrays.copyOf(planWeight, cap);
        }
        planExisting[plans] = existing;
        planOldWeight[plans] = oldWeight;
        planRow[plans] = row;
        planWeight[plans] = weight;
        plans++;
    }

    /**
     * The top of a group: its rows merged with the plan entries {@code [p, end)}, without modifying them (an empty
     * range gives the committed top).
     */
    @SuppressWarnings("unchecked")
    private void top(SortedRows<T> st, int p, int end, Top t) {
        t.clear();
        int chunks = st == null ? 0 : st.chunks();
        int c = 0;
        int i = 0;
        while (t.positions < k && (c < chunks || p < end)) {
            Object cur = c < chunks ? st.row(c, i) : null;
            int cmp;
            if (p >= end) {
                cmp = -1;
            } else if (cur == null) {
                cmp = 1;
            } else if (planExisting[p] != null) {
                cmp = cur == planExisting[p] ? 0 : order.compare((T) cur, (T) planExisting[p]);
            } else {
                cmp = order.compare((T) cur, (T) planRow[p]);
            }
            Object row;
            long w;
            if (cmp < 0) {
                row = cur;
                w = st.weight(c, i);
            } else {
                row = planRow[p];
                w = planWeight[p];
                p++;
            }
            if (cmp <= 0 && ++i == st.chunkSize(c)) {
                c++;
                i = 0;
            }
            if (w > 0) {
                t.add(row, w);
            }
        }
    }

    // ---- append-only streams: the kept rows -------------------------------------------------------------------

    /** The kept rows of a group after adding its candidates of the step (sorted), or null if none gets in. */
    @SuppressWarnings("unchecked")
    private Kept merge(Kept old, int list) {
        int oldSize = old == null ? 0 : old.size;
        int to = candidates.size(list);
        int cap = (int) Math.min(Math.max(k, 1), (long) oldSize + to);
        Object[] rows = new Object[cap];
        long[] weights = new long[cap];
        int size = 0;
        long copies = 0;
        boolean changed = false;
        int a = 0;
        int b = 0;
        while (copies < k && (a < oldSize || b < to)) {
            Object row;
            long w;
            int c;
            if (a >= oldSize) {
                c = 1;
            } else if (b >= to) {
                c = -1;
            } else {
                c = order.compare((T) old.rows[a], (T) candidates.row(list, b));
            }
            if (c < 0) {
                row = old.rows[a];
                w = old.weights[a];
                a++;
            } else {
                Object fresh = candidates.row(list, b);
                if (c == 0 && !old.rows[a].equals(fresh)) {
                    throw notTotal(old.rows[a], fresh);
                }
                if (b > 0 && order.compare((T) candidates.row(list, b - 1), (T) fresh) == 0) {
                    throw notTotal(candidates.row(list, b - 1), fresh);
                }
                row = fresh;
                w = candidates.weight(list, b);
                if (c == 0) {
                    w = Checked.add(w, old.weights[a], fresh);
                    a++;
                }
                b++;
                changed = true;
            }
            if (size == rows.length) {
                rows = Arrays.copyOf(rows, size * 2);
                weights = Arrays.copyOf(weights, size * 2);
            }
            rows[size] = row;
            weights[size] = w;
            size++;
            copies = copies + w < 0 ? Long.MAX_VALUE : copies + w;
        }
        return changed ? new Kept(rows, weights, size, copies) : null;
    }

    private void top(Kept kept, Top t) {
        t.clear();
        if (kept != null) {
            for (int i = 0; i < kept.size && t.positions < k; i++) {
                t.add(kept.rows[i], kept.weights[i]);
            }
        }
    }

    private static IllegalArgumentException notTotal(Object a, Object b) {
        return new IllegalArgumentException("the top-k comparator is not total: rows " + a + " and " + b
                + " compare equal but are different; add a unique column to the comparator");
    }

    // ---- emitting the difference of two tops --------------------------------------------------------------------

    private void diff(ZSet<Object> result) {
        if (kind == TopKKind.ROW_NUMBER) {
            diffPositions(result);
        } else {
            diffRows(result);
        }
    }

    /** Rows (positions they fill) and ranks: a merge of the two tops by order, unchanged rows skipped. */
    @SuppressWarnings("unchecked")
    private void diffRows(ZSet<Object> result) {
        Top o = oldTop;
        Top n = newTop;
        int i = 0;
        int j = 0;
        long posO = 0;
        long posN = 0;
        while (i < o.size || j < n.size) {
            int c;
            if (i >= o.size) {
                c = 1;
            } else if (j >= n.size) {
                c = -1;
            } else if (o.rows[i] == n.rows[j]) {
                c = 0;
            } else {
                c = order.compare((T) o.rows[i], (T) n.rows[j]);
                if (c == 0 && !o.rows[i].equals(n.rows[j])) {
                    c = -1; // a row replaced by another of its comparator class: retract it, then add the other
                }
            }
            if (c == 0) {                long wo = o.weights[i];
                long wn = n.weights[j];
                if (kind == TopKKind.ROWS) {
                    long takeO = Math.min(wo, k - posO);
                    long takeN = Math.min(wn, k - posN);
                    if (takeO != takeN) {
                        result.add(n.rows[j], takeN - takeO);
                    }
                } else if (posO != posN || wo != wn) {
                    result.add(new Ranked<>(o.rows[i], posO + 1), -wo);
                    result.add(new Ranked<>(n.rows[j], posN + 1), wn);
                }
                posO += wo;
                posN += wn;
                i++;
                j++;
            } else if (c < 0) {
                long wo = o.weights[i];
                if (kind == TopKKind.ROWS) {
                    result.add(o.rows[i], -Math.min(wo, k - posO));
                } else {
                    result.add(new Ranked<>(o.rows[i], posO + 1), -wo);
                }
                posO += wo;
                i++;
            } else {
                long wn = n.weights[j];
                if (kind == TopKKind.ROWS) {
                    result.add(n.rows[j], Math.min(wn, k - posN));
                } else {
                    result.add(new Ranked<>(n.rows[j], posN + 1), wn);
                }
                posN += wn;
                j++;
            }
        }
    }

    /** Row numbers: position by position, runs of the same row at the same positions skipped. */
    private void diffPositions(ZSet<Object> result) {
        Top o = oldTop;
        Top n = newTop;
        long endO = Math.min(o.positions, k);
        long endN = Math.min(n.positions, k);
        int i = 0;
        int j = 0;
        long leftO = o.size > 0 ? o.weights[0] : 0;
        long leftN = n.size > 0 ? n.weights[0] : 0;
        long p = 0;
        long end = Math.max(endO, endN);
        while (p < end) {
            Object ro = p < endO ? o.rows[i] : null;
            Object rn = p < endN ? n.rows[j] : null;
            long run;
            if (ro != null && rn != null && (ro == rn || ro.equals(rn))) {
                run = Math.min(Math.min(leftO, leftN), Math.min(endO, endN) - p);
            } else {
                run = 1;
                if (ro != null) {
                    result.add(new Ranked<>(ro, p + 1), -1);
                }
                if (rn != null) {
                    result.add(new Ranked<>(rn, p + 1), 1);
                }
            }
            p += run;
            if (ro != null && (leftO -= run) == 0 && ++i < o.size) {
                leftO = o.weights[i];
            }
            if (rn != null && (leftN -= run) == 0 && ++j < n.size) {
                leftN = n.weights[j];
            }
        }
    }

    // ---- commit -------------------------------------------------------------------------------------------

    @Override
    @SuppressWarnings("unchecked")
    protected void commit() {
        if (prepared) {
            for (int ord = 0, n = touched.size(); ord < n; ord++) {
                int id = touched.id(ord);
                if (appendOnly) {
                    Kept kept = (Kept) after[ord];
                    if (kept != null) {
                        Kept old = (Kept) state[id];
                        rows += kept.size - (old == null ? 0 : old.size);
                        state[id] = kept;
                    }
                } else {
                    SortedRows<T> st = (SortedRows<T>) state[id];
                    if (st == null && planTo[ord] > planFrom[ord]) {
                        st = new SortedRows<>(order);
                        state[id] = st;
                    }
                    long before = st == null ? 0 : st.size();
                    for (int p = planFrom[ord]; p < planTo[ord]; p++) {
                        if (planExisting[p] != null && planExisting[p] == planRow[p]) {
                            st.add((T) planRow[p], planWeight[p] - planOldWeight[p]); // same row, new weight
                            continue;
                        }
                        if (planExisting[p] != null) {
                            st.add((T) planExisting[p], -planOldWeight[p]);
                        }
                        if (planWeight[p] != 0) {
                            st.add((T) planRow[p], planWeight[p]);
                        }
                    }
                    if (st != null) {
                        rows += st.size() - before;
                        if (st.isEmpty()) {
                            state[id] = null;
                        }
                    }
                }
                if (expiring != null && state[id] != null && !expiring.isTracked(id)) {
                    expiring.track(id, groupTime[ord]);
                }
            }
        }
        releaseEmpty();
        if (expiring != null) {
            expiring.expire(this::drop);
        }
        clearStep();
    }

    /** Forgets group {@code id}, which the watermark has passed: its rows, then its key. */
    @SuppressWarnings("unchecked")
    private void drop(int id) {
        Object st = state[id];
        if (st != null) {
            rows -= st instanceof Kept kept ? kept.size : ((SortedRows<T>) st).size();
            state[id] = null;
        }
        if (space.isLive(id)) {
            space.release(id);
        }
    }

    @Override
    protected void rollback() {
        releaseEmpty();
        clearStep();
    }

    /** Releases the touched groups that hold no state (new groups of a failed step, groups whose rows all went). */
    private void releaseEmpty() {
        for (int ord = 0, n = touched.size(); ord < n; ord++) {
            int id = touched.id(ord);
            if (state[id] == null && space.isLive(id)) {
                space.release(id);
                if (expiring != null) {
                    expiring.untrack(id);
                }
            }
        }
    }

    private void clearStep() {
        int n = touched.size();
        Arrays.fill(before, 0, n, null);
        Arrays.fill(after, 0, n, null);
        Arrays.fill(planExisting, 0, plans, null);
        Arrays.fill(planRow, 0, plans, null);
        plans = 0;
        touched.clear();
        prepared = false;
    }

    @Override
    public long stateRows() {
        return rows;
    }

    /**
     * Per group: its key, its rows in order with their weights (and, append-only, the copies kept), and its time if
     * groups expire; then the limit below which groups were dropped.
     */
    @Override
    @SuppressWarnings("unchecked")
    public void writeState(StateWriter out) {
        out.writeVarLong(space.size());
        for (int id = space.nextLive(0); id >= 0; id = space.nextLive(id + 1)) {
            space.writeKey(id, out);
            Object st = id < state.length ? state[id] : null;
            if (st instanceof Kept kept) {
                out.writeVarLong(kept.size);
                out.writeSignedVarLong(kept.total);
                for (int i = 0; i < kept.size; i++) {
                    out.writeValue(kept.rows[i]);
                    out.writeSignedVarLong(kept.weights[i]);
                }
            } else if (st != null) {
                SortedRows<T> sorted = (SortedRows<T>) st;
                out.writeVarLong(sorted.size());
                for (int c = 0; c < sorted.chunks(); c++) {
                    for (int i = 0; i < sorted.chunkSize(c); i++) {
                        out.writeValue(sorted.row(c, i));
                        out.writeSignedVarLong(sorted.weight(c, i));
                    }
                }
            } else {
                out.writeVarLong(0);
                if (appendOnly) {
                    out.writeSignedVarLong(0);
                }
            }
            if (expiring != null) {
                expiring.writeKey(id, out);
            }
        }
        if (expiring != null) {
            expiring.writeLimit(out);
        }
    }


    /** Groups are routed by their key's hash; a local phase's groups are placed by no key. */
    @Override
    public boolean repartitions() {
        return !local;
    }

    /** Marks this operator as a local phase (before an exchange): its groups hold each worker's own rows. */
    TopKNode<T> local() {
        local = true;
        return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void readState(StateReader in, org.jdbsp.circuit.state.Placement placement) {
        int groups = in.readSize();
        for (int g = 0; g < groups; g++) {
            int id = space.readKey(in);
            boolean owned = placement.whole() || placement.owns(space.shardHash(id));
            if (id >= state.length) {
                state = Arrays.copyOf(state, Math.max(id + 1, state.length * 2));
            }
            int n = in.readSize();
            if (appendOnly) {
                long total = in.readSignedVarLong();
                Object[] kr = new Object[n];
                long[] kw = new long[n];
                for (int i = 0; i < n; i++) {
                    kr[i] = in.readValue();
                    kw[i] = in.readSignedVarLong();
                }
                state[id] = n == 0 || !owned ? null : new Kept(kr, kw, n, total);
            } else {
                SortedRows<T> sorted = new SortedRows<>(order);
                for (int i = 0; i < n; i++) {
                    sorted.add((T) in.readValue(), in.readSignedVarLong());
                }
                state[id] = n == 0 || !owned ? null : sorted;
            }
            if (expiring != null) {
                expiring.readKey(owned ? id : -1, in);
            }
            if (owned) {
                rows += n;
            } else {
                space.release(id); // another replica's group
            }
        }
        if (expiring != null) {
            expiring.readLimit(in);
        }
    }
}
