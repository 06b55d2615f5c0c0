package org.jdbsp.circuit;

import java.util.List;
import org.jdbsp.zset.ZSet;

/**
 * A linear, stateless operator that handles each input element on its own (map, filter, flatMap, projection).
 * It describes itself as a {@link Stage}; the scheduler fuses chains of such operators into one
 * {@link FusedNode} that makes a single pass over the input with no intermediate Z-set.
 * Cost: O(|input|) per tick, no state.
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

    @Override
    protected void eval() {
        if (pipeline == null) {
            collector = new Collector();
            pipeline = stage(collector);
        }
        out.publish(collector.run(in.value(), pipeline));
    }

    @Override
    public final boolean isLinear() {
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
