package org.jdbsp.circuit;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A chain of {@link ElementwiseNode}s run as one pass: each input element goes through every stage and only
 * the last stage writes a Z-set. Built by the scheduler, never by users. Cost: O(|input|) per tick.
 */
final class FusedNode extends Node {
    private final Stream<?> in;
    private final Stream<Object> out;
    private final ElementwiseNode.Collector collector = new ElementwiseNode.Collector();
    private final Pipeline pipeline;

    @SuppressWarnings("unchecked")
    FusedNode(List<ElementwiseNode<?, ?>> chain) {
        super("fused", List.of(chain.get(0).in()), chain.get(chain.size() - 1).out());
        this.in = chain.get(0).in();
        this.out = (Stream<Object>) chain.get(chain.size() - 1).out();
        this.pipeline = new Pipeline(chain, collector);
        // named after its operators, so that a failure no stage claims (an overflow where the chain's last
        // stage adds to the output) still names them
        setName(describe());
    }

    String describe() {
        return Arrays.stream(pipeline.nodes()).map(Node::name).collect(Collectors.joining(" -> ", "fused[", "]"));
    }

    @Override
    protected void eval() {
        out.publish(collector.run(in.value(), pipeline));
    }

    @Override
    public boolean isLinear() {
        return pipeline.isLinear();
    }

    /** A chain of elementwise operators keeps nothing between steps. */
    @Override
    public boolean keepsState() {
        return false;
    }
}
