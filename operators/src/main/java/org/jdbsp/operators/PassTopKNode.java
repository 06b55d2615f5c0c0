package org.jdbsp.operators;

import java.util.Comparator;
import java.util.Objects;
import java.util.function.Function;
import org.eclipse.collections.impl.map.mutable.primitive.ObjectIntHashMap;
import org.jdbsp.circuit.ElementwiseNode;
import org.jdbsp.circuit.Stage;
import org.jdbsp.circuit.Stream;

/**
 * The local phase of local-global top-k over an append-only stream ({@link Stream#isAppendOnly()}), as a
 * combiner: over each pass it collects per group the pass's own top k ({@link TopKCandidates}), passes nothing
 * on while the rows come, and pushes those rows on when the pass ends ({@link #endPass}). Every row it drops
 * has k rows of its pass before it that stay forever (no deletes), so the global top-k over what it passes
 * equals the top-k over everything. Unlike a filter that decides each row as it comes, it also drops a row
 * that a later row of the pass beats, so it cuts a group down to k rows whatever the order of its rows (a
 * group whose rows arrive best-last, such as the latest bid by time, is cut down as well as any other). As an
 * elementwise operator right after an input it runs inside the exchange, on each worker's part of the input's
 * change, before any row is hashed or moved.
 *
 * <p>State: per group of the pass, its top-k candidates; reset at each pass ({@link #beginPass}), so nothing is
 * kept between steps. Cost per row: the group key (user function) and one hash lookup, then one comparison to
 * drop it behind k copies, or O(k) comparisons and moves to record it; O(candidates) at the end of the pass.
 * Not linear (what it passes depends on the pass), so it is kept out of recursion. A negative weight (the
 * stream was not append-only after all) or a null group key fails the step.
 */
final class PassTopKNode<T, K> extends ElementwiseNode<T, T> {
    private final Function<? super T, ? extends K> group;
    /** This pass's groups: key to candidate list. */
    private final ObjectIntHashMap<K> listOfKey = new ObjectIntHashMap<>();
    private final TopKCandidates<T> candidates;

    PassTopKNode(Stream<T> in, Stream<T> out, Function<? super T, ? extends K> group,
                 Comparator<? super T> order, int k) {
        super("local top-k (per pass)", in, out);
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
            try {
                admit((T) e, w);
            } catch (RuntimeException ex) {
                throw failure(ex);
            }
        };
    }

    private void admit(T row, long w) {
        AppendOnlyRows.checkWeight(row, w);
        K key = Objects.requireNonNull(group.apply(row), "top-k group key is null");
        int l = listOfKey.getIfAbsentPut(key, candidates.lists());
        if (l == candidates.lists()) {
            candidates.open();
        }
        candidates.admit(l, row, w);
    }

    @Override
    protected void endPass(Stage next) {
        for (int l = 0, lists = candidates.lists(); l < lists; l++) {
            for (int i = 0, n = candidates.size(l); i < n; i++) {
                next.accept(candidates.row(l, i), candidates.weight(l, i));
            }
        }
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
