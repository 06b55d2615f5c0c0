package org.jdbsp.operators;

import java.util.List;
import java.util.function.ToLongFunction;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.ZSet;

/**
 * Naive-mode lateness filter. Lateness depends on arrival order, so even the reference keeps state: the
 * previous input snapshot (to recover this step's change) and the accepted snapshot. Each tick it filters
 * the change (input snapshot minus the previous one) exactly as the incremental filter does and publishes
 * the accepted snapshot plus the accepted change, i.e. the integral of the accepted changes.
 * Cost O(|snapshot|) per tick; state: two snapshots.
 */
final class LatenessNaiveFilterNode<T> extends LatenessFilterNode<T> {
    private final Stream<T> in;
    private final Stream<T> out;
    private ZSet<T> previousInput = new ZSet<>();
    private ZSet<T> accepted = new ZSet<>();
    private ZSet<T> nextInput;
    private ZSet<T> nextAccepted;

    LatenessNaiveFilterNode(Stream<T> in, Stream<T> out, ToLongFunction<? super T> time, Watermark watermark) {
        super(in, out, time, watermark);
        this.in = in;
        this.out = out;
    }

    @Override
    protected void eval() {
        ZSet<T> snapshot = in.value();
        ZSet<T> change = snapshot.minus(previousInput);
        ZSet<T> ok = filter(change);
        nextInput = snapshot;
        nextAccepted = ok.isEmpty() ? accepted : accepted.plus(ok);
        out.publish(nextAccepted);
    }

    @Override
    protected void commit() {
        super.commit();
        previousInput = nextInput;
        accepted = nextAccepted;
        nextInput = null;
        nextAccepted = null;
    }

    @Override
    protected void rollback() {
        super.rollback();
        nextInput = null;
        nextAccepted = null;
    }

    @Override
    public long stateRows() {
        return previousInput.size() + accepted.size();
    }
}
