package org.jdbsp.circuit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a replica of a multi-worker circuit knows about its worker: its index, the worker count, the shared
 * barrier, the shared exchange hubs and the objects shared by all replicas ({@link CircuitBuilder#shared}).
 * The k-th exchange wired in every replica uses the k-th hub, so replicas must be wired identically (the
 * wiring function is deterministic). One context per replica, shared by the replica's root and nested
 * builders.
 */
final class WorkerContext {
    final int index;
    final Shared shared;
    private int nextExchange;
    private int nextShared;

    WorkerContext(int index, Shared shared) {
        this.index = index;
        this.shared = shared;
    }

    int workers() {
        return shared.workers;
    }

    WorkerBarrier barrier() {
        return shared.barrier;
    }

    /** The hub of this replica's next exchange. */
    ExchangeHub nextHub(String what) {
        return shared.hub(nextExchange++, what);
    }

    int exchanges() {
        return nextExchange;
    }

    /** This replica's next shared object: the k-th call in every replica returns the same instance. */
    <T> T nextShared(String what, Supplier<T> make) {
        return shared.object(nextShared++, what, make);
    }

    int sharedObjects() {
        return nextShared;
    }

    /** State shared by all replicas of one multi-worker circuit. */
    static final class Shared {
        final int workers;
        final WorkerBarrier barrier;
        private final List<ExchangeHub> hubs = new ArrayList<>();
        private final List<SharedObject> objects = new ArrayList<>();
        private final Map<String, InputFront<?>> inputs = new HashMap<>();

        Shared(int workers) {
            this.workers = workers;
            this.barrier = new WorkerBarrier(workers);
        }

        synchronized ExchangeHub hub(int k, String what) {
            while (hubs.size() <= k) {
                hubs.add(new ExchangeHub(workers, what));
            }
            ExchangeHub h = hubs.get(k);
            if (!h.what.equals(what)) {
                throw new CircuitWiringException("replicas are wired differently: exchange #" + k + " is '"
                        + h.what + "' in one worker and '" + what + "' in another; the wiring function must "
                        + "build the same circuit every time it is called");
            }
            return h;
        }

        /**
         * The k-th shared object, made by the first replica that asks (replicas are wired one after the other,
         * on the constructing thread, so {@code make} runs once).
         */
        synchronized <T> T object(int k, String what, Supplier<T> make) {
            if (k == objects.size()) {
                objects.add(new SharedObject(what, Objects.requireNonNull(make.get(),
                        () -> "shared '" + what + "': the supplier returned null")));
            }
            SharedObject o = objects.get(k);
            if (!o.what.equals(what)) {
                throw new CircuitWiringException("replicas are wired differently: shared object #" + k + " is '"
                        + o.what + "' in one worker and '" + what + "' in another; the wiring function must "
                        + "build the same circuit every time it is called");
            }
            @SuppressWarnings("unchecked")
            T value = (T) o.value;
            return value;
        }

        /**
         * The state of input {@code name}, shared by every replica's handles: made by the first replica that
         * declares it; the others must declare it alike.
         */
        synchronized <T> InputFront<T> front(String name, Class<T> rowType, InputKind kind,
                                             Supplier<InputFront<T>> make) {
            InputFront<?> f = inputs.get(name);
            if (f == null) {
                InputFront<T> made = make.get();
                inputs.put(name, made);
                return made;
            }
            if (f.kind != kind || f.rowType != rowType) {
                throw new CircuitWiringException("replicas are wired differently: input '" + name + "' is a "
                        + f.kind.description + " of " + typeName(f.rowType) + " in one worker and a "
                        + kind.description + " of " + typeName(rowType) + " in another; the wiring function must "
                        + "build the same circuit every time it is called");
            }
            @SuppressWarnings("unchecked")
            InputFront<T> same = (InputFront<T>) f; // declared alike: the same row type, or none in both
            return same;
        }

        private static String typeName(Class<?> rowType) {
            return rowType == null ? "undeclared rows" : rowType.getName();
        }

        /**
         * Empties every exchange batch: after a failed tick, rows posted for a worker that never read them must
         * not reach the next tick. Call only when no worker is running.
         */
        synchronized void clearMail() {
            for (ExchangeHub h : hubs) {
                for (Batch[][] buffer : h.mail) {
                    for (Batch[] from : buffer) {
                        for (Batch b : from) {
                            b.clear();
                        }
                    }
                }
            }
        }

        synchronized int hubCount() {
            return hubs.size();
        }
    }

    private record SharedObject(String what, Object value) {
    }

    /** The mailboxes of one exchange: {@code mail[buffer][from][to]}, double-buffered by barrier generation. */
    static final class ExchangeHub {
        final String what;
        final Batch[][][] mail;

        ExchangeHub(int workers, String what) {
            this.what = what;
            this.mail = new Batch[2][workers][workers];
            for (Batch[][] buffer : mail) {
                for (Batch[] from : buffer) {
                    for (int to = 0; to < workers; to++) {
                        from[to] = new Batch();
                    }
                }
            }
        }
    }

    /**
     * Rows in transit from one worker to another in one exchange: parallel arrays of rows, their hash codes and
     * weights, not consolidated. Reused from tick to tick; arrays that grew past {@value #KEEP} entries for a
     * bulk load are dropped when cleared.
     */
    static final class Batch {
        private static final int INITIAL = 16;
        private static final int KEEP = 1 << 20;
        Object[] rows = new Object[INITIAL];
        int[] hashes = new int[INITIAL];
        long[] weights = new long[INITIAL];
        int size;

        void append(Object row, int hash, long weight) {
            if (size == rows.length) {
                int n = size * 2;
                rows = Arrays.copyOf(rows, n);
                hashes = Arrays.copyOf(hashes, n);
                weights = Arrays.copyOf(weights, n);
            }
            rows[size] = row;
            hashes[size] = hash;
            weights[size] = weight;
            size++;
        }

        void clear() {
            if (rows.length > KEEP) {
                rows = new Object[INITIAL];
                hashes = new int[INITIAL];
                weights = new long[INITIAL];
            } else {
                Arrays.fill(rows, 0, size, null);
            }
            size = 0;
        }
    }
}
