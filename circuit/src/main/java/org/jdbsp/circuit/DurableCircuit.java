package org.jdbsp.circuit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jdbsp.circuit.state.CheckpointException;
import org.jdbsp.circuit.state.Journal;
import org.jdbsp.circuit.state.RowCodecs;
import org.jdbsp.circuit.state.StateReader;
import org.jdbsp.zset.ZSet;

/**
 * A circuit that survives a crash: every step's input is appended to a journal and forced to disk before the step
 * runs, {@link #checkpoint()} saves the state ({@link CheckpointStore}), and {@link #open} rebuilds the circuit,
 * restores the last checkpoint and replays the journal after it, so nothing accepted is lost and nothing is applied
 * twice. Steps are numbered ({@link #stepCount()} after a step is its number), and every step, replayed or not,
 * is handed to the {@link StepListener} with its number: a consumer that remembers the last step it took drops
 * the replayed ones it already has, which makes the outputs exactly-once.
 * <pre>{@code
 * DurableCircuit c = DurableCircuit.open(Path.of("state"), MyQuery::build, (step, circuit) -> publish(step, circuit));
 * c.input("orders", Order.class).insert(o);   // input of step c.stepCount() + 1
 * c.step();                                    // journaled, then run; the listener sees it
 * c.checkpoint();                              // now and then: the journal restarts after it
 * }</pre>
 *
 * <p>Layout: {@code checkpoints/} (see {@link CheckpointStore}) and {@code journal/}, segments starting at a
 * checkpoint; a checkpoint deletes the segments older than the oldest checkpoint kept. Input pushed but not yet
 * stepped is not durable: a source re-sends what no completed step took. Cost per step: the input written once
 * and one {@code fdatasync}; per checkpoint, O(state). Not thread-safe, like the circuit it wraps.
 */
public final class DurableCircuit implements CircuitRuntime {
    /** Sees every step once it is complete (or replayed on open): its number and the circuit to read outputs. */
    @FunctionalInterface
    public interface StepListener {
        void afterStep(long step, CircuitRuntime circuit);
    }

    /** What {@link #open} did: the checkpoint restored (if any), the steps replayed, what was cut or skipped. */
    public record Recovery(CheckpointStore.Restored restored, long replayedFrom, long replayedSteps,
                           List<String> notes) {
    }

    private final CircuitRuntime circuit;
    private final CheckpointStore store;
    private final Journal journal;
    private final StepListener listener;
    private final Map<String, InputFront<?>> fronts;
    private final Recovery recovery;

    private DurableCircuit(CircuitRuntime circuit, CheckpointStore store, Journal journal, StepListener listener,
                           Recovery recovery) {
        this.circuit = circuit;
        this.store = store;
        this.journal = journal;
        this.listener = listener;
        this.fronts = new TreeMap<>(replicaZero(circuit).fronts());
        this.recovery = recovery;
    }

    /** As {@link #open(Path, Supplier, StepListener, RowCodecs, int)} with the standard codecs, keeping 3. */
    public static DurableCircuit open(Path dir, Supplier<? extends CircuitRuntime> build, StepListener listener) {
        return open(dir, build, listener, RowCodecs.standard(), 3);
    }

    /**
     * Builds the circuit with {@code build} (which must build the same circuit every time, on any worker count: the
     * state is re-partitioned), restores the last usable checkpoint in {@code dir} and replays the journaled steps
     * after it, each handed to {@code listener}; a fresh {@code dir} gives a fresh circuit.
     *
     * @throws CheckpointException if the checkpoints belong to another circuit, or the journal is damaged before its
     *                             end or misses steps
     */
    public static DurableCircuit open(Path dir, Supplier<? extends CircuitRuntime> build, StepListener listener,
                                      RowCodecs codecs, int keep) {
        CircuitRuntime c = build.get();
        CheckpointStore store = CheckpointStore.open(dir.resolve("checkpoints")).keep(keep).codecs(codecs);
        CheckpointStore.Restored restored = store.restore(c).orElse(null);
        long base = c.stepCount();
        Journal journal = Journal.open(dir.resolve("journal"), codecs, base);
        List<String> notes = new ArrayList<>(restored == null ? List.of() : restored.skipped());
        Map<String, InputFront<?>> fronts = new TreeMap<>(replicaZero(c).fronts());
        long replayed = journal.replaySteps(base, in -> {
            readInputs(in, fronts);
            try {
                c.step();
            } catch (RuntimeException failed) {
                return failed.getMessage() + "; its input is pending"; // as it stayed pending before the crash
            }
            if (listener != null) {
                listener.afterStep(c.stepCount(), c);
            }
            return null;
        }, notes);
        return new DurableCircuit(c, store, journal, listener,
                new Recovery(restored, base + 1, replayed, List.copyOf(notes)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void readInputs(StateReader in, Map<String, InputFront<?>> fronts) {
        int n = in.readSize();
        for (int i = 0; i < n; i++) {
            String name = in.readString();
            InputFront f = fronts.get(name);
            if (f == null) {
                throw in.corrupt("a change of input '" + name + "', which this circuit does not have");
            }
            ZSet z = in.readZSet();
            f.replay(z);
        }
        if (!in.atEnd()) {
            throw in.corrupt("bytes after the inputs");
        }
    }

    private static Circuit replicaZero(CircuitRuntime c) {
        if (c instanceof Circuit x) {
            return x;
        }
        if (c instanceof WorkerCircuit<?> w) {
            return w.replicas().get(0);
        }
        throw new IllegalArgumentException("a durable circuit wraps a Circuit or a WorkerCircuit, not a "
                + (c == null ? "null" : c.getClass().getName()));
    }

    /** What {@link #open} restored and replayed. */
    public Recovery recovery() {
        return recovery;
    }

    /** The circuit this wraps (push to its inputs through this object or through it alike). */
    public CircuitRuntime circuit() {
        return circuit;
    }

    /**
     * Appends this step's input to the journal (forced to disk), then runs the step and hands it to the listener. A
     * step that fails leaves its record in the journal, superseded by the next attempt's.
     */
    @Override
    public void step() {
        if (circuit.isClosed()) {
            throw new IllegalStateException("step() on a closed circuit");
        }
        long step = circuit.stepCount() + 1;
        journal.append(step, out -> {
            int n = 0;
            for (InputFront<?> f : fronts.values()) {
                n += f.hasPending() ? 1 : 0;
            }
            out.writeVarLong(n);
            for (InputFront<?> f : fronts.values()) {
                if (f.hasPending()) {
                    out.writeString(f.name);
                    f.writePending(out);
                }
            }
        });
        circuit.step();
        if (listener != null) {
            listener.afterStep(circuit.stepCount(), circuit);
        }
    }

    /** Saves a checkpoint after the last step and restarts the journal after it. */
    public CheckpointStore.Saved checkpoint() {
        CheckpointStore.Saved saved = store.save(circuit);
        journal.rotate(saved.step(), store.oldestStep());
        return saved;
    }

    // ---- the circuit's own calls -------------------------------------------------------------------------------

    @Override
    public Input<?> input(String name) {
        return circuit.input(name);
    }

    @Override
    public <T> Input<T> input(String name, Class<T> rowType) {
        return circuit.input(name, rowType);
    }

    @Override
    public <K, T> KeyedInputHandle<K, T> keyedInput(String name, Class<K> keyType, Class<T> rowType) {
        return circuit.keyedInput(name, keyType, rowType);
    }

    @Override
    public Output<?> output(String name) {
        return circuit.output(name);
    }

    @Override
    public <T> Output<T> output(String name, Class<T> rowType) {
        return circuit.output(name, rowType);
    }

    @Override
    public long stepCount() {
        return circuit.stepCount();
    }

    @Override
    public long stateRows() {
        return circuit.stateRows();
    }

    @Override
    public List<String> schedule() {
        return circuit.schedule();
    }

    @Override
    public void profile(boolean on) {
        circuit.profile(on);
    }

    @Override
    public OperatorProfile profile() {
        return circuit.profile();
    }

    @Override
    public int workers() {
        return circuit.workers();
    }

    /** Closes the circuit and the journal. */
    @Override
    public void close() {
        circuit.close();
        journal.close();
    }

    @Override
    public boolean isClosed() {
        return circuit.isClosed();
    }
}
