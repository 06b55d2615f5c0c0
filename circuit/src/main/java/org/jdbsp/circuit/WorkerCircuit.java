package org.jdbsp.circuit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jdbsp.zset.ZSet;

/**
 * A circuit run by several workers, each stepping its replica; built by {@link Workers}. The caller's thread
 * runs worker 0 and threads {@code jdbsp-worker-<i>} (daemon) run workers 1 to n-1, so n workers use n
 * threads, the caller's included. With one worker no thread is started.
 *
 * <p>{@link #step()} is synchronous and two-phase across workers: every worker evaluates its replica (the
 * workers meet at the barriers of the exchanges), then they meet at one more barrier; if all evaluated
 * successfully, all commit; if any failed, that worker fails the barrier, which releases the others wherever
 * they wait, all roll back, and {@code step()} throws the original exception, an
 * {@link OperatorFailedException} naming the operator, exactly as a single-worker circuit does, with the step's
 * input still pending. Between steps a worker thread spins for at most 2 ms, so that
 * the next step of a caller stepping in a loop starts at once, then parks on a condition; {@link #timings()}
 * tells where the workers' time went.
 *
 * <p>Not thread-safe: one thread pushes inputs, steps, reads outputs and closes. {@link #close()} stops and
 * joins the threads; later steps throw {@link IllegalStateException}.
 *
 * @param <X> what the wiring function returned for each replica
 */
public final class WorkerCircuit<X> implements CircuitRuntime {

    private final int n;
    private final Mode mode;
    private final Circuit[] replicas;
    private final List<X> wired;
    private final WorkerContext.Shared shared;
    /** Per input, the state every replica's handles share. */
    private final Map<String, InputFront<?>> inputs = new LinkedHashMap<>();
    private final Map<String, Output<?>> outputs = new LinkedHashMap<>();
    private final Thread[] threads;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition done = lock.newCondition();
    /** Step number released to the workers; written under {@link #lock}, read by spinning workers. */
    private volatile long command;
    /** Worker threads done with the current step; written under {@link #lock}, read by the spinning caller. */
    private volatile int finished;
    private volatile boolean shutdown;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicReference<Throwable> commitFailure = new AtomicReference<>();

    private long steps;
    private boolean closed;
    /** When the caller released the workers for the current step ({@link System#nanoTime()}). */
    private volatile long releasedAt;
    /** Per worker (each writes its own slot; read after the step's hand-back): see {@link WorkerTimings}. */
    private final long[] startLagNanos;
    private final long[] tickNanos;
    private long handBackNanos;

    WorkerCircuit(int workers, Mode mode, Function<CircuitBuilder, X> wiring) {
        this.n = workers;
        this.mode = mode;
        this.shared = new WorkerContext.Shared(workers);
        this.replicas = new Circuit[workers];
        this.startLagNanos = new long[workers];
        this.tickNanos = new long[workers];
        List<X> results = new ArrayList<>(workers);
        int exchanges = -1;
        int sharedObjects = -1;
        for (int i = 0; i < workers; i++) {
            WorkerContext ctx = new WorkerContext(i, shared);
            CircuitBuilder b = new CircuitBuilder(mode, null, ctx);
            results.add(wiring.apply(b));
            replicas[i] = b.build();
            if (i > 0 && (exchanges != ctx.exchanges() || sharedObjects != ctx.sharedObjects()
                    || !replicas[i].inputNames().equals(replicas[0].inputNames())
                    || !replicas[i].outputNames().equals(replicas[0].outputNames())
                    || replicas[i].schedule().size() != replicas[0].schedule().size())) {
                throw new CircuitWiringException("the wiring function built different circuits for worker 0 and "
                        + "worker " + i + "; it must build the same circuit every time it is called");
            }
            exchanges = ctx.exchanges();
            sharedObjects = ctx.sharedObjects();
        }
        this.wired = Collections.unmodifiableList(results);
        for (String name : replicas[0].inputNames()) {
            inputs.put(name, replicas[0].front(name)); // the replicas share it (see CircuitBuilder)
        }
        for (String name : replicas[0].outputNames()) {
            outputs.put(name, workers == 1 ? replicas[0].output(name) : ShardedOutput.of(name, replicas));
        }
        if (workers == 1) {
            threads = null;
            return;
        }
        threads = new Thread[workers - 1];
        for (int i = 1; i < workers; i++) {
            int w = i;
            Thread t = new Thread(() -> workerLoop(w), "jdbsp-worker-" + i);
            t.setDaemon(true);
            threads[i - 1] = t;
        }
        for (Thread t : threads) {
            t.start();
        }
    }

    /** Switches profiling on or off in every replica; call it between steps (from the thread that steps). */
    @Override
    public void profile(boolean on) {
        for (Circuit r : replicas) r.profile(on);
    }

    /** The replicas' profiles merged: sums per operator, each step at its slowest worker. */
    @Override
    public OperatorProfile profile() {
        java.util.List<OperatorProfile> all = new java.util.ArrayList<>();
        for (Circuit r : replicas) all.add(r.profile());
        return OperatorProfile.merge(all);
    }

    @Override
    public int workers() {
        return n;
    }

    public Mode mode() {
        return mode;
    }

    /** What the wiring function returned, per worker (index = worker). */
    public List<X> wired() {
        return wired;
    }

    /** As {@link Circuit#input(String)}; every replica's handles feed the same pending change. */
    @Override
    public Input<?> input(String name) {
        return front(name).handle();
    }

    /** As {@link Circuit#input(String, Class)}. */
    @Override
    public <T> Input<T> input(String name, Class<T> rowType) {
        return front(name).handle(rowType);
    }

    /** As {@link Circuit#keyedInput}; every replica's handles share the rows. */
    @Override
    public <K, T> KeyedInputHandle<K, T> keyedInput(String name, Class<K> keyType, Class<T> rowType) {
        return front(name).keyedHandle(keyType, rowType);
    }

    private InputFront<?> front(String name) {
        return InputFront.named(inputs, name);
    }

    /** The output declared under {@code name}: the sums of the workers' changes and views. */
    @Override
    public Output<?> output(String name) {
        Output<?> h = outputs.get(name);
        if (h == null) {
            throw new IllegalArgumentException("unknown output '" + name + "'; outputs are " + outputs.keySet());
        }
        return h;
    }

    /** As {@link Circuit#output(String, Class)}. */
    @Override
    public <T> Output<T> output(String name, Class<T> rowType) {
        return CheckedOutput.of(output(name), rowType);
    }

    @Override
    public void step() {
        if (closed) {
            throw new IllegalStateException("step() on a closed circuit");
        }
        if (n == 1) {
            replicas[0].step();
            steps++;
            return;
        }
        shared.barrier.reset();
        failure.set(null);
        commitFailure.set(null);
        lock.lock();
        try {
            finished = 0;
            releasedAt = System.nanoTime();
            command++; // volatile: publishes this step's inputs to the workers, spinning or not
            work.signalAll();
        } finally {
            lock.unlock();
        }
        boolean committed = tick(0);
        long waitFrom = System.nanoTime();
        while (finished < n - 1 && System.nanoTime() - waitFrom < IDLE_SPIN_NANOS) {
            Thread.onSpinWait();
        }
        if (finished < n - 1) {
            // (when the spin saw them finish, the volatile read of finished already orders their writes before
            // ours; the lock, which the last of them may still hold, is not needed)
            lock.lock();
            try {
                while (finished < n - 1) {
                    done.awaitUninterruptibly();
                }
            } finally {
                lock.unlock();
            }
        }
        handBackNanos += System.nanoTime() - waitFrom;
        if (!committed) {
            shared.clearMail();
            Throwable f = failure.get();
            if (f == null) {
                f = new IllegalStateException("a worker was interrupted during step " + steps);
            }
            if (f instanceof Error) {
                throw (Error) f;
            }
            throw (RuntimeException) f;
        }
        for (InputFront<?> f : inputs.values()) {
            f.stepCommitted();
        }
        steps++;
        Throwable c = commitFailure.get();
        if (c != null) {
            closeThreads();
            closed = true;
            for (Circuit replica : replicas) {
                replica.close();
            }
            throw new IllegalStateException("an operator failed while committing step " + (steps - 1)
                    + "; the workers' states may disagree, the circuit is closed", c);
        }
    }

    /**
     * One worker's part of a tick: evaluate its replica, meet the others at the barrier, then commit if every
     * worker evaluated successfully, or roll back if any failed (a failing worker fails the barrier, which
     * releases the others wherever they wait). Every worker reaches the same decision; returns it.
     */
    private boolean tick(int w) {
        long start = System.nanoTime();
        startLagNanos[w] += start - releasedAt;
        Circuit replica = replicas[w];
        boolean failed = false;
        try {
            replica.evalPhase();
        } catch (Throwable t) {
            if (!Schedule.isPeerFailure(t)) {
                failure.compareAndSet(null, t);
            }
            shared.barrier.fail();
            failed = true;
        }
        if (!failed) {
            try {
                shared.barrier.await(w);
            } catch (PeerFailedException e) {
                failed = true;
            }
        }
        try {
            if (failed) {
                replica.rollbackPhase();
            } else {
                replica.commitPhase();
            }
        } catch (Throwable t) {
            commitFailure.compareAndSet(null, t);
        }
        tickNanos[w] += System.nanoTime() - start;
        return !failed;
    }

    private void workerLoop(int w) {
        long seen = 0;
        while (true) {
            long idleFrom = System.nanoTime();
            while (command == seen && !shutdown && System.nanoTime() - idleFrom < IDLE_SPIN_NANOS) {
                Thread.onSpinWait();
            }
            if (command == seen || shutdown) {
                lock.lock();
                try {
                    while (command == seen && !shutdown) {
                        work.awaitUninterruptibly();
                    }
                } finally {
                    lock.unlock();
                }
            }
            if (shutdown) {
                return;
            }
            // the volatile command was written after everything the caller prepared for this step
            seen = command;
            tick(w);
            lock.lock();
            try {
                if (++finished == n - 1) {
                    done.signal();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Where the workers' time went in all steps so far (cumulative; O(workers)). Call between steps, from the
     * thread that steps.
     */
    public WorkerTimings timings() {
        // with one worker no tick runs and no barrier is met: every figure stays 0
        long[] waits = new long[n];
        for (int w = 0; w < n; w++) {
            waits[w] = shared.barrier.waitNanos(w);
        }
        return new WorkerTimings(steps, startLagNanos.clone(), tickNanos.clone(), waits, handBackNanos);
    }

    /**
     * How long a worker thread, or the caller waiting for them, spins before it parks: a parked thread can take
     * a millisecond to be scheduled again on a virtual machine, longer than many steps. A step that follows the
     * last within this time (a caller pushing and stepping in a loop) starts on every worker at once; an idle
     * circuit costs each thread at most this much CPU after its last step.
     */
    static final long IDLE_SPIN_NANOS = 2_000_000;

    @Override
    public long stepCount() {
        return steps;
    }

    @Override
    public long stateRows() {
        long rows = 0;
        for (Circuit c : replicas) {
            rows += c.stateRows();
        }
        return rows;
    }

    /** Rows of state per worker. */
    public long[] stateRowsByWorker() {
        long[] rows = new long[n];
        for (int i = 0; i < n; i++) {
            rows[i] = replicas[i].stateRows();
        }
        return rows;
    }

    @Override
    public List<String> schedule() {
        return replicas[0].schedule();
    }

    /**
     * Stops and joins the worker threads; later steps, and every change pushed to the inputs, throw
     * {@link IllegalStateException}; outputs stay readable. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeThreads();
        for (Circuit c : replicas) {
            c.close();
        }
    }

    private void closeThreads() {
        if (threads == null) {
            return;
        }
        lock.lock();
        try {
            shutdown = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    // ---- inputs and outputs ------------------------------------------------------------------------------

    /**
     * An output of a multi-worker circuit: sums of the workers' changes and views (O(size) per call). An
     * overflow of a sum throws naming the output and the row.
     */
    private static final class ShardedOutput<T> implements Output<T> {
        private final String name;
        private final OutputHandle<T>[] handles;

        private ShardedOutput(String name, OutputHandle<T>[] handles) {
            this.name = name;
            this.handles = handles;
        }

        /** The replicas' handles of output {@code name}, all of worker 0's type (the same wiring made them). */
        static ShardedOutput<?> of(String name, Circuit[] replicas) {
            return of(name, replicas[0].output(name), replicas);
        }

        private static <T> ShardedOutput<T> of(String name, OutputHandle<T> first, Circuit[] replicas) {
            @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type
            OutputHandle<T>[] handles = new OutputHandle[replicas.length];
            handles[0] = first;
            for (int i = 1; i < replicas.length; i++) {
                @SuppressWarnings("unchecked") // built by the same wiring as worker 0's
                OutputHandle<T> h = (OutputHandle<T>) replicas[i].output(name);
                handles[i] = h;
            }
            return new ShardedOutput<>(name, handles);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Optional<Class<T>> rowType() {
            return handles[0].rowType();
        }

        @Override
        public ZSet<T> delta() {
            ZSet<T> sum = new ZSet<>();
            try {
                for (OutputHandle<T> h : handles) {
                    sum.addAll(h.delta);
                }
            } catch (ArithmeticException e) {
                throw new ArithmeticException(this + ": " + e.getMessage());
            }
            return sum;
        }

        @Override
        public boolean keepsView() {
            return handles[0].keepsView();
        }

        @Override
        public ZSet<T> view() {
            handles[0].requireView();
            ZSet<T> sum = new ZSet<>();
            try {
                for (OutputHandle<T> h : handles) {
                    sum.addAll(h.view);
                }
            } catch (ArithmeticException e) {
                throw new ArithmeticException(this + ": " + e.getMessage());
            }
            return sum;
        }

        @Override
        public int viewSize() {
            return view().size(); // view() fails if the output keeps none
        }

        /**
         * The size of {@link #delta()} without building it: a row counts once, at the first worker whose change
         * holds it, if its weights over all workers do not sum to 0. O(rows x workers) lookups with the rows'
         * cached hashes, no allocation; the harness calls it after every step, while the workers wait.
         */
        @Override
        public int deltaSize() {
            int size = 0;
            for (int i = 0; i < handles.length; i++) {
                ZSet<T> d = handles[i].delta;
                for (int s = d.nextSlot(0); s >= 0; s = d.nextSlot(s + 1)) {
                    T e = d.elementAt(s);
                    int h = d.hashAt(s);
                    boolean seen = false;
                    for (int j = 0; j < i && !seen; j++) {
                        seen = handles[j].delta.weightHashed(e, h) != 0;
                    }
                    if (seen) {
                        continue;
                    }
                    long sum = d.weightAt(s);
                    try {
                        for (int j = i + 1; j < handles.length; j++) {
                            sum = Math.addExact(sum, handles[j].delta.weightHashed(e, h));
                        }
                    } catch (ArithmeticException overflow) {
                        return delta().size(); // throws naming the row, as delta() does
                    }
                    if (sum != 0) {
                        size++;
                    }
                }
            }
            return size;
        }

        @Override
        public String toString() {
            return "output '" + name + "'";
        }
    }

    /** The replicas, one per worker (for checkpoints). */
    List<Circuit> replicas() {
        return List.of(replicas);
    }

    /** Sets the number of completed steps, every replica's too, to a checkpoint's, on restore. */
    void restoreStepCount(long steps) {
        this.steps = steps;
        for (Circuit r : replicas) {
            r.restoreStepCount(steps);
        }
    }
}
