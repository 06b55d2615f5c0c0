package org.jdbsp.circuit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Where a circuit's steps went, per operator, since profiling was switched on ({@link CircuitRuntime#profile}):
 * time in eval and in commit (where operators fold a step's changes into their state), bytes allocated, and the
 * operator's slowest step; and the slowest steps of the circuit, each with the operator that took most of it.
 * With several workers, times and bytes are summed over the workers, and a step's time is its slowest worker's.
 * A snapshot: it does not change as the circuit runs on.
 *
 * @param steps     steps profiled
 * @param operators the operators in run order
 * @param slowest   the slowest steps, slowest first (at most {@link #KEPT_STEPS})
 */
public record OperatorProfile(long steps, List<Operator> operators, List<Step> slowest) {
    /** How many of the slowest steps a profile keeps: enough to show what sets the p99 of 1,000 steps. */
    public static final int KEPT_STEPS = 12;

    /**
     * One operator's share.
     *
     * @param name           the operator's name, as in {@link CircuitRuntime#schedule()}
     * @param evalNanos      time in eval over all profiled steps
     * @param commitNanos    time in commit
     * @param allocatedBytes bytes allocated in eval and commit
     * @param maxStepNanos   its largest eval plus commit time in one step
     * @param maxStep        the step (number since the circuit started) of that largest time
     */
    public record Operator(String name, long evalNanos, long commitNanos, long allocatedBytes, long maxStepNanos,
            long maxStep) {
        public long totalNanos() {
            return evalNanos + commitNanos;
        }
    }

    /**
     * One slow step.
     *
     * @param step          its number since the circuit started
     * @param nanos         its time (eval and commit of every operator)
     * @param operator      the operator that took most of it
     * @param operatorNanos that operator's time in the step
     * @param gcMillis      time the JVM's collectors reported during the step (part of some operator's time)
     */
    public record Step(long step, long nanos, String operator, long operatorNanos, long gcMillis) {
    }

    public OperatorProfile {
        operators = List.copyOf(operators);
        slowest = List.copyOf(slowest);
    }

    /**
     * A text table: the {@code top} operators by time (eval, commit, allocation per step, slowest step), then
     * the slowest steps with their main operator.
     */
    public String toTable(int top) {
        StringBuilder s = new StringBuilder();
        long all = 0;
        for (Operator o : operators) all += o.totalNanos();
        List<Operator> byTime = new ArrayList<>(operators);
        byTime.sort(Comparator.comparingLong(Operator::totalNanos).reversed());
        s.append(String.format(Locale.ROOT, "%-36s %7s %10s %10s %12s %12s %8s%n", "operator", "share",
                "eval ms", "commit ms", "alloc B/step", "max step ms", "at step"));
        for (int i = 0; i < Math.min(top, byTime.size()); i++) {
            Operator o = byTime.get(i);
            s.append(String.format(Locale.ROOT, "%-36s %6.1f%% %10.1f %10.1f %12.0f %12.2f %8d%n", o.name(),
                    all == 0 ? 0 : 100.0 * o.totalNanos() / all, o.evalNanos() / 1e6, o.commitNanos() / 1e6,
                    steps == 0 ? 0 : (double) o.allocatedBytes() / steps, o.maxStepNanos() / 1e6, o.maxStep()));
        }
        s.append(String.format(Locale.ROOT, "slowest steps of %d:%n", steps));
        for (Step st : slowest) {
            s.append(String.format(Locale.ROOT, "  step %d: %.2f ms, %.2f ms of it in %s; garbage collection %d ms%n",
                    st.step(), st.nanos() / 1e6, st.operatorNanos() / 1e6, st.operator(), st.gcMillis()));
        }
        return s.toString();
    }

    /** The profile of several workers running one wiring: sums per operator, each step at its slowest worker. */
    static OperatorProfile merge(List<OperatorProfile> workers) {
        OperatorProfile first = workers.get(0);
        List<Operator> ops = new ArrayList<>();
        for (int i = 0; i < first.operators().size(); i++) {
            long eval = 0, commit = 0, bytes = 0, max = -1, maxStep = -1;
            for (OperatorProfile w : workers) {
                Operator o = w.operators().get(i);
                eval += o.evalNanos();
                commit += o.commitNanos();
                bytes += o.allocatedBytes();
                if (o.maxStepNanos() > max) {
                    max = o.maxStepNanos();
                    maxStep = o.maxStep();
                }
            }
            ops.add(new Operator(first.operators().get(i).name(), eval, commit, bytes, Math.max(0, max), maxStep));
        }
        List<Step> steps = new ArrayList<>();
        for (OperatorProfile w : workers) {
            for (Step st : w.slowest()) {
                int at = -1;
                for (int j = 0; j < steps.size(); j++) {
                    if (steps.get(j).step() == st.step()) at = j;
                }
                if (at < 0) steps.add(st);
                else if (st.nanos() > steps.get(at).nanos()) steps.set(at, st);
            }
        }
        steps.sort(Comparator.comparingLong(Step::nanos).reversed());
        return new OperatorProfile(first.steps(), ops, steps.subList(0, Math.min(KEPT_STEPS, steps.size())));
    }
}
