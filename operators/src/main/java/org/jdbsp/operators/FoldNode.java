package org.jdbsp.operators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.ZSet;

/**
 * Incremental grouped user fold. Per group the state is (count, accumulator) and, for a fold that is not
 * invertible, the group's integrated rows. eval folds the changed rows of each touched group into a new
 * accumulator: from the old accumulator by the change alone when the fold is invertible (O(1) user calls per
 * changed row), else from scratch over the old rows plus the change (O(group size) per touched group). It emits
 * {@code -output(k, result(oldAcc)) + output(k, result(newAcc))} unless the results are equal; a group with
 * count &le; 0 has no row. commit stores the new accumulators (and rows). An invertible group whose count
 * returns to 0 is dropped with its accumulator.
 */
final class FoldNode<T, K, A, V, R> extends Node {
    private final Stream<T> in;
    private final Stream<R> out;
    private final Function<? super T, ? extends K> key;
    private final Fold<? super T, A, ? extends V> fold;
    private final BiFunction<? super K, ? super V, ? extends R> output;
    private final boolean invertible;
    private final Map<K, Group<T, A>> state = new HashMap<>();
    private long stateRows;

    private final GroupIndex<K> index = new GroupIndex<>();
    private final List<Group<T, A>> old = new ArrayList<>();
    private final List<A> newAcc = new ArrayList<>();
    private final List<ZSet<T>> deltaRows = new ArrayList<>();
    private long[] dc = new long[16];
    private long[] nc = new long[16];
    private boolean prepared;

    /** The state of one group. */
    static final class Group<T, A> {
        long count;
        A acc;
        ZSet<T> rows;
    }

    FoldNode(Stream<T> in, Function<? super T, ? extends K> key, Fold<? super T, A, ? extends V> fold,
             BiFunction<? super K, ? super V, ? extends R> output, Stream<R> out) {
        super("fold", List.of(in), out);
        this.in = in;
        this.out = out;
        this.key = key;
        this.fold = fold;
        this.output = output;
        this.invertible = fold.invertible();
    }

    @Override
    protected void eval() {
        clear();
        ZSet<T> d = in.value();
        ZSet<R> result = new ZSet<>();
        try {
            for (int s = d.nextSlot(0); s >= 0; s = d.nextSlot(s + 1)) {
                T row = d.elementAt(s);
                long w = d.weightAt(s);
                K k = key.apply(row);
                if (k == null) {
                    throw new NullPointerException("key function returned null for row " + row);
                }
                int before = index.size();
                int g = index.indexOf(k);
                if (g == before) {
                    Group<T, A> og = state.get(k);
                    old.add(og);
                    if (g == dc.length) {
                        dc = Arrays.copyOf(dc, g * 2);
                        nc = Arrays.copyOf(nc, g * 2);
                    }
                    dc[g] = 0;
                    if (invertible) {
                        newAcc.add(og == null ? fold.init() : og.acc);
                        deltaRows.add(null);
                    } else {
                        newAcc.add(null);
                        deltaRows.add(new ZSet<>());
                    }
                }
                dc[g] = Math.addExact(dc[g], w);
                if (invertible) {
                    newAcc.set(g, fold.step(newAcc.get(g), row, w));
                } else {
                    deltaRows.get(g).add(row, w);
                }
            }
            int n = index.size();
            for (int g = 0; g < n; g++) {
                Group<T, A> og = old.get(g);
                long oldC = og == null ? 0 : og.count;
                long newC = Math.addExact(oldC, dc[g]);
                nc[g] = newC;
                if (!invertible) {
                    newAcc.set(g, recompute(og, deltaRows.get(g), newC > 0));
                }
                boolean oldP = oldC > 0;
                boolean newP = newC > 0;
                V oldV = oldP ? fold.result(og.acc) : null;
                V newV = newP ? fold.result(newAcc.get(g)) : null;
                if (oldP && newP && Objects.equals(oldV, newV)) {
                    continue;
                }
                K k = index.key(g);
                if (oldP) {
                    result.add(output.apply(k, oldV), -1);
                }
                if (newP) {
                    result.add(output.apply(k, newV), 1);
                }
            }
        } catch (RuntimeException e) {
            throw failure(e);
        }
        prepared = true;
        out.publish(result);
    }

    /** Folds old rows + change from scratch (when {@code needed}); checks the new weights for overflow. */
    private A recompute(Group<T, A> og, ZSet<T> delta, boolean needed) {
        A acc = needed ? fold.init() : null;
        if (og != null) {
            ZSet<T> rows = og.rows;
            for (int s = rows.nextSlot(0); s >= 0; s = rows.nextSlot(s + 1)) {
                T row = rows.elementAt(s);
                long w = Math.addExact(rows.weightAt(s), delta.weight(row));
                if (needed && w != 0) {
                    acc = fold.step(acc, row, w);
                }
            }
        }
        if (needed) {
            for (int s = delta.nextSlot(0); s >= 0; s = delta.nextSlot(s + 1)) {
                T row = delta.elementAt(s);
                if (og == null || !og.rows.contains(row)) {
                    acc = fold.step(acc, row, delta.weightAt(s));
                }
            }
        }
        return acc;
    }

    private void clear() {
        index.clear();
        old.clear();
        newAcc.clear();
        deltaRows.clear();
        prepared = false;
    }

    @Override
    protected void commit() {
        if (prepared) {
            int n = index.size();
            for (int g = 0; g < n; g++) {
                K k = index.key(g);
                Group<T, A> grp = old.get(g);
                if (grp == null) {
                    grp = new Group<>();
                    if (!invertible) {
                        grp.rows = new ZSet<>();
                    }
                    state.put(k, grp);
                }
                grp.count = nc[g];
                grp.acc = newAcc.get(g);
                if (invertible) {
                    if (grp.count == 0) {
                        state.remove(k);
                    }
                } else {
                    int before = grp.rows.size();
                    grp.rows.addAll(deltaRows.get(g));
                    stateRows += grp.rows.size() - before;
                    if (grp.rows.isEmpty()) {
                        state.remove(k);
                    }
                }
            }
        }
        clear();
    }

    @Override
    protected void rollback() {
        clear();
    }

    @Override
    public long stateRows() {
        return invertible ? state.size() : stateRows;
    }
}
