package org.jdbsp.circuit;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures one replica's steps operator by operator, for {@link OperatorProfile}: two clock reads and two reads of
 * the thread's allocation counter around each operator's eval and commit. Arrays of the schedule's length,
 * reused every step; nothing allocated per step. Switched on only when asked for.
 */
final class Profiler {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Node[] order;
    private final long[] evalNanos;
    private final long[] commitNanos;
    private final long[] bytes;
    private final long[] maxStepNanos;
    private final long[] maxStep;
    /** This step's time per operator. */
    private final long[] stepNanos;
    private final long[] slowSteps = new long[OperatorProfile.KEPT_STEPS];
    private final long[] slowNanos = new long[OperatorProfile.KEPT_STEPS];
    private final int[] slowOperator = new int[OperatorProfile.KEPT_STEPS];
    private final long[] slowOperatorNanos = new long[OperatorProfile.KEPT_STEPS];
    private final long[] slowGc = new long[OperatorProfile.KEPT_STEPS];
    private long gcAtStart;
    private int slowCount;
    private long steps;

    Profiler(Node[] order) {
        this.order = order;
        int n = order.length;
        evalNanos = new long[n];
        commitNanos = new long[n];
        bytes = new long[n];
        maxStepNanos = new long[n];
        maxStep = new long[n];
        stepNanos = new long[n];
    }

    static long now() {
        return System.nanoTime();
    }

    static long allocated() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** The collectors' total time so far, in ms. */
    private static long gcMillis() {
        long ms = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    /** Opens a step (before its eval). */
    void beginStep() {
        gcAtStart = gcMillis();
    }

    void eval(int i, long nanos, long allocated) {
        evalNanos[i] += nanos;
        bytes[i] += allocated;
        stepNanos[i] = nanos;
    }

    void commit(int i, long nanos, long allocated) {
        commitNanos[i] += nanos;
        bytes[i] += allocated;
        stepNanos[i] += nanos;
    }

    /** Closes step {@code step} (after its commit): per-operator maxima and the slowest steps. */
    void endStep(long step) {
        long total = 0;
        int top = 0;
        for (int i = 0; i < stepNanos.length; i++) {
            long t = stepNanos[i];
            total += t;
            if (t > stepNanos[top]) top = i;
            if (t > maxStepNanos[i]) {
                maxStepNanos[i] = t;
                maxStep[i] = step;
            }
        }
        long topNanos = stepNanos.length == 0 ? 0 : stepNanos[top];
        java.util.Arrays.fill(stepNanos, 0);
        steps++;
        int at;
        if (slowCount < slowSteps.length) {
            at = slowCount++;
        } else {
            at = smallest();
            if (total <= slowNanos[at]) return;
        }
        slowSteps[at] = step;
        slowNanos[at] = total;
        slowOperator[at] = top;
        slowOperatorNanos[at] = topNanos;
        slowGc[at] = gcMillis() - gcAtStart;
    }

    private int smallest() {
        int s = 0;
        for (int i = 1; i < slowCount; i++) {
            if (slowNanos[i] < slowNanos[s]) s = i;
        }
        return s;
    }

    OperatorProfile snapshot() {
        List<OperatorProfile.Operator> ops = new ArrayList<>(order.length);
        for (int i = 0; i < order.length; i++) {
            ops.add(new OperatorProfile.Operator(order[i].name(), evalNanos[i], commitNanos[i], bytes[i],
                    maxStepNanos[i], maxStep[i]));
        }
        List<OperatorProfile.Step> slow = new ArrayList<>();
        for (int i = 0; i < slowCount; i++) {
            slow.add(new OperatorProfile.Step(slowSteps[i], slowNanos[i],
                    order.length == 0 ? "-" : order[slowOperator[i]].name(),
                    slowOperatorNanos[i], slowGc[i]));
        }
        slow.sort((a, b) -> Long.compare(b.nanos(), a.nanos()));
        return new OperatorProfile(steps, ops, slow);
    }
}
