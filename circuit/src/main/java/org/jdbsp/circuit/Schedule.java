package org.jdbsp.circuit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run order of a circuit's operators, computed once at build time: chains of {@link ElementwiseNode}s
 * are fused into {@link FusedNode}s, then the nodes are sorted topologically (a delay is split into a source and
 * a sink, so only cycles without {@code z^-1} remain and are rejected). Running a step is a loop over an array.
 */
final class Schedule {
    private final Node[] order;
    /** Measures each operator's steps when profiling is on; null when off. */
    private Profiler profiler;
    /** The number of the step being run (set by eval, read by commit for the profile). */
    private long stepNumber;

    private Schedule(Node[] order) {
        this.order = order;
    }

    static Schedule of(List<Node> nodes) {
        return new Schedule(topologicalOrder(fuse(nodes)));
    }

    List<Node> nodes() {
        return List.of(order);
    }

    List<String> describe() {
        List<String> names = new ArrayList<>(order.length);
        for (Node n : order) {
            names.add(n instanceof FusedNode ? ((FusedNode) n).describe() : n.name());
        }
        return names;
    }

    /** Runs one tick: eval every node in order, then commit all; on failure roll back all and rethrow. */
    void step(long stepNumber) {
        try {
            eval(stepNumber);
        } catch (RuntimeException | Error e) {
            rollback();
            throw e;
        }
        commit();
    }

    /**
     * Phase 1 of a tick: evaluates every node in order without changing committed state. On failure the
     * caller must {@link #rollback()}; the exception is an {@link OperatorFailedException} naming the operator
     * (or an {@link Error}, or a {@link PeerFailedException} when another worker failed).
     */
    void eval(long stepNumber) {
        this.stepNumber = stepNumber;
        int i = 0;
        try {
            Profiler p = profiler;
            if (p == null) {
                for (; i < order.length; i++) {
                    order[i].eval();
                }
            } else {
                p.beginStep();
                for (; i < order.length; i++) {
                    long a0 = Profiler.allocated();
                    long t0 = Profiler.now();
                    order[i].eval();
                    long t1 = Profiler.now();
                    p.eval(i, t1 - t0, Profiler.allocated() - a0);
                }
            }
        } catch (PeerFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            if (isPeerFailure(e)) {
                throw new PeerFailedException();
            }
            String who = e instanceof OperatorFailedException ? ((OperatorFailedException) e).operator()
                    : order[i].name();
            throw new OperatorFailedException(who, stepNumber, e instanceof OperatorFailedException
                    && e.getCause() != null ? e.getCause() : e);
        }
    }

    /** Phase 2 of a successful tick: every node applies what it prepared. */
    void commit() {
        Profiler p = profiler;
        if (p == null) {
            for (Node n : order) {
                n.commit();
            }
            return;
        }
        for (int i = 0; i < order.length; i++) {
            long a0 = Profiler.allocated();
            long t0 = Profiler.now();
            order[i].commit();
            long t1 = Profiler.now();
            p.commit(i, t1 - t0, Profiler.allocated() - a0);
        }
        p.endStep(stepNumber);
    }

    /** Starts profiling afresh ({@code on}) or stops it. */
    void profile(boolean on) {
        profiler = on ? new Profiler(order) : null;
    }

    /** The profile since profiling was switched on, or null if it is off. */
    OperatorProfile profileSnapshot() {
        Profiler p = profiler;
        return p == null ? null : p.snapshot();
    }

    /** Phase 2 of a failed tick: every node discards what it prepared. */
    void rollback() {
        for (Node n : order) {
            n.rollback();
        }
    }

    /** True if a peer-failure marker is in the cause chain (an operator may have wrapped it). */
    static boolean isPeerFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PeerFailedException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    // ---- fusion -------------------------------------------------------------------------------------------

    private static List<Node> fuse(List<Node> nodes) {
        Map<Stream<?>, List<Node>> consumers = consumersOf(nodes);
        Map<Node, Boolean> absorbed = new IdentityHashMap<>();
        List<Node> result = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            if (absorbed.containsKey(n)) {
                continue;
            }
            if (!(n instanceof ElementwiseNode) || isFusedInto(n, consumers)) {
                if (!(n instanceof ElementwiseNode)) {
                    result.add(n);
                }
                continue;
            }
            // n heads a chain: follow sole consumers that are elementwise
            List<ElementwiseNode<?, ?>> chain = new ArrayList<>();
            Node cur = n;
            while (true) {
                chain.add((ElementwiseNode<?, ?>) cur);
                List<Node> next = consumers.getOrDefault(cur.output(), List.of());
                if (next.size() == 1 && next.get(0) instanceof ElementwiseNode) {
                    cur = next.get(0);
                } else {
                    break;
                }
            }
            if (chain.size() == 1) {
                result.add(n);
            } else {
                for (ElementwiseNode<?, ?> c : chain) {
                    absorbed.put(c, Boolean.TRUE);
                }
                result.add(new FusedNode(chain));
            }
        }
        return result;
    }

    /** True when n's input is the sole-consumed output of another elementwise node (n is not a chain head). */
    private static boolean isFusedInto(Node n, Map<Stream<?>, List<Node>> consumers) {
        Stream<?> in = n.inputs().get(0);
        return in.producer instanceof ElementwiseNode && consumers.get(in).size() == 1;
    }

    private static Map<Stream<?>, List<Node>> consumersOf(List<Node> nodes) {
        Map<Stream<?>, List<Node>> consumers = new HashMap<>();
        for (Node n : nodes) {
            for (Stream<?> in : n.inputs()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
        return consumers;
    }

    // ---- ordering ----------------------------------------------------------------------------------------

    private static Node[] topologicalOrder(List<Node> nodes) {
        Map<Stream<?>, Node> producer = new HashMap<>();
        for (Node n : nodes) {
            if (n.output() != null) {
                producer.put(n.output(), n);
            }
        }
        Map<Node, Integer> pending = new IdentityHashMap<>();
        Map<Node, List<Node>> downstream = new IdentityHashMap<>();
        for (Node n : nodes) {
            int deps = 0;
            for (Stream<?> in : n.inputs()) {
                Node p = producer.get(in);
                if (p == null) {
                    throw new CircuitWiringException(n.name() + " reads stream " + in.name()
                            + ", which no operator produces");
                }
                downstream.computeIfAbsent(p, k -> new ArrayList<>()).add(n);
                deps++;
            }
            pending.put(n, deps);
        }
        Deque<Node> ready = new ArrayDeque<>();
        for (Node n : nodes) {
            if (pending.get(n) == 0) {
                ready.add(n);
            }
        }
        List<Node> order = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            Node n = ready.poll();
            order.add(n);
            for (Node d : downstream.getOrDefault(n, List.of())) {
                if (pending.merge(d, -1, Integer::sum) == 0) {
                    ready.add(d);
                }
            }
        }
        if (order.size() != nodes.size()) {
            throw new CircuitWiringException("cycle without a delay (z^-1): " + findCycle(nodes, pending, producer)
                    + "; break it with feedback() or delay()");
        }
        return order.toArray(new Node[0]);
    }

    private static String findCycle(List<Node> nodes, Map<Node, Integer> pending, Map<Stream<?>, Node> producer) {
        Node start = null;
        for (Node n : nodes) {
            if (pending.get(n) > 0) {
                start = n;
                break;
            }
        }
        List<Node> path = new ArrayList<>();
        Map<Node, Integer> seen = new IdentityHashMap<>();
        Node cur = start;
        while (cur != null && !seen.containsKey(cur)) {
            seen.put(cur, path.size());
            path.add(cur);
            Node next = null;
            for (Stream<?> in : cur.inputs()) {
                Node p = producer.get(in);
                if (p != null && pending.get(p) > 0) {
                    next = p;
                    break;
                }
            }
            cur = next;
        }
        if (cur == null) {
            return "among " + path;
        }
        List<Node> cycle = new ArrayList<>(path.subList(seen.get(cur), path.size()));
        java.util.Collections.reverse(cycle);
        StringBuilder sb = new StringBuilder();
        for (Node n : cycle) {
            sb.append(n.name()).append(" -> ");
        }
        return sb.append(cycle.get(0).name()).toString();
    }
}
