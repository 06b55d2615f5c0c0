package org.jdbsp.circuit;

import java.util.List;
import org.jdbsp.zset.ZSet;

/**
 * An operator that handles each input element as it comes, in one pass over the tick's change (map, filter,
 * flatMap, projection). It describes itself as a {@link Stage}; the scheduler fuses chains of such operators
 * into one {@link FusedNode} that makes a single pass over the input with no intermediate Z-set, and an
 * exchange right after an input runs the chain itself. Most are linear and stateless; one may keep scratch
 * state within a pass (reset in {@link #beginPass}, and possibly held-back rows pushed on in {@link #endPass}),
 * and is then not linear (a per-step pre-filter or combiner). Cost: O(|input|) per tick, no state between
 * ticks.
 *
 * @param <I> input element type
 * @param <O> output element type
 */
public abstract class ElementwiseNode<I, O> extends Node {
    private final Stream<I> in;
    private final Stream<O> out;
    private Collector collector;
    private Pipeline pipeline;

    protected ElementwiseNode(String kind, Stream<I> in, Stream<O> out) {
        super(kind, List.of(in), out);
        this.in = in;
        this.out = out;
    }

    /**
     * A stage that applies this operator to one element and pushes the results, with their weights, to
     * {@code next}. Exceptions from user functions should be wrapped with {@link #failure}.
     */
    public abstract Stage stage(Stage next);

    Stream<I> in() {
        return in;
    }

    Stream<O> out() {
        return out;
    }

    /**
     * Called before each pass of a tick's elements through a pipeline holding this operator's stage (its own
     * node, a fused chain, or an exchange running the chain over an input's change), on the thread that runs
     * the pass. A stage that keeps scratch state within a pass resets it here; the default does nothing.
     */
    protected void beginPass() {
    }

    /**
     * Called after each pass begun by {@link #beginPass}, on the same thread, with the stage this operator's
     * results go to in that pipeline (the same {@code next} it built a stage for). A stage that holds rows back
     * until the pass has seen every element (a per-pass combiner) pushes them to {@code next} here, wrapping
     * user-function failures with {@link #failure}; the default does nothing. Not called if the pass failed.
     */
    protected void endPass(Stage next) {
    }

    @Override
    protected void eval() {
        if (pipeline == null) {
            collector = new Collector();
            pipeline = new Pipeline(List.of(this), collector);
        }
        out.publish(collector.run(in.value(), pipeline));
    }

    /** True unless the stage keeps state within a pass (see {@link #beginPass}). */
    @Override
    public boolean isLinear() {
        return true;
    }

    /** The last stage of a pipeline: adds into this tick's output Z-set. */
    static final class Collector implements Stage {
        private ZSet<Object> target;
        /** The size of the last output, to presize the next. */
        private int lastSize;

        @SuppressWarnings({"unchecked", "rawtypes"})
        <T> ZSet<T> run(ZSet<?> input, Pipeline pipeline) {
            // presized like this stage's last output, not its input: a selective filter does not get a table
            // sized for its input
            ZSet<Object> result = ZSet.sizedLike(lastSize);
            target = result;
            try {
                pipeline.begin();
                Stage first = pipeline.first();
                for (int s = input.nextSlot(0); s >= 0; s = input.nextSlot(s + 1)) {
                    first.accept(input.elementAt(s), input.weightAt(s));
                }
                pipeline.end();
            } finally {
                target = null;
            }
            lastSize = result.size();
            return (ZSet) result;
        }

        @Override
        public void accept(Object element, long weight) {
            target.add(element, weight);
        }
    }

    /** An elementwise operator decides each step from that step's rows: nothing is kept between steps. */
    @Override
    public boolean keepsState() {
        return false;
    }
}
