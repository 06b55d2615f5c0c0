package org.jdbsp.circuit;

import java.util.List;
import org.jdbsp.zset.ZSet;

/**
 * An operator that handles each input element as it comes, in one pass over the tick's change (map, filter,
 * flatMap, projection). It describes itself as a {@link Stage}; the scheduler fuses chains of such operators
 * into one {@link FusedNode} that makes a single pass over the input with no intermediate Z-set, and an
 * exchange right after an input runs the chain itself. Most are linear and stateless; one may keep scratch
 * state within a pass (reset in {@link #beginPass}), and is then not linear (a per-step pre-filter).
 * Cost: O(|input|) per tick, no state between ticks.
 *
 * @param <I> input element type
 * @param <O> output element type
 */
public abstract class ElementwiseNode<I, O> extends Node {
    private final Stream<I> in;
    private final Stream<O> out;
    private Collector collector;
    private Stage pipeline;

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

    @Override
    protected void eval() {
        if (pipeline == null) {
            collector = new Collector();
            pipeline = stage(collector);
        }
        beginPass();
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

        @SuppressWarnings({"unchecked", "rawtypes"})
        <T> ZSet<T> run(ZSet<?> input, Stage first) {
            ZSet<Object> result = new ZSet<>();
            target = result;
            for (int s = input.nextSlot(0); s >= 0; s = input.nextSlot(s + 1)) {
                first.accept(input.elementAt(s), input.weightAt(s));
            }
            target = null;
            return (ZSet) result;
        }

        @Override
        public void accept(Object element, long weight) {
            target.add(element, weight);
        }
    }
}
