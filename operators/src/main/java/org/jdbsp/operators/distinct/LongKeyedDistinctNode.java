package org.jdbsp.operators.distinct;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.circuit.state.Placement;
import org.jdbsp.circuit.state.Repartitionable;
import org.jdbsp.circuit.state.StateReader;
import org.jdbsp.circuit.state.StateWriter;
import org.jdbsp.zset.ZSet;

/**
 * Incremental distinct ({@link DistinctNode}'s rule) whose integral is kept by a primitive code of each element,
 * one {@code long} or a pair of them, that identifies it: the state is a {@link CodeWeights} table with no object
 * per element, so a large state costs the collector nothing to trace or copy, and the table grows gradually (no
 * step rehashes it whole). eval adds each element's weight to the integral under its code, in one probe, and
 * publishes the elements whose distinct weight changes; rollback takes the step back. Cost per tick: one or two
 * code calls and one probe per element of the change; state 16 (or 24) bytes per table slot, 1.4 to 2.9 slots per
 * element of the integral.
 */
final class LongKeyedDistinctNode<T> extends Node implements Repartitionable {
    private final Stream<T> in;
    private final Stream<T> out;
    private final ToLongFunction<? super T> first;
    /** The second long of a pair code, or null for single codes. */
    private final ToLongFunction<? super T> second;
    private final CodeWeights integral;

    /** The change of the step being evaluated, by code, for rollback (arrays reused across steps). */
    private long[] stepFirst = new long[16];
    private long[] stepSecond = new long[16];
    private long[] stepWeight = new long[16];
    private int stepCount;

    /** Elements per chunk of eval: their probes' cache lines are loaded together. */
    static final int CHUNK = 64;
    /** The change's slots and codes (two longs each) of the chunk being added, reused. */
    private final int[] chunkSlots = new int[CHUNK];
    private final long[] chunkCodes = new long[2 * CHUNK];
    /** The size of the last step's output. */
    private int lastOutputSize;
    /** What the touches read, kept so that the compiler cannot drop the loads. */
    private long touchSink;

    LongKeyedDistinctNode(Stream<T> in, Stream<T> out, ToLongFunction<? super T> first,
                          ToLongFunction<? super T> second) {
        super("distinct", List.of(in), out);
        this.in = in;
        this.out = out;
        this.first = first;
        this.second = second;
        this.integral = new CodeWeights(second != null);
    }

    /** The hash an exchange routes a code by (equal codes, equal hashes). */
    static int shardHash(long first) {
        return Long.hashCode(first);
    }

    /** The hash an exchange routes a pair code by. */
    static int shardHash(long first, long second) {
        return Long.hashCode(first * 0x9E3779B97F4A7C15L + second);
    }

    /**
     * Adds each element's code and weight to the integral as it goes (one probe per element) and remembers them, so
     * that a failed step is taken back. The change is taken in chunks of {@value #CHUNK} elements: their codes are
     * computed and the table slots they will probe are read first ({@link CodeWeights#touch}), loads that do not
     * wait for each other, so the chunk's cache and TLB misses overlap instead of costing one memory latency per
     * element in turn; then the chunk is added in order.
     */
    @Override
    protected void eval() {
        ZSet<T> d = in.value();
        ZSet<T> result = new ZSet<>(lastOutputSize); // sized like the last step's, not grown step by step
        stepCount = 0;
        int[] slots = chunkSlots;
        long[] codes = chunkCodes;
        long touched = 0;
        int s = d.nextSlot(0);
        while (s >= 0) {
            int n = 0;
            for (; s >= 0 && n < CHUNK; s = d.nextSlot(s + 1)) {
                T x = d.elementAt(s);
                long a = first.applyAsLong(x);
                long b = second == null ? 0 : second.applyAsLong(x);
                slots[n] = s;
                codes[2 * n] = a;
                codes[2 * n + 1] = b;
                touched += integral.touch(a, b);
                n++;
            }
            for (int k = 0; k < n; k++) {
                T x = d.elementAt(slots[k]);
                long w = d.weightAt(slots[k]);
                long a = codes[2 * k];
                long b = codes[2 * k + 1];
                long old = integral.add(a, b, w, x);
                int z = DistinctNode.dist(old + w) - DistinctNode.dist(old);
                if (z != 0) {
                    result.add(x, z);
                }
                int m = stepCount;
                if (m == stepFirst.length) {
                    stepFirst = Arrays.copyOf(stepFirst, m * 2);
                    stepSecond = Arrays.copyOf(stepSecond, m * 2);
                    stepWeight = Arrays.copyOf(stepWeight, m * 2);
                }
                stepFirst[m] = a;
                stepSecond[m] = b;
                stepWeight[m] = w;
                stepCount = m + 1;
            }
        }
        touchSink = touched;
        lastOutputSize = result.size();
        out.publish(result);
    }

    @Override
    protected void commit() {
        stepCount = 0;
    }

    /** Takes back what eval added. */
    @Override
    protected void rollback() {
        for (int i = stepCount - 1; i >= 0; i--) {
            integral.add(stepFirst[i], stepSecond[i], -stepWeight[i], null);
        }
        stepCount = 0;
    }

    @Override
    public long stateRows() {
        return integral.size();
    }

    /** The integral: its size, then each code (one or two signed longs) with its weight. */
    @Override
    public void writeState(StateWriter out) {
        out.writeVarLong(integral.size());
        for (int i = integral.next(0); i >= 0; i = integral.next(i + 1)) {
            out.writeSignedVarLong(integral.firstAt(i));
            if (second != null) {
                out.writeSignedVarLong(integral.secondAt(i));
            }
            out.writeSignedVarLong(integral.weightAt(i));
        }
    }

    @Override
    public void readState(StateReader in, Placement placement) {
        int n = in.readSize();
        for (int i = 0; i < n; i++) {
            long a = in.readSignedVarLong();
            long b = second == null ? 0 : in.readSignedVarLong();
            long w = in.readSignedVarLong();
            if (placement.owns(second == null ? shardHash(a) : shardHash(a, b))) {
                integral.add(a, b, w, "a checkpointed element");
            }
        }
    }
}
