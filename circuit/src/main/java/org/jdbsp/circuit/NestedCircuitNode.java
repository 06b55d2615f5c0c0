package org.jdbsp.circuit;

import java.util.ArrayList;
import java.util.List;
import org.jdbsp.circuit.state.Checkpointable;
import org.jdbsp.circuit.state.StateReader;
import org.jdbsp.circuit.state.StateWriter;
import org.jdbsp.zset.ZSet;

/**
 * A recursive view: a nested circuit run to a fixed point inside one tick of its parent.
 *
 * <p>Incremental mode (DBSP's nested incremental evaluation): the inner streams carry two-dimensional changes
 * {@code x(t, i)}; parent streams enter as {@code delta0}; the stateful inner operators keep per-iteration
 * history ({@link NestedState}), so an outer change costs work proportional to what it changes in the fixed
 * point. The loop runs until every inner stream is empty at an iteration past the deepest iteration any
 * earlier tick reached; the output is the sum of the body's changes over the iterations.
 *
 * <p>Naive mode: the fixed point is recomputed from the empty set at every tick by plain iteration
 * {@code X(i+1) = body(X(i))} until {@code X(i+1) = X(i)}.
 *
 * <p>In a multi-worker circuit every worker runs its replica of the loop and the stop decision is global (an
 * all-reduce OR through the workers' barrier at each iteration), so all workers run the same iterations and
 * the exchanges inside the loop stay in step.
 *
 * <p>A loop that does not converge within {@link #MAX_ITERATIONS} iterations fails the step.
 */
final class NestedCircuitNode<T> extends Node implements Checkpointable {
    static final int MAX_ITERATIONS = 1_000_000;

    private final NestedScope scope;
    private final Node[] inner;
    private final List<NestedState> stateful = new ArrayList<>();
    private final Stream<T> bodyOut;
    private final Stream<T> out;
    private final boolean naive;
    private final WorkerBarrier barrier;
    private final int workerIndex;
    private int deepestIteration = -1;
    private int deepestThisTick = -1;

    private NestedCircuitNode(String name, List<Stream<?>> entered, Stream<T> out, NestedScope scope,
                              Schedule schedule, Stream<T> bodyOut, boolean naive, WorkerContext worker) {
        super("recursive:" + name, entered, out);
        this.scope = scope;
        this.inner = schedule.nodes().toArray(new Node[0]);
        for (Node n : inner) {
            if (n instanceof NestedState) {
                stateful.add((NestedState) n);
            }
        }
        this.bodyOut = bodyOut;
        this.out = out;
        this.naive = naive;
        this.barrier = worker != null && worker.workers() > 1 ? worker.barrier() : null;
        this.workerIndex = worker != null ? worker.index : 0;
    }

    static <T> Stream<T> wire(CircuitBuilder parent, String name, RecursiveBody<T> body) {
        NestedScope scope = new NestedScope(parent);
        CircuitBuilder inner = new CircuitBuilder(parent.mode(), scope, parent.workerContext());
        Feedback<T> self = inner.feedback(name + ".self");
        Stream<T> result = body.define(inner, self.stream());
        inner.checkOwns(result, "recursive '" + name + "' result");
        self.connect(result);
        Schedule schedule = inner.finish();
        for (Node n : schedule.nodes()) {
            if (!parent.isNaive() && !n.isLinear() && !(n instanceof NestedState)) {
                throw new CircuitWiringException("recursive '" + name + "': operator " + n.name()
                        + " cannot run inside a recursive circuit (it keeps no per-iteration history)");
            }
        }
        Stream<T> out = parent.newStream("recursive");
        parent.addNode(new NestedCircuitNode<>(name, scope.entered, out, scope, schedule, result,
                parent.isNaive(), parent.workerContext()));
        return out;
    }

    @Override
    protected void eval() {
        for (NestedState s : stateful) {
            s.beginOuterTick();
        }
        ZSet<T> sum = new ZSet<>();
        ZSet<T> previous = null;
        deepestThisTick = -1;
        for (int i = 0; ; i++) {
            if (i >= MAX_ITERATIONS) {
                throw new IllegalStateException("no fixed point after " + MAX_ITERATIONS + " iterations");
            }
            scope.iteration = i;
            boolean anyChange = false;
            for (Node n : inner) {
                try {
                    n.eval();
                } catch (RuntimeException e) {
                    for (Node m : inner) {
                        m.rollback();
                    }
                    if (Schedule.isPeerFailure(e)) {
                        throw new PeerFailedException();
                    }
                    throw e instanceof OperatorFailedException ? e : new OperatorFailedException(n.name(), e);
                }
                Stream<?> o = n.output();
                if (o != null && o.value() != null && !o.value().isEmpty()) {
                    anyChange = true;
                }
            }
            for (Node n : inner) {
                n.commit();
            }
            ZSet<T> r = bodyOut.value();
            boolean more;
            if (naive) {
                more = !r.equals(previous);
                previous = r;
            } else {
                if (anyChange) {
                    deepestThisTick = i;
                }
                sum.addAll(r);
                more = anyChange || i <= deepestIteration;
            }
            if (barrier != null) {
                // with several workers (and exchanges inside the loop) all must run the same iterations:
                // continue while any worker must
                more = barrier.awaitOr(workerIndex, more);
            }
            if (!more) {
                out.publish(naive ? r : sum);
                return;
            }
        }
    }

    @Override
    protected void commit() {
        for (NestedState s : stateful) {
            s.commitOuterTick();
        }
        deepestIteration = Math.max(deepestIteration, deepestThisTick);
    }

    @Override
    protected void rollback() {
        for (NestedState s : stateful) {
            s.rollbackOuterTick();
        }
    }

    @Override
    public long stateRows() {
        long n = 0;
        for (Node node : inner) {
            n += node.stateRows();
        }
        return n;
    }

    /** The inner operators whose state outlives an outer tick (the histories) must save it. */
    @Override
    public String checkpointUnsupported() {
        for (Node n : inner) {
            if (n.keepsState() && !(n instanceof Checkpointable)) {
                return "its operator " + n.name() + " (" + n.kind() + ") keeps state that checkpoints cannot save yet";
            }
        }
        return null;
    }

    /** Every inner operator's state that outlives an outer tick, in schedule order. */
    @Override
    public void writeState(StateWriter out) {
        for (Node n : inner) {
            if (n.keepsState()) {
                ((Checkpointable) n).writeState(out);
            }
        }
    }

    @Override
    public void readState(StateReader in) {
        for (Node n : inner) {
            if (n.keepsState()) {
                ((Checkpointable) n).readState(in);
            }
        }
    }
}
