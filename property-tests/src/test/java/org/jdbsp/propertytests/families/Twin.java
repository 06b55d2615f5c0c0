package org.jdbsp.propertytests.families;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.OutputHandle;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.ZSet;

/**
 * One wiring built twice, incremental and naive, fed the same seeded random run of changes, their outputs compared
 * after every step (change and view). Runs are large enough to grow every table of the operators: by default 24
 * steps of up to 3,000 changes each, about 14,000 rows per input at the peak, then a phase that deletes most of them.
 * With {@code negative}, some changes delete rows that are not present or push weights of -2 and 2 (for operators
 * that define negative weights); otherwise every input stays a multiset. A failure names the family, the seed
 * and the step.
 */
final class Twin {
    /** A fact row: two keys, a value, a nullable value, a decimal, a name and an event time. */
    record Fact(long id, long key, long key2, long val, Long maybe, BigDecimal dec, String name, long time) {
        /** A composite object key. */
        Pair2 pair() {
            return new Pair2(key, key2);
        }
    }

    /** A two-field key. */
    record Pair2(long a, long b) {
    }

    /** Wires the query under test. */
    @FunctionalInterface
    interface Wiring {
        Stream<?> wire(CircuitBuilder b, List<Stream<Fact>> inputs);
    }

    /** The shape of a run. */
    record Plan(int inputs, int steps, int perStep, int keys, boolean negative, boolean appendOnly) {
        static Plan of(int inputs) {
            return new Plan(inputs, 24, 3000, 300, false, false);
        }

        Plan withNegative() {
            return new Plan(inputs, steps, perStep, keys, true, appendOnly);
        }

        Plan withAppendOnly() {
            return new Plan(inputs, steps, perStep, keys, false, true);
        }

        Plan withKeys(int n) {
            return new Plan(inputs, steps, perStep, n, negative, appendOnly);
        }
    }

    private Twin() {
    }

    private static final class Side {
        final Circuit circuit;
        final List<InputHandle<Fact>> inputs = new ArrayList<>();
        final OutputHandle<?> out;

        Side(Mode mode, Plan plan, Wiring wiring) {
            CircuitBuilder b = new CircuitBuilder(mode);
            List<Stream<Fact>> streams = new ArrayList<>();
            for (int i = 0; i < plan.inputs(); i++) {
                InputHandle<Fact> h = plan.appendOnly() ? b.appendOnlyInput("in" + i, Fact.class)
                        : b.input("in" + i, Fact.class);
                inputs.add(h);
                streams.add(h.stream());
            }
            out = b.output("out", wiring.wire(b, streams));
            circuit = b.build();
        }
    }

    /** Runs {@code wiring} on the seeded run, incremental against naive; returns the peak view size seen. */
    static int check(String what, long seed, Plan plan, Wiring wiring) {
        Random r = new Random(seed);
        Side inc = new Side(Mode.INCREMENTAL, plan, wiring);
        Side naive = new Side(Mode.NAIVE, plan, wiring);
        Changes changes = new Changes(r, plan);
        int peak = 0;
        for (int step = 0; step < plan.steps(); step++) {
            changes.step(step, (input, f, w) -> {
                inc.inputs.get(input).push(f, w);
                naive.inputs.get(input).push(f, w);
            });
            inc.circuit.step();
            naive.circuit.step();
            ZSet<?> vi = inc.out.view();
            ZSet<?> vn = naive.out.view();
            peak = Math.max(peak, vi.size());
            if (!vi.equals(vn) || !inc.out.delta().equals(naive.out.delta())) {
                throw new AssertionError(what + ": incremental and naive differ at step " + step + ", seed " + seed
                        + "\n  incremental delta: " + inc.out.delta() + "\n  naive delta:       "
                        + naive.out.delta());
            }
        }
        return peak;
    }

    /** Receives one change of a run: the input it goes to, the row and its weight. */
    @FunctionalInterface
    interface Sink {
        void push(int input, Fact row, long weight);
    }

    /**
     * The seeded changes of a run, step by step: mostly insertions while the inputs grow, then mostly deletions of
     * rows present (never with {@code appendOnly}); with {@code negative}, some deletions of absent rows and weights
     * of 2.
     */
    static final class Changes {
        private final Random r;
        private final Plan plan;
        private final List<List<Fact>> present = new ArrayList<>();
        private long id;

        Changes(Random r, Plan plan) {
            this.r = r;
            this.plan = plan;
            for (int i = 0; i < plan.inputs(); i++) {
                present.add(new ArrayList<>());
            }
        }

        /** Hands step {@code step}'s changes to {@code sink}. */
        void step(int step, Sink sink) {
            boolean shrinking = step >= plan.steps() * 2 / 3;
            int changes = 1 + r.nextInt(plan.perStep());
            for (int c = 0; c < changes; c++) {
                int input = r.nextInt(plan.inputs());
                List<Fact> live = present.get(input);
                boolean delete = !plan.appendOnly() && !live.isEmpty() && r.nextInt(10) < (shrinking ? 8 : 2);
                Fact f;
                long w;
                if (delete) {
                    f = live.remove(r.nextInt(live.size()));
                    w = -1;
                } else {
                    f = fact(r, id++, plan.keys(), step);
                    w = 1;
                    live.add(f);
                }
                if (plan.negative() && r.nextInt(8) == 0) {
                    // weights that make the inputs non-multisets: deletes of absent rows, double weights
                    w = r.nextBoolean() ? -2 : 2;
                    if (w == -2) {
                        f = fact(r, id++, plan.keys(), step);
                    }
                }
                sink.push(input, f, w);
            }
        }
    }

    private static final String[] NAMES = {"ann", "bob", "cat", "dan", "eve", "fay", "gus"};

    static Fact fact(Random r, long id, int keys, int step) {
        long key = r.nextInt(keys);
        long val = r.nextInt(2000) - 500;
        Long maybe = r.nextInt(4) == 0 ? null : (long) (r.nextInt(200) - 50);
        BigDecimal dec = r.nextInt(5) == 0 ? null : BigDecimal.valueOf(r.nextInt(100_000) - 30_000, 2);
        long time = step * 1000L + r.nextInt(1500) - 300; // mostly increasing, some late
        return new Fact(id, key, r.nextInt(3), val, maybe, dec, NAMES[r.nextInt(NAMES.length)], time);
    }
}
