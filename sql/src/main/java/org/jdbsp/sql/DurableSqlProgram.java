package org.jdbsp.sql;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdbsp.circuit.CheckpointStore;
import org.jdbsp.circuit.state.CheckpointException;
import org.jdbsp.circuit.state.Journal;
import org.jdbsp.circuit.state.RowCodecs;
import org.jdbsp.sql.runtime.Tuple;
import org.jdbsp.sql.runtime.TupleCodec;

/**
 * A SQL program that survives a crash: each step's table changes are appended to a journal and forced to disk
 * before the step runs, {@link #checkpoint()} saves the tables and the views' state, and {@link #open} compiles
 * the script, restores the last checkpoint and replays the journal after it. Every step, replayed or not, goes to
 * the {@link StepListener} with its number, so a consumer that drops steps it has seen reads each view change
 * once. The definitions are the script's: DDL on the program is refused, and a checkpoint of another script is
 * refused on open.
 * <pre>{@code
 * DurableSqlProgram d = DurableSqlProgram.open(Path.of("state"), ddl, SqlOptions.defaults(),
 *         (step, program) -> publish(step, program.view("revenue").changes()));
 * d.program().table("orders").insert(1, "EU", 30);
 * d.step();
 * d.checkpoint();
 * }</pre>
 * Cost per step: the changes written once and one {@code fdatasync}; per checkpoint O(tables + views' state).
 * Not thread-safe.
 */
public final class DurableSqlProgram implements AutoCloseable {
    /** Sees every step once it is complete (or replayed on open). */
    @FunctionalInterface
    public interface StepListener {
        void afterStep(long step, SqlProgram program);
    }

    /** What {@link #open} did: the checkpoint restored (if any), the steps replayed, what was cut or skipped. */
    public record Recovery(CheckpointStore.Restored restored, long replayedSteps, List<String> notes) {
    }

    private final SqlProgram program;
    private final CheckpointStore store;
    private final Journal journal;
    private final StepListener listener;
    private final Recovery recovery;

    private DurableSqlProgram(SqlProgram program, CheckpointStore store, Journal journal, StepListener listener,
                              Recovery recovery) {
        this.program = program;
        this.store = store;
        this.journal = journal;
        this.listener = listener;
        this.recovery = recovery;
    }

    /** The codecs of SQL programs' state: SQL rows ({@link TupleCodec}) beside the built-in ones. */
    public static RowCodecs codecs() {
        return RowCodecs.standard().with(Tuple.class, TupleCodec.INSTANCE);
    }

    /**
     * Compiles {@code script} (definitions only: CREATE TABLE, VIEW, INDEX), restores the last usable checkpoint in
     * {@code dir} and replays the journal after it, each replayed step handed to {@code listener}. A fresh
     * {@code dir} gives a fresh program.
     *
     * @throws SqlException        if the script does not compile or changes tables
     * @throws CheckpointException if the state in {@code dir} is of another script (or of another worker count where
     *                             an operator cannot re-partition), or its journal
     *                             is damaged before its end
     */
    public static DurableSqlProgram open(Path dir, String script, SqlOptions options, StepListener listener) {
        SqlProgram program = Sql.compile(script, options);
        if (program.hasPendingChanges()) {
            program.close();
            throw new SqlException("a durable program's script holds definitions only; put the rows it inserts "
                    + "through the program, so that they are journaled");
        }
        program.makeDurable();
        RowCodecs codecs = codecs();
        CheckpointStore store = CheckpointStore.open(dir.resolve("checkpoints")).codecs(codecs);
        CheckpointStore.Restored restored = program.restore(store).orElse(null);
        long base = program.stepCount();
        Journal journal = Journal.open(dir.resolve("journal"), codecs, base);
        List<String> notes = new ArrayList<>(restored == null ? List.of() : restored.skipped());
        long replayed = journal.replaySteps(base, in -> {
            program.replayPending(in);
            try {
                program.step();
            } catch (SqlException failed) {
                return failed.getMessage() + "; its changes are discarded"; // as they were before the crash
            }
            if (listener != null) {
                listener.afterStep(program.stepCount(), program);
            }
            return null;
        }, notes);
        return new DurableSqlProgram(program, store, journal, listener,
                new Recovery(restored, replayed, List.copyOf(notes)));
    }

    /** The program: its tables take changes, its views are read; {@link #step()} here, not on it. */
    public SqlProgram program() {
        return program;
    }

    /** What {@link #open} restored and replayed. */
    public Recovery recovery() {
        return recovery;
    }

    public long stepCount() {
        return program.stepCount();
    }

    /**
     * Appends the tables' pending changes to the journal (forced to disk), then steps the program and hands the
     * step to the listener. A failing step discards its changes, as {@link SqlProgram#step()} does; its record is
     * superseded by the next step's.
     */
    public void step() {
        long step = program.stepCount() + 1;
        journal.append(step, program::writePending);
        program.step();
        if (listener != null) {
            listener.afterStep(program.stepCount(), program);
        }
    }

    /**
     * Saves a checkpoint of the tables and views after the last step, and restarts the journal after it.
     *
     * @throws IllegalStateException if changes are pending (step first)
     */
    public CheckpointStore.Saved checkpoint() {
        CheckpointStore.Saved saved = program.checkpoint(store);
        journal.rotate(saved.step(), store.oldestStep());
        return saved;
    }

    /** Closes the program and the journal. */
    @Override
    public void close() {
        program.close();
        journal.close();
    }
}
