package org.jdbsp.circuit;

import java.util.Map;
import java.util.function.Function;
import org.jdbsp.zset.ZSet;

/**
 * The state of one input that its handles share: the pending change (a {@link ZSet}, or with several workers a
 * {@link PendingLog} read by every replica), the contents of a strict input ({@link StrictContents}), the rows
 * of a keyed input ({@link KeyedRows}), and whether the circuit is closed. Handles ({@link InputHandle},
 * {@link KeyedInputHandle}) are thin views over it that check the rows' class; in a multi-worker circuit every
 * replica's handles share one front. Every operation checks all it can before it changes anything.
 *
 * <p>Cost: O(1) expected per pushed row (plus a hash lookup in the contents of a strict or keyed input); no
 * allocation once the pending table has grown. Not thread-safe: one thread pushes, and steps.
 *
 * @param <T> the row type
 */
final class InputFront<T> {
    final String name;
    /** The declared row type, or null when the input was declared without one. */
    final Class<T> rowType;
    final InputKind kind;
    /**
     * Single worker: the pending change ({@code log} is null); null until the first change after a step, so that
     * a step whose change was handed over whole ({@link #takeOver}) allocates no table it does not use.
     */
    private ZSet<T> pending;
    /** The size of the last step's change, which the next pending change is presized like. */
    private int lastChangeSize;
    /** The change of a step with nothing pending: never written to, so that it can be published every time. */
    private final ZSet<T> noChange = new ZSet<>(0);
    /** Several workers: the pending change shared by the replicas' input nodes; null with one worker. */
    final PendingLog<T> log;
    private final StrictContents<T> contents;
    /** The rows of a keyed input; null for the other kinds. */
    final KeyedRows<T> keyed;
    private boolean closed;

    InputFront(String name, Class<T> rowType, InputKind kind, Function<? super T, ?> key, boolean shared) {
        this.name = name;
        this.rowType = rowType;
        this.kind = kind;
        this.log = shared ? new PendingLog<>() : null;
        this.contents = kind == InputKind.STRICT ? new StrictContents<>(this) : null;
        this.keyed = kind == InputKind.KEYED ? new KeyedRows<>(this, key) : null;
    }

    /** The front declared under {@code name} in {@code inputs}; throws naming the inputs there are if none is. */
    static InputFront<?> named(Map<String, InputFront<?>> inputs, String name) {
        InputFront<?> f = inputs.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown input '" + name + "'; inputs are " + inputs.keySet());
        }
        return f;
    }

    /** Throws if the circuit is closed; {@code what} names the rejected operation. */
    void checkOpen(String what) {
        if (closed) {
            throw new IllegalStateException(this + ": " + what + " rejected, the circuit is closed");
        }
    }

    void close() {
        closed = true;
    }

    // ---- changes checked by kind (plain, append-only, strict) ------------------------------------------------

    void push(T row, long weight) {
        if (weight < 0) {
            checkDeletes(weight, row);
        }
        if (contents != null) {
            contents.check(row, weight);
        }
        addPending(row, weight);
        if (contents != null) {
            contents.add(row, weight);
        }
    }

    void update(T oldRow, T newRow) {
        checkDeletes(0, oldRow);
        if (contents != null) {
            contents.checkUpdate(oldRow, newRow);
        }
        updatePending(oldRow, newRow);
        if (contents != null) {
            contents.add(oldRow, -1);
            contents.add(newRow, 1);
        }
    }

    void pushAll(ZSet<? extends T> changes) {
        if (kind == InputKind.APPEND_ONLY) {
            for (int s = changes.nextSlot(0); s >= 0; s = changes.nextSlot(s + 1)) {
                if (changes.weightAt(s) < 0) {
                    checkDeletes(changes.weightAt(s), changes.elementAt(s));
                }
            }
        }
        if (contents != null) {
            contents.checkAll(changes);
        }
        addPendingAll(changes);
        if (contents != null) {
            contents.addAll(changes);
        }
    }

    void insertAll(T[] rows, int off, int len) {
        if (contents != null) {
            contents.addOnes(rows, off, len); // throws, having added nothing, if a count would overflow
        }
        try {
            addPendingOnes(rows, off, len);
        } catch (RuntimeException e) {
            if (contents != null) {
                contents.removeOnes(rows, off, len);
            }
            throw e;
        }
    }

    /** Throws if this input takes no deletes; {@code weight} 0 stands for an update. The message is built only then. */
    private void checkDeletes(long weight, Object row) {
        if (kind == InputKind.APPEND_ONLY) {
            throw new IllegalArgumentException(this + " is append-only: "
                    + (weight == 0 ? "update of " + row : "weight " + weight + " for " + row) + " rejected");
        }
    }

    // ---- the pending change, for changes already checked -----------------------------------------------------

    /** Adds {@code weight} copies of {@code row} to the pending change; an overflow names the input and the row. */
    void addPending(T row, long weight) {
        try {
            if (log != null) {
                log.add(row, weight);
            } else {
                writable().add(row, weight);
            }
        } catch (ArithmeticException e) {
            throw new ArithmeticException(this + ": " + e.getMessage());
        }
    }

    /** {@code -oldRow + newRow} on the pending change, atomically. */
    void updatePending(T oldRow, T newRow) {
        try {
            if (log != null) {
                log.update(oldRow, newRow);
                return;
            }
            ZSet<T> p = writable();
            p.add(oldRow, -1);
            try {
                p.add(newRow, 1);
            } catch (RuntimeException e) {
                p.add(oldRow, 1);
                throw e;
            }
        } catch (ArithmeticException e) {
            throw new ArithmeticException(this + ": " + e.getMessage());
        }
    }

    /** Adds a whole Z-set to the pending change, atomically. */
    void addPendingAll(ZSet<? extends T> changes) {
        try {
            if (log != null) {
                log.addAll(changes);
            } else {
                writable().addAll(changes);
            }
        } catch (ArithmeticException e) {
            throw new ArithmeticException(this + ": " + e.getMessage());
        }
    }

    /** One copy of each of {@code rows[off .. off + len)}, atomically; with several workers, one array copy. */
    void addPendingOnes(T[] rows, int off, int len) {
        try {
            if (log != null) {
                log.appendOnes(rows, off, len);
                return;
            }
            ZSet<T> p = writable();
            int i = off;
            try {
                for (; i < off + len; i++) {
                    p.add(rows[i], 1);
                }
            } catch (RuntimeException e) {
                for (int j = off; j < i; j++) {
                    p.add(rows[j], -1);
                }
                throw e;
            }
        } catch (ArithmeticException e) {
            throw new ArithmeticException(this + ": " + e.getMessage());
        }
    }

    /** The single worker's pending change, created on the first write after a step. */
    private ZSet<T> writable() {
        ZSet<T> p = pending;
        if (p == null) {
            p = ZSet.sizedLike(lastChangeSize);
            pending = p;
        }
        return p;
    }

    /** The single worker's change for the step, as it is (the input node publishes it); never null. */
    ZSet<T> change() {
        return pending != null ? pending : noChange;
    }

    /**
     * Adds {@code changes}, already checked by the handle, taking the Z-set over: when nothing is pending in a
     * single-worker plain input, it becomes the pending change itself, with no copy; otherwise it is added as by
     * {@link #pushAll}. The caller must not use {@code changes} afterwards.
     */
    void takeOver(ZSet<T> changes) {
        if (log == null && kind == InputKind.PLAIN && (pending == null || pending.isEmpty())) {
            pending = changes;
            return;
        }
        pushAll(changes);
    }

    /** True when changes are pending (not yet taken by a step). */
    boolean hasPending() {
        return log != null ? !log.isEmpty() : pending != null && !pending.isEmpty();
    }

    /** Writes the pending change (for a journal): its rows and weights, as a Z-set. */
    void writePending(org.jdbsp.circuit.state.StateWriter out) {
        if (log != null) {
            log.writeTo(out);
        } else {
            out.writeZSet(change());
        }
    }

    /** Pushes a change read back from a journal, with the checks of its kind (which it passed when first pushed). */
    void replay(ZSet<T> changes) {
        if (keyed != null) {
            keyed.pushAll(changes);
        } else {
            pushAll(changes);
        }
    }

    /** True when the input keeps rows between steps: a strict input's contents, a keyed input's rows. */
    boolean keepsState() {
        return contents != null || keyed != null;
    }

    /** Writes the committed contents of a strict or keyed input (nothing may be pending). */
    void writeState(org.jdbsp.circuit.state.StateWriter out) {
        if (contents != null) {
            contents.writeState(out);
        }
        if (keyed != null) {
            keyed.writeState(out);
        }
    }

    /** Reads back what {@link #writeState} wrote, into the empty contents of a fresh input. */
    void readState(org.jdbsp.circuit.state.StateReader in) {
        if (contents != null) {
            contents.readState(in);
        }
        if (keyed != null) {
            keyed.readState(in);
        }
    }

    /** The pending change, as a new Z-set. */
    ZSet<T> pending() {
        return log != null ? log.toZSet() : pending != null ? pending.copy() : new ZSet<>();
    }

    /** Drops the pending change; a strict or keyed input's contents go back to the committed ones. */
    void clearPending() {
        if (contents != null) {
            contents.subtract(log != null ? log.toZSet() : change());
        }
        if (keyed != null) {
            keyed.restoreCommitted();
        }
        if (log != null) {
            log.clear();
        } else {
            pending = null;
        }
    }

    /**
     * A step took the pending change and committed: start a new one. Called on the thread that steps: by the
     * input node's commit with one worker, by {@link WorkerCircuit} after all workers committed with several.
     */
    void stepCommitted() {
        if (log != null) {
            log.clear();
        } else {
            if (pending != null && !pending.isEmpty()) lastChangeSize = pending.size();
            pending = null; // the step published it: a later change goes to a new table
        }
        if (keyed != null) {
            keyed.stepCommitted();
        }
    }

    /** Rows of state kept for this input: a strict input's contents, a keyed input's rows; 0 otherwise. */
    long stateRows() {
        return contents != null ? contents.size() : keyed != null ? keyed.size() : 0;
    }

    // ---- handles for lookups on the built circuit --------------------------------------------------------------

    /** A handle on this input as declared: rows checked against the declared type, if any. */
    Input<T> handle() {
        return kind == InputKind.KEYED ? new KeyedInputHandle<>(this, null, rowType, null)
                : new InputHandle<>(this, null, rowType);
    }

    /**
     * A handle taking rows of {@code requested}: the declared type itself, or, if none was declared, a handle
     * that checks every row it takes or returns.
     *
     * @throws IllegalArgumentException if a row type was declared and is not {@code requested}
     */
    <U> Input<U> handle(Class<U> requested) {
        InputFront<U> same = as(requested);
        return kind == InputKind.KEYED ? new KeyedInputHandle<>(same, null, requested, null)
                : new InputHandle<>(same, null, requested);
    }

    /** {@link #handle(Class)} of a keyed input, with keys checked against {@code keyType}. */
    <K, U> KeyedInputHandle<K, U> keyedHandle(Class<K> keyType, Class<U> requested) {
        if (kind != InputKind.KEYED) {
            throw new IllegalArgumentException(this + " is not keyed (declared as: " + kind.description
                    + "): look it up with input(\"" + name + "\", rowType)");
        }
        RowTypes.check(keyType, this + " lookup");
        return new KeyedInputHandle<>(as(requested), null, requested, keyType);
    }

    @SuppressWarnings("unchecked")
    private <U> InputFront<U> as(Class<U> requested) {
        RowTypes.check(requested, this + " lookup");
        if (rowType != null && rowType != requested) {
            throw new IllegalArgumentException(this + " was declared with row type " + rowType.getName()
                    + " but was looked up with row type " + requested.getName() + "; an input is looked up with "
                    + "exactly its declared row type, since it both takes and returns rows");
        }
        // safe: the declared type is the requested one, or there is none and the handle checks every row
        return (InputFront<U>) this;
    }

    @Override
    public String toString() {
        return "input '" + name + "'";
    }
}
