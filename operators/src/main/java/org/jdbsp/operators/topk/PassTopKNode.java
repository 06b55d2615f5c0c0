package org.jdbsp.operators.topk;

import java.util.Comparator;
import org.jdbsp.circuit.Stage;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.spi.KeySpace;
import org.jdbsp.operators.spi.PassCombinerNode;
import org.jdbsp.operators.spi.RowKey;

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
 * <p>State: per group of the pass, its top-k candidates, numbered by the group's id in a key space cleared at each
 * pass ({@link #beginPass}, O(groups of the last pass)), so nothing is kept between steps. One algorithm for every
 * key type ({@link RowKey}). Cost per row: the group key (user function) and one key lookup, then one comparison to
 * drop it behind k copies, or O(k) comparisons and moves to record it; O(candidates) at the end of the pass.
 * Not linear (what it passes depends on the pass), so it is kept out of recursion. A negative weight (the
 * stream was not append-only after all) or a null group key fails the step.
 */
final class PassTopKNode<T> extends PassCombinerNode<T, T> {
    /** This pass's groups: a group's key id is the number of its candidate list. */
    private final RowKey<T> group;
    private final KeySpace space;
    private final TopKCandidates<T> candidates;

    PassTopKNode(Stream<T> in, Stream<T> out, RowKey<T> group, Comparator<? super T> order, int k) {
        super("local top-k (per pass)", in, out);
        this.group = group;
        this.space = group.space();
        this.candidates = new TopKCandidates<>(order, k);
    }

    @Override
    protected void beginPass() {
        if (candidates.lists() == 0 && space.size() == 0) {
            return;
        }
        space.clear();
        candidates.clear();
    }

    @Override
    protected void admit(T row, long w) {
        int l = group.id(row); // ids of a space cleared every pass are 0, 1, 2, ... in order of first sight
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
}
