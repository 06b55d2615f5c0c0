package org.jdbsp.operators.join;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.eclipse.collections.impl.map.mutable.UnifiedMap;
import org.jdbsp.circuit.NestedScope;
import org.jdbsp.circuit.NestedState;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.circuit.state.Checkpointable;
import org.jdbsp.circuit.state.StateReader;
import org.jdbsp.circuit.state.StateWriter;
import org.jdbsp.zset.IndexedZSet;
import org.jdbsp.zset.ZSet;

/**
 * Incremental inner equi-join inside an incremental recursive circuit, over two-dimensional changes
 * {@code a(t, i)}, {@code b(t, i)} ({@code t} outer tick, {@code i} inner iteration). A pair of changes at
 * {@code (t1, i1)} and {@code (t2, i2)} contributes to the output change at {@code (max t, max i)}, so
 * <pre>
 * z(t,i) = a(t,i) ⋈ B(t,i) + Acur&lt;i ⋈ (b(t,i) + Hb[i]) + Ha[i] ⋈ (b(t,i) + Bcur&lt;i) + Ha&lt;i ⋈ b(t,i)
 * </pre>
 * with {@code Ha[i] = Σ_{t'<t} a(t', i)} (history), {@code Acur<i = Σ_{i'<i} a(t, i')} (this outer tick) and
 * {@code B(t,i) = Σ_{i'≤i} Hb[i'] + Bcur<i + b(t,i)}; symmetrically for {@code b}.
 *
 * <p>Each pair is computed once, when its later-arriving change arrives (as DBSP does): at iteration {@code i},
 * {@code a(t,i)} is joined with {@code b(t,i)}, {@code Bcur<i} and the whole history of its keys {@code Hb[i']};
 * pairs with {@code i' ≤ i} go to the output now, pairs with {@code i' > i} are held for iteration {@code i'}
 * of this outer tick (history exists only at iterations earlier ticks reached, so the loop gets there).
 * Symmetrically for {@code b(t,i)} against {@code Acur<i} and {@code Ha}.
 *
 * <p>State: per key and side, the history per iteration; for the current outer tick the changes per
 * iteration, their running sums {@code Acur}/{@code Bcur} and the held outputs. {@link #commit()} (end of an
 * iteration) folds {@code a(t,i)} into {@code Acur}; {@link #commitOuterTick()} folds the tick's changes into the
 * history. Cost per iteration: O(|a(t,i)| + |b(t,i)| + pairs produced).
 */
final class NestedJoinNode<K, A, B, R> extends Node implements NestedState, Checkpointable {
    private final NestedScope scope;
    private final Stream<A> a;
    private final Stream<B> b;
    private final Function<? super A, ? extends K> keyA;
    private final Function<? super B, ? extends K> keyB;
    private final BiFunction<? super A, ? super B, ? extends R> combine;
    private final Stream<R> out;

    // history of earlier outer ticks: key -> per-iteration groups
    private final UnifiedMap<K, NestedJoinHistory<A>> histA = new UnifiedMap<>();
    private final UnifiedMap<K, NestedJoinHistory<B>> histB = new UnifiedMap<>();
    // current outer tick
    private IndexedZSet<K, A> curA = new IndexedZSet<>();
    private IndexedZSet<K, B> curB = new IndexedZSet<>();
    private final List<IndexedZSet<K, A>> tickA = new ArrayList<>();
    private final List<IndexedZSet<K, B>> tickB = new ArrayList<>();
    private final List<ZSet<R>> held = new ArrayList<>();
    // prepared by eval for commit
    private int evalIteration = -1;
    private IndexedZSet<K, A> pendingA;
    private IndexedZSet<K, B> pendingB;
    private List<ZSet<R>> pendingHeld;

    NestedJoinNode(NestedScope scope, Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA,
                   Function<? super B, ? extends K> keyB, BiFunction<? super A, ? super B, ? extends R> combine,
                   Stream<R> out) {
        super("join", List.of(a, b), out);
        this.scope = scope;
        this.a = a;
        this.b = b;
        this.keyA = keyA;
        this.keyB = keyB;
        this.combine = combine;
        this.out = out;
    }

    @Override
    protected void eval() {
        final int i = scope.iteration();
        evalIteration = i;
        pendingA = null;
        pendingB = null;
        pendingHeld = null;
        ZSet<R> result = new ZSet<>();
        ZSet<R> due = i < held.size() ? held.get(i) : null;
        if (due != null) {
            result.addAll(due);
        }
        ZSet<A> da = a.value();
        ZSet<B> db = b.value();
        if (da.isEmpty() && db.isEmpty()) {
            out.publish(result);
            return;
        }
        try {
            IndexedZSet<K, A> ia = NestedJoinSupport.index(da, keyA, "left key function");
            IndexedZSet<K, B> ib = NestedJoinSupport.index(db, keyB, "right key function");
            List<ZSet<R>> later = new ArrayList<>();
            ia.forEachGroup((k, ga) -> {
                NestedJoinSupport.cross(ga, ib.group(k), combine, result);
                NestedJoinSupport.cross(ga, curB.group(k), combine, result);
                NestedJoinHistory<B> h = histB.get(k);
                if (h != null) {
                    for (int j = 0; j < h.size; j++) {
                        int at = h.iterations[j];
                        NestedJoinSupport.cross(ga, h.groups[j], combine, at <= i ? result : slot(later, at));
                    }
                }
            });
            ib.forEachGroup((k, gb) -> {
                NestedJoinSupport.cross(curA.group(k), gb, combine, result);
                NestedJoinHistory<A> h = histA.get(k);
                if (h != null) {
                    for (int j = 0; j < h.size; j++) {
                        int at = h.iterations[j];
                        NestedJoinSupport.cross(h.groups[j], gb, combine, at <= i ? result : slot(later, at));
                    }
                }
            });
            NestedJoinSupport.checkAdd(curA, ia);
            NestedJoinSupport.checkAdd(curB, ib);
            pendingA = ia;
            pendingB = ib;
            pendingHeld = later;
        } catch (RuntimeException e) {
            pendingA = null;
            pendingB = null;
            pendingHeld = null;
            throw failure(e);
        }
        out.publish(result);
    }

    private static <T> ZSet<T> slot(List<ZSet<T>> list, int at) {
        while (list.size() <= at) {
            list.add(null);
        }
        ZSet<T> z = list.get(at);
        if (z == null) {
            z = new ZSet<>();
            list.set(at, z);
        }
        return z;
    }

    /** End of inner iteration {@code i}: fold this iteration's changes into the current-tick sums. */
    @Override
    protected void commit() {
        int i = evalIteration;
        if (i < 0) {
            return;
        }
        if (i < held.size()) {
            held.set(i, null);
        }
        if (pendingA != null) {
            curA.addAll(pendingA);
            curB.addAll(pendingB);
            set(tickA, i, pendingA);
            set(tickB, i, pendingB);
            for (int at = 0; at < pendingHeld.size(); at++) {
                ZSet<R> z = pendingHeld.get(at);
                if (z != null && !z.isEmpty()) {
                    ZSet<R> h = at < held.size() ? held.get(at) : null;
                    if (h == null) {
                        set(held, at, z);
                    } else {
                        h.addAll(z);
                    }
                }
            }
        }
        pendingA = null;
        pendingB = null;
        pendingHeld = null;
        evalIteration = -1;
    }

    private static <T> void set(List<T> list, int at, T value) {
        while (list.size() <= at) {
            list.add(null);
        }
        list.set(at, value);
    }

    @Override
    protected void rollback() {
        pendingA = null;
        pendingB = null;
        pendingHeld = null;
        evalIteration = -1;
    }

    @Override
    public void beginOuterTick() {
        clearTick();
    }

    @Override
    public void commitOuterTick() {
        for (int i = 0; i < tickA.size(); i++) {
            IndexedZSet<K, A> z = tickA.get(i);
            if (z != null) {
                final int at = i;
                z.forEach((k, v, w) -> addHistory(histA, k, at, v, w));
            }
        }
        for (int i = 0; i < tickB.size(); i++) {
            IndexedZSet<K, B> z = tickB.get(i);
            if (z != null) {
                final int at = i;
                z.forEach((k, v, w) -> addHistory(histB, k, at, v, w));
            }
        }
        clearTick();
    }

    private static <K, V> void addHistory(UnifiedMap<K, NestedJoinHistory<V>> hist, K k, int at, V v, long w) {
        NestedJoinHistory<V> h = hist.get(k);
        if (h == null) {
            h = new NestedJoinHistory<>();
            hist.put(k, h);
        }
        h.add(at, v, w);
        if (h.isEmpty()) {
            hist.remove(k);
        }
    }

    @Override
    public void rollbackOuterTick() {
        clearTick();
    }

    private void clearTick() {
        curA = new IndexedZSet<>();
        curB = new IndexedZSet<>();
        tickA.clear();
        tickB.clear();
        held.clear();
        pendingA = null;
        pendingB = null;
        pendingHeld = null;
        evalIteration = -1;
    }

    @Override
    public long stateRows() {
        long[] n = {0};
        histA.forEachValue(h -> n[0] += h.rows());
        histB.forEachValue(h -> n[0] += h.rows());
        return n[0];
    }

    /** Each side's history: per key, per inner iteration, what earlier outer ticks contributed. */
    @Override
    public void writeState(StateWriter out) {
        writeHistory(histA, out);
        writeHistory(histB, out);
    }

    private static <K, V> void writeHistory(UnifiedMap<K, NestedJoinHistory<V>> hist,
                                            StateWriter out) {
        out.writeVarLong(hist.size());
        hist.forEachKeyValue((k, h) -> {
            out.writeValue(k);
            out.writeVarLong(h.size);
            for (int j = 0; j < h.size; j++) {
                out.writeVarLong(h.iterations[j]);
                out.writeZSet(h.groups[j]);
            }
        });
    }

    @Override
    public void readState(StateReader in) {
        readHistory(histA, in);
        readHistory(histB, in);
    }

    @SuppressWarnings("unchecked")
    private static <K, V> void readHistory(UnifiedMap<K, NestedJoinHistory<V>> hist,
                                           StateReader in) {
        int keys = in.readSize();
        for (int i = 0; i < keys; i++) {
            K k = (K) in.readValue();
            int entries = in.readSize();
            for (int j = 0; j < entries; j++) {
                int at = in.readSize();
                ZSet<V> g = in.readZSet();
                for (int s = g.nextSlot(0); s >= 0; s = g.nextSlot(s + 1)) {
                    addHistory(hist, k, at, g.elementAt(s), g.weightAt(s));
                }
            }
        }
    }
}
