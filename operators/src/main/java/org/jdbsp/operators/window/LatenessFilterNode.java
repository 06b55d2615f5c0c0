package org.jdbsp.operators.window;

import java.util.List;
import java.util.function.ToLongFunction;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.circuit.state.Checkpointable;
import org.jdbsp.circuit.state.StateReader;
import org.jdbsp.circuit.state.StateWriter;
import org.jdbsp.operators.spi.Checked;
import org.jdbsp.zset.ZSet;

/**
 * Incremental lateness filter: forwards the changes whose time is at least the watermark at the start of the
 * step, counts the others; on commit advances the watermark. No state besides the watermark; O(|change|).
 */
final class LatenessFilterNode<T> extends Node implements Checkpointable {
    private final Stream<T> in;
    private final Stream<T> out;
    private final ToLongFunction<? super T> time;
    private final Watermark watermark;
    private long pendingMax = Long.MIN_VALUE;
    private long pendingLate;

    LatenessFilterNode(Stream<T> in, Stream<T> out, ToLongFunction<? super T> time, Watermark watermark) {
        super("lateness", List.of(in), out);
        this.in = in;
        this.out = out;
        this.time = time;
        this.watermark = watermark;
    }

    @Override
    protected void eval() {
        out.publish(filter(in.value()));
    }

    /** Filters one change against the current watermark; remembers the max accepted insertion time and the
     * late count for commit. Naive mode runs the same node on changes too. */
    ZSet<T> filter(ZSet<T> change) {
        long w = watermark.current();
        long max = Long.MIN_VALUE;
        long late = 0;
        ZSet<T> accepted = new ZSet<>();
        try {
            for (int s = change.nextSlot(0); s >= 0; s = change.nextSlot(s + 1)) {
                T row = change.elementAt(s);
                long weight = change.weightAt(s);
                long t = time.applyAsLong(row);
                if (t < w) {
                    late = Checked.add(late, weight < 0 ? -weight : weight, row);
                } else {
                    accepted.add(row, weight);
                    if (weight > 0 && t > max) {
                        max = t;
                    }
                }
            }
        } catch (RuntimeException e) {
            throw failure(e);
        }
        pendingMax = max;
        pendingLate = late;
        return accepted;
    }

    @Override
    protected void commit() {
        watermark.commit(pendingMax, pendingLate);
        pendingMax = Long.MIN_VALUE;
        pendingLate = 0;
    }

    @Override
    protected void rollback() {
        pendingMax = Long.MIN_VALUE;
        pendingLate = 0;
    }

    /** The watermark and its late count (every worker's filter writes the one shared watermark). */
    @Override
    public void writeState(StateWriter out) {
        out.writeLong(watermark.current());
        out.writeVarLong(watermark.lateRecords());
    }

    @Override
    public void readState(StateReader in) {
        watermark.restore(in.readLong(), in.readVarLong());
    }

    /** The watermark is one object all replicas share: every saved worker wrote the same values. */
    @Override
    public boolean repartitions() {
        return true;
    }

    @Override
    public void readState(StateReader in, org.jdbsp.circuit.state.Placement placement) {
        readState(in);
    }
}
