package org.jdbsp.circuit;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A chain of {@link ElementwiseNode}s run as one pass: each input element goes through every stage and only
 * the last stage writes a Z-set. Built by the scheduler, never by users. Cost: O(|input|) per tick.
 */
final class FusedNode extends Node {
    /** The fused operators, first to last; an array, so the per-tick {@code beginPass} calls allocate nothing. */
    private final ElementwiseNode<?, ?>[] nodes;
    private final Stream<?> in;
    private final Stream<Object> out;
    private final ElementwiseNode.Collector collector = new ElementwiseNode.Collector();
    private final Stage pipeline;

    @SuppressWarnings("unchecked")
    FusedNode(List<ElementwiseNode<?, ?>> chain) {
        super("fused", List.of(chain.get(0).in()), chain.get(chain.size() - 1).out());
        this.nodes = chain.toArray(new ElementwiseNode<?, ?>[0]);
        this.in = chain.get(0).in();
        this.out = (Stream<Object>) chain.get(chain.size() - 1).out();
        Stage s = collector;
        for (int i = chain.size() - 1; i >= 0; i--) {
            s = chain.get(i).stage(s);
        }
        pipeline = s;
    }

    String describe() {
        return Arrays.stream(nodes).map(Node::name).collect(Collectors.joining(" -> ", "fused[", "]"));
    }

    @Override
    protected void eval() {
        for (ElementwiseNode<?, ?> n : nodes) {
            n.beginPass();
        }
        out.publish(collector.run(in.value(), pipeline));
    }

    @Override
    public boolean isLinear() {
        for (ElementwiseNode<?, ?> n : nodes) {
            if (!n.isLinear()) {
                return false;
            }
        }
        return true;
    }
}
