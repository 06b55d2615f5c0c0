package org.jdbsp.circuit;

import java.util.ArrayList;
import java.util.List;

/**
 * What a replica of a multi-worker circuit knows about its worker: its index, the worker count, the shared
 * barrier and the shared exchange hubs. The k-th exchange wired in every replica uses the k-th hub, so replicas
 * must be wired identically (the wiring function is deterministic). One context per replica, shared by the
 * replica's root and nested builders.
 */
final class WorkerContext {
    final int index;
    final Shared shared;
    private int nextExchange;

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

    /** State shared by all replicas of one multi-worker circuit. */
    static final class Shared {
        final int workers;
        final WorkerBarrier barrier;
        private final List<ExchangeHub> hubs = new ArrayList<>();

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

        synchronized int hubCount() {
            return hubs.size();
        }
    }

    /** The mailboxes of one exchange: {@code mail[buffer][from][to]}, double-buffered by barrier generation. */
    static final class ExchangeHub {
        final String what;
        final Object[][][] mail;

        ExchangeHub(int workers, String what) {
            this.what = what;
            this.mail = new Object[2][workers][workers];
        }
    }
}
