package org.jdbsp.circuit;

import java.util.List;

/**
 * A chain of {@link ElementwiseNode}s' stages ending in a given last stage, as one pass runs it: each pass
 * begins with every operator's {@link ElementwiseNode#beginPass} and ends with every operator's
 * {@link ElementwiseNode#endPass}, first to last, each told the stage its results go to, so that what an
 * operator holds back until the end of the pass still goes through the later stages before they end theirs.
 * Built once per circuit; a pass allocates nothing here. Cost: O(chain length) per pass beyond the stages' own.
 */
final class Pipeline {
    private final ElementwiseNode<?, ?>[] nodes;
    /** {@code nexts[i]}: the stage {@code nodes[i]}'s results go to. */
    private final Stage[] nexts;
    private final Stage first;

    Pipeline(List<? extends ElementwiseNode<?, ?>> chain, Stage last) {
        nodes = chain.toArray(new ElementwiseNode<?, ?>[0]);
        nexts = new Stage[nodes.length];
        Stage s = last;
        for (int i = nodes.length - 1; i >= 0; i--) {
            nexts[i] = s;
            s = nodes[i].stage(s);
        }
        first = s;
    }

    /** The stage that takes the pass's input elements. */
    Stage first() {
        return first;
    }

    void begin() {
        for (ElementwiseNode<?, ?> n : nodes) {
            n.beginPass();
        }
    }

    void end() {
        for (int i = 0; i < nodes.length; i++) {
            nodes[i].endPass(nexts[i]);
        }
    }

    /** True if the chain has no operator: the pass goes straight to the last stage. */
    boolean isEmpty() {
        return nodes.length == 0;
    }

    /** True if every operator of the chain is linear. */
    boolean isLinear() {
        for (ElementwiseNode<?, ?> n : nodes) {
            if (!n.isLinear()) {
                return false;
            }
        }
        return true;
    }

    ElementwiseNode<?, ?>[] nodes() {
        return nodes.clone();
    }
}
