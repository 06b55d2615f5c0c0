package org.jdbsp.operators;

import java.util.Comparator;
import java.util.function.ToLongFunction;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;
import org.jdbsp.circuit.ElementwiseNode;
import org.jdbsp.circuit.Stage;
import org.jdbsp.circuit.Stream;

/**
 * The local phase of local-global top-k over an append-only stream ({@link Stream#isAppendOnly()}), as a
 * filter that decides each row as it comes: a row passes unless k copies strictly before it in its group have
 * already come by in this pass (ties all pass). Every row it drops has k rows before it that stay forever (no
 * deletes), so the global top-k over what passes equals the top-k over everything. It passes a superset of the
 * step's own top-k per group (for rows in random order about k ln(m/k) of a group's m rows), but it needs no
 * second pass: as an elementwise operator it runs inside the exchange after an input, on each worker's part of
 * the input's change, before any row is hashed or moved, so a hot group's rows are cut down where they arrive.
 *
 * <p>State: per group of the pass, the rows with fewer than k copies before them so far, sorted; reset at each
 * pass ({@link #beginPass}), so nothing is kept between steps. Cost per row: one hash lookup of its group and
 * one comparison to drop it behind k copies; a row that gets in costs O(k) comparisons and moves. Arrays and
 * lists are reused from pass to pass. Not linear (whether a row passes depends on those before it), so it is
 * kept out of recursion. A negative weight (the stream was not append-only after all) fails the step.
 */
final class RunningTopKByLongNode<T> extends ElementwiseNode<T, T> {
    private final ToLongFunction<? super T> group;
    /** This pass's groups: key to candidate list. */
    private final LongIntHashMap listOfKey = new LongIntHashMap();
    private final TopKCandidates<T> candidates;

    RunningTopKByLongNode(Stream<T> in, Stream<T> out, ToLongFunction<? super T> group,
                          Comparator<? super T> order, int k) {
        super("local top-k (running)", in, out);
        this.group = group;
        this.candidates = new TopKCandidates<>(order, k);
    }

    @Override
    protected void beginPass() {
        if (candidates.lists() == 0 && listOfKey.isEmpty()) {
            return;
        }
        listOfKey.clear();
        candidates.clear();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Stage stage(Stage next) {
        return (e, w) -> {
            boolean pass;
            try {
                pass = admit((T) e, w);
            } catch (RuntimeException ex) {
                throw failure(ex);
            }
            if (pass) {
                next.accept(e, w);
            }
        };
    }

    /** True if fewer than k copies before {@code row} in its group came by in this pass; then records it. */
    private boolean admit(T row, long w) {
        AppendOnlyRows.checkWeight(row, w);
        int l = listOfKey.getIfAbsentPut(group.applyAsLong(row), candidates.lists());
        if (l == candidates.lists()) {
            candidates.open();
        }
        return candidates.admit(l, row, w);
    }

    @Override
    public boolean isLinear() {
        return false;
    }

    @Override
    public boolean keepsAppendOnly() {
        return true;
    }
}
