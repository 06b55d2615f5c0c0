package org.jdbsp.operators.distinct;

import java.util.List;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.circuit.state.Repartitionable;
import org.jdbsp.circuit.state.StateReader;
import org.jdbsp.circuit.state.StateWriter;
import org.jdbsp.operators.spi.Checked;
import org.jdbsp.zset.ZSet;

/**
 * Incremental distinct (DBSP's {@code H}): keeps the integrated input; for each element of the change,
 * {@code out[x] = dist(I[x] + d[x]) - dist(I[x])}. eval reads the old integral, commit adds the change into it.
 * Cost O(|change|) per tick; state: one entry per element with non-zero integrated weight.
 */
final class DistinctNode<T> extends Node implements Repartitionable {
    private final Stream<T> in;
    private final Stream<T> out;
    private final ZSet<T> integral = new ZSet<>();
    private ZSet<T> pending;

    DistinctNode(Stream<T> in, Stream<T> out) {
        super("distinct", List.of(in), out);
        this.in = in;
        this.out = out;
    }

    @Override
    protected void eval() {
        ZSet<T> d = in.value();
        ZSet<T> result = new ZSet<>();
        for (int s = d.nextSlot(0); s >= 0; s = d.nextSlot(s + 1)) {
            T x = d.elementAt(s);
            long old = integral.weight(x);
            long now = Checked.add(old, d.weightAt(s), x);
            int z = dist(now) - dist(old);
            if (z != 0) {
                result.add(x, z);
            }
        }
        pending = d;
        out.publish(result);
    }

    static int dist(long w) {
        return w > 0 ? 1 : 0;
    }

    @Override
    protected void commit() {
        if (pending != null) {
            integral.addAll(pending);
            pending = null;
        }
    }

    @Override
    protected void rollback() {
        pending = null;
    }

    @Override
    public long stateRows() {
        return integral.size();
    }

    /** The integrated input. */
    @Override
    public void writeState(StateWriter out) {
        out.writeZSet(integral);
    }



    @Override
    public void readState(StateReader in, org.jdbsp.circuit.state.Placement placement) {
        ZSet<T> z = in.readZSet();
        if (placement.whole()) {
            integral.addAll(z);
            return;
        }
        for (int s = z.nextSlot(0); s >= 0; s = z.nextSlot(s + 1)) {
            if (placement.owns(z.elementAt(s).hashCode())) {
                integral.addHashed(z.elementAt(s), z.hashAt(s), z.weightAt(s));
            }
        }
    }
}
