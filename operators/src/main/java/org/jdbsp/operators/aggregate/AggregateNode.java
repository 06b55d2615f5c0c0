package org.jdbsp.operators.aggregate;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.circuit.state.Repartitionable;
import org.jdbsp.circuit.state.StateReader;
import org.jdbsp.circuit.state.StateWriter;
import org.jdbsp.operators.spi.Checked;
import org.jdbsp.operators.spi.KeySpace;
import org.jdbsp.operators.spi.LongKeySpace;
import org.jdbsp.operators.spi.RowKey;
import org.jdbsp.operators.spi.Touched;
import org.jdbsp.operators.window.Watermark;
import org.jdbsp.operators.window.Windowed;
import org.jdbsp.zset.ZSet;

/**
 * The incremental grouped aggregate: any number of aggregate functions ({@link Accumulator}s) over groups numbered
 * by a key strategy, the groups of one key ({@link RowKey}, {@code long} or object) or of a key within time windows
 * ({@link WindowGroups}). A group exists while its count (sum of weights) is positive, or always for the one row
 * of an ungrouped SQL aggregate ({@code oneRow}).
 *
 * <p>Per step: each changed row's group is looked up once and the row is added to every aggregate's change of that
 * group (O(1) per row per aggregate, or O(log n) for min/max); then for each touched group the aggregates compute
 * their new values from the committed state without changing it, and the group's output row is retracted and
 * re-emitted only if its existence or some value changed ({@code -oldRow + newRow}, the old row rebuilt from the
 * committed values), and the row itself did (a row that projects the values may not: compared for the first
 * {@value #COMPARED_FIRST} updated groups, and for all once one is found unchanged). Commit applies the changes and releases groups left with no state. With a watermark and
 * window groups, the groups of windows that end at or before the watermark are dropped at commit (their rows stay
 * in the output). {@code perStep} (the local phase of a local-global aggregate) keeps nothing between steps: each
 * step emits the step's own aggregates as insertions.
 *
 * <p>Per-step scratch is indexed by the groups' order in the step and reused, so a step costs O(its change), not
 * O(groups); nothing is boxed and nothing is allocated per row beyond what user functions allocate.
 */
final class AggregateNode<T, R> extends Node implements Repartitionable, GroupCounts {
    /** Builds a group's output row from its id and its aggregates' values (user code). */
    @FunctionalInterface
    interface GroupResult<R> {
        R apply(int id, Aggregated values);
    }

    @Override
    public long count(int id) {
        return count[id];
    }

    @Override
    public long newCount(int ord) {
        return newCount[ord];
    }

    private final Stream<T> in;
    private final Stream<R> out;
    private final RowKey<T> keys;
    private final WindowGroups<?> windows;
    private final KeySpace space;
    private final Accumulator<T>[] aggs;
    /** Rows per chunk of eval, whose key lookups are read ahead together ({@link RowKey#touch}). */
    static final int CHUNK = 64;
    /** The slots of the chunk being added and their keys' hashes, reused. */
    private final int[] chunkSlots = new int[CHUNK];
    private final int[] chunkHashes = new int[CHUNK];
    /** What the read-ahead read, kept so that the compiler cannot drop the loads. */
    private int readAheadSink;
    private final GroupResult<R> result;
    private final boolean perStep;
    private final boolean oneRow;
    private final Watermark watermark;
    private final IntConsumer evict = this::evict;
    private final Values<T> values;

    private long[] count = new long[16];
    /** A local phase: its state is the worker's, placed by position, not by key. */
    private boolean local;
    private final Touched touched = new Touched();
    private long[] newCount = new long[16];
    /** Per touched group, the rows it emits: {@link #RETRACT} the old, {@link #INSERT} the new. */
    private byte[] emit = new byte[16];
    private static final int RETRACT = 1;
    private static final int INSERT = 2;
    /**
     * Updated groups whose old and new rows are compared before one is found unchanged; from then on every one is.
     * A result function whose rows always change with the values (most circuits') stops paying for the comparison.
     */
    static final int COMPARED_FIRST = 4096;
    private int comparesLeft = COMPARED_FIRST;
    private boolean unchangedRows;
    private boolean prepared;
    private boolean rowEmitted;
    private long pendingWatermark = Long.MIN_VALUE;

    /**
     * @param keys     the group key of a row, or null for window groups
     * @param windows  the window groups (rows are {@link Windowed}, or carry their window), or null
     * @param aggs     the aggregates, built with {@link #accumulator}
     * @param perStep  keep no state between steps (a local phase)
     * @param oneRow   the one group of an ungrouped aggregate has a row even when empty ({@code keys} over a
     *                 {@link LongKeySpace} with the constant key 0); only the replica holding the gathered rows
     *                 (worker 0) should be given this
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    AggregateNode(String kind, Stream<T> in, Stream<R> out, RowKey<T> keys, WindowGroups<?> windows,
                  List<Accumulator<T>> aggs, GroupResult<R> result, boolean perStep, boolean oneRow,
                  Watermark watermark) {
        super(kind, List.of(in), out);
        this.in = in;
        this.out = out;
        this.keys = keys;
        this.windows = windows;
        this.space = windows != null ? windows.groups() : keys.space();
        this.aggs = bind(aggs, space, this, count.length);
        this.values = new Values<>(this.aggs);
        this.result = result;
        this.perStep = perStep;
        this.oneRow = oneRow;
        this.watermark = watermark;
    }

    /**
     * {@code aggs} as an array, each naming its groups by {@code space}, a {@code COUNT(*)} reading the counts of
     * {@code counts}, and room reserved for ids below {@code limit}.
     */
    @SuppressWarnings("unchecked")
    static <T> Accumulator<T>[] bind(List<Accumulator<T>> aggs, KeySpace space, GroupCounts counts, int limit) {
        Accumulator<T>[] bound = aggs.toArray(new Accumulator[0]);
        for (Accumulator<T> a : bound) {
            a.keys = space;
            if (a instanceof CountAll<T> c) {
                c.node = counts;
            }
            a.reserve(limit);
        }
        return bound;
    }

    /**
     * The accumulator of {@code agg}; {@code appendOnlyInput}: the input has only insertions (cheaper min/max, as
     * for a min/max {@linkplain Agg#ofInsertionsOnly of insertions only}).
     */
    static <T> Accumulator<T> accumulator(Agg<? super T> agg, boolean appendOnlyInput) {
        boolean appendOnly = appendOnlyInput || agg.insertionsOnly;
        return switch (agg.kind) {
            case COUNT -> new CountAll<>();
            case COUNT_NON_NULL -> new CountAccumulator<T>(agg.value);
            case SUM_LONG, AVG_LONG -> new SumAccumulator<T>(SumAccumulator.Num.LONG, agg.kind == Agg.Kind.AVG_LONG,
                    0, agg.longValue, null, agg.value);
            case SUM_DOUBLE, AVG_DOUBLE -> new SumAccumulator<T>(SumAccumulator.Num.DOUBLE,
                    agg.kind == Agg.Kind.AVG_DOUBLE, 0, null, agg.doubleValue, agg.value);
            case SUM_DECIMAL, AVG_DECIMAL -> new SumAccumulator<T>(SumAccumulator.Num.DECIMAL,
                    agg.kind == Agg.Kind.AVG_DECIMAL, agg.scale, agg.longValue, null, agg.value);
            case MIN_LONG, MAX_LONG -> new ExtremeAccumulator<T>(agg.kind == Agg.Kind.MAX_LONG, false, appendOnly,
                    agg.longValue, null, agg.value);
            case MIN_DOUBLE, MAX_DOUBLE -> new ExtremeAccumulator<T>(agg.kind == Agg.Kind.MAX_DOUBLE, true, appendOnly,
                    null, agg.doubleValue, agg.value);
            case MIN, MAX -> new ComparableExtremeAccumulator<T>(agg.kind == Agg.Kind.MAX, appendOnly, agg.value);
            case FOLD -> new FoldAccumulator<T>(agg.fold);
        };
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected void eval() {
        reset();
        ZSet<T> d = in.value();
        pendingWatermark = watermark == null ? Long.MIN_VALUE : watermark.current();
        ZSet<R> result;
        try {
            for (Accumulator<T> a : aggs) {
                a.startStep();
            }
            // in chunks: when the key space is large, a chunk's lookups are read ahead first (hashes, then touches
            // in a tight loop), so that their cache misses overlap
            int[] chunk = chunkSlots;
            int[] hashes = chunkHashes;
            RowKey<Object> ahead = (RowKey<Object>) (windows == null ? keys : windows.inner());
            boolean readsAhead = ahead.readsAhead();
            int readAhead = 0;
            int s = d.nextSlot(0);
            while (s >= 0) {
                int n = 0;
                for (; s >= 0 && n < CHUNK; s = d.nextSlot(s + 1)) {
                    chunk[n++] = s;
                }
                if (readsAhead) {
                    for (int k = 0; k < n; k++) {
                        Object row = d.elementAt(chunk[k]);
                        hashes[k] = ahead.hash(windows == null ? row : windows.keyed(row));
                    }
                    for (int k = 0; k < n; k++) {
                        readAhead += ahead.touch(hashes[k]);
                    }
                }
                for (int k = 0; k < n; k++) {
                    T row = d.elementAt(chunk[k]);
                    long w = d.weightAt(chunk[k]);
                    int ord = touch(windows == null ? keys.id(row) : windows.idOf(row));
                    newCount[ord] = Checked.add(newCount[ord], w, row);
                    for (Accumulator<T> a : aggs) {
                        a.add(ord, row, w);
                    }
                }
            }
            readAheadSink = readAhead;
            if (oneRow && !rowEmitted && touched.size() == 0) {
                touch(((LongKeySpace) space).id(0L));
            }
            int n = touched.size();
            if (emit.length < n) {
                emit = new byte[Math.max(n, emit.length * 2)];
            }
            int rows = 0;
            for (int ord = 0; ord < n; ord++) {
                int id = touched.id(ord);
                long oldC = count[id];
                long newC = Checked.add(oldC, newCount[ord], space, id);
                newCount[ord] = newC;
                boolean changed = false;
                for (Accumulator<T> a : aggs) {
                    changed |= a.prepare(ord, id);
                }
                boolean oldP = oneRow ? rowEmitted : oldC > 0;
                boolean newP = oneRow || newC > 0;
                byte e = oldP && newP && !changed ? 0 : (byte) ((oldP ? RETRACT : 0) | (newP ? INSERT : 0));
                emit[ord] = e;
                rows += Integer.bitCount(e);
            }
            result = new ZSet<>(rows); // presized for all: most steps of a min or max change few groups' rows
            for (int ord = 0; ord < n; ord++) {
                int e = emit[ord];
                if (e == (RETRACT | INSERT) && (unchangedRows || comparesLeft > 0)) {
                    // a value changed, but the row may not have: a row projected from the values (SQL's flag of
                    // whether a count is 0) then cancels, and is not added to be cancelled
                    if (!unchangedRows) comparesLeft--;
                    R old = row(touched.id(ord), -1);
                    R now = row(touched.id(ord), ord);
                    if (old != null && old.equals(now)) { // a null row fails in add, naming it
                        unchangedRows = true;
                    } else {
                        result.add(old, -1);
                        result.add(now, 1);
                    }
                    continue;
                }
                if ((e & RETRACT) != 0) {
                    result.add(row(touched.id(ord), -1), -1);
                }
                if ((e & INSERT) != 0) {
                    result.add(row(touched.id(ord), ord), 1);
                }
            }
            prepared = true;
        } catch (RuntimeException e) {
            rollback();
            throw failure(e);
        }
        out.publish(result);
    }

    /** The step order of group {@code id}, starting its change when it is new to the step. */
    private int touch(int id) {
        int before = touched.size();
        int ord = touched.touch(id);
        if (ord == before) {
            reserveId(id);
            if (ord == newCount.length) {
                newCount = Arrays.copyOf(newCount, ord * 2);
            }
            newCount[ord] = 0;
            for (Accumulator<T> a : aggs) {
                a.begin(ord, id);
            }
        }
        return ord;
    }

    /** Grows the per-group state to hold group {@code id}. */
    private void reserveId(int id) {
        if (id >= count.length) {
            int cap = Math.max(id + 1, count.length * 2);
            count = Arrays.copyOf(count, cap);
            for (Accumulator<T> a : aggs) {
                a.reserve(cap);
            }
        }
    }

    private R row(int id, int ord) {
        values.id = id;
        values.ord = ord;
        R r = result.apply(id, values);
        if (r == null) {
            throw new NullPointerException("result function returned null for group " + space.describe(id));
        }
        return r;
    }

    @Override
    protected void commit() {
        if (prepared) {
            for (int ord = 0, n = touched.size(); ord < n; ord++) {
                int id = touched.id(ord);
                if (perStep) {
                    for (Accumulator<T> a : aggs) {
                        a.drop(id);
                    }
                    release(id);
                    continue;
                }
                count[id] = newCount[ord];
                for (Accumulator<T> a : aggs) {
                    a.commit(ord, id);
                }
                if (isEmpty(id)) {
                    release(id);
                }
            }
            if (oneRow) {
                rowEmitted = true;
            }
            if (windows != null && pendingWatermark != Long.MIN_VALUE) {
                windows.expire(pendingWatermark, evict);
            }
        }
        reset();
    }

    @Override
    protected void rollback() {
        for (int ord = 0, n = touched.size(); ord < n; ord++) {
            int id = touched.id(ord);
            if (isEmpty(id) && space.isLive(id)) {
                release(id); // a group this step added
            }
        }
        reset();
    }

    private boolean isEmpty(int id) {
        if (count[id] != 0) {
            return false;
        }
        for (Accumulator<T> a : aggs) {
            if (!a.isEmpty(id)) {
                return false;
            }
        }
        return true;
    }

    private void release(int id) {
        count[id] = 0;
        if (windows != null) {
            windows.release(id);
        } else {
            space.release(id);
        }
    }

    /** Drops a group of a window the watermark has passed (the window groups then release it). */
    private void evict(int id) {
        count[id] = 0;
        for (Accumulator<T> a : aggs) {
            a.drop(id);
        }
    }

    private void reset() {
        for (int ord = 0, n = touched.size(); ord < n; ord++) {
            for (Accumulator<T> a : aggs) {
                a.dropScratch(ord);
            }
        }
        touched.clear();
        prepared = false;
    }

    @Override
    public long stateRows() {
        long n = space.size();
        for (Accumulator<T> a : aggs) {
            n += a.stateRows();
        }
        return n;
    }

    /** The local phase emits insertions only. */
    @Override
    public boolean keepsAppendOnly() {
        return perStep;
    }

    /**
     * Per group: its key (or window and key), count and every aggregate's state; whether an ungrouped aggregate's
     * row is out; the end through which windows were dropped.
     */
    @Override
    public void writeState(StateWriter out) {
        out.writeBoolean(rowEmitted);
        out.writeVarLong(space.size());
        for (int id = space.nextLive(0); id >= 0; id = space.nextLive(id + 1)) {
            if (windows != null) {
                windows.writeGroup(id, out);
            } else {
                space.writeKey(id, out);
            }
            out.writeSignedVarLong(count[id]);
            for (Accumulator<T> a : aggs) {
                a.writeGroup(id, out);
            }
        }
        if (windows != null) {
            windows.writeState(out);
        }
    }


    /** Groups are routed by their key's hash (a window group by its key's); a local phase's by no key. */
    @Override
    public boolean repartitions() {
        return !local;
    }

    /** Marks this aggregate as a local phase (before an exchange): its groups hold each worker's own rows. */
    AggregateNode<T, R> local() {
        local = true;
        return this;
    }

    @Override
    public void readState(StateReader in, org.jdbsp.circuit.state.Placement placement) {
        rowEmitted |= in.readBoolean();
        int groups = in.readSize();
        for (int g = 0; g < groups; g++) {
            int id = windows != null ? windows.readGroup(in) : space.readKey(in);
            reserveId(id);
            count[id] = in.readSignedVarLong();
            for (Accumulator<T> a : aggs) {
                a.readGroup(id, in);
            }
            if (!placement.whole()
                    && !placement.owns(windows != null ? windows.shardHashOfGroup(id) : space.shardHash(id))) {
                for (Accumulator<T> a : aggs) {
                    a.drop(id); // another replica's group
                }
                release(id);
            }
        }
        if (windows != null) {
            windows.readState(in);
        }
    }

    /** A local phase ({@code perStep}) keeps nothing between steps. */
    @Override
    public boolean keepsState() {
        return !perStep;
    }

    /** {@code COUNT(*)}: the group's own count, kept by the node. */
    static final class CountAll<T> extends Accumulator<T> {
        GroupCounts node;

        CountAll() {
            super("count");
        }

        @Override
        void reserve(int limit) {
        }

        @Override
        void begin(int ord, int id) {
        }

        @Override
        void add(int ord, T row, long w) {
        }

        @Override
        boolean prepare(int ord, int id) {
            return node.count(id) != node.newCount(ord);
        }

        @Override
        void commit(int ord, int id) {
        }

        /** The count is the node's, saved with the group. */
        @Override
        void writeGroup(int id, org.jdbsp.circuit.state.StateWriter out) {
        }

        @Override
        void readGroup(int id, org.jdbsp.circuit.state.StateReader in) {
        }

        @Override
        boolean isEmpty(int id) {
            return true;
        }

        @Override
        void drop(int id) {
        }

        @Override
        boolean isNull(int id, int ord) {
            return false;
        }

        @Override
        long getLong(int id, int ord) {
            return ord < 0 ? node.count(id) : node.newCount(ord);
        }

        @Override
        double getDouble(int id, int ord) {
            return getLong(id, ord);
        }

        @Override
        Object get(int id, int ord) {
            return getLong(id, ord);
        }
    }

    /** The view a result function reads: the committed values of a group ({@code ord < 0}) or its new ones. */
    static final class Values<T> implements Aggregated {
        private final Accumulator<T>[] aggs;
        int id;
        int ord;

        Values(Accumulator<T>[] aggs) {
            this.aggs = aggs;
        }

        @Override
        public int size() {
            return aggs.length;
        }

        private Accumulator<T> agg(int i) {
            if (i < 0 || i >= aggs.length) {
                throw new IndexOutOfBoundsException("aggregate " + i + " of " + aggs.length);
            }
            return aggs[i];
        }

        @Override
        public boolean isNull(int i) {
            return agg(i).isNull(id, ord);
        }

        @Override
        public long getLong(int i) {
            return agg(i).getLong(id, ord);
        }

        @Override
        public double getDouble(int i) {
            return agg(i).getDouble(id, ord);
        }

        @Override
        public java.math.BigDecimal getDecimal(int i) {
            return agg(i).getDecimal(id, ord);
        }

        @Override
        public Object get(int i) {
            return agg(i).get(id, ord);
        }
    }
}
