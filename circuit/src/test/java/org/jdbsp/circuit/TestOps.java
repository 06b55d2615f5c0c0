package org.jdbsp.circuit;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jdbsp.zset.ZSet;

/** Minimal map/filter operators for testing the engine without the operator library (also used by runtime tests). */
public final class TestOps {
    private TestOps() {
    }

    public static <I, O> Stream<O> map(Stream<I> in, Function<I, O> f) {
        CircuitBuilder c = in.circuit();
        Stream<O> out = c.newStream("map");
        c.addNode(new ElementwiseNode<I, O>("map", in, out) {
            @Override
            @SuppressWarnings("unchecked")
            public Stage stage(Stage next) {
                return (e, w) -> {
                    O o;
                    try {
                        o = f.apply((I) e);
                    } catch (RuntimeException ex) {
                        throw failure(ex);
                    }
                    next.accept(o, w);
                };
            }
        });
        return out;
    }

    public static <T> Stream<T> filter(Stream<T> in, Predicate<T> p) {
        CircuitBuilder c = in.circuit();
        Stream<T> out = c.newStream("filter");
        c.addNode(new ElementwiseNode<T, T>("filter", in, out) {
            @Override
            @SuppressWarnings("unchecked")
            public Stage stage(Stage next) {
                return (e, w) -> {
                    if (p.test((T) e)) {
                        next.accept(e, w);
                    }
                };
            }
        });
        return out;
    }

    /** Naive-only distinct for nested tests: keeps no history, so it is rejected inside incremental recursion. */
    static <T> Stream<T> naiveDistinct(Stream<T> in) {
        CircuitBuilder c = in.circuit();
        Stream<T> out = c.newStream("distinct");
        c.addNode(new Node("distinct", List.of(in), out) {
            @Override
            protected void eval() {
                ZSet<T> v = in.value();
                out.publish(v.distinct());
            }
        });
        return out;
    }
}
