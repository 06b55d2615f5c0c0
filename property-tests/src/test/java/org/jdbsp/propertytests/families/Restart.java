package org.jdbsp.propertytests.families;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.jdbsp.circuit.CheckpointStore;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.CircuitRuntime;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.Stream;
import org.jdbsp.circuit.Workers;
import org.jdbsp.circuit.state.RowCodec;
import org.jdbsp.circuit.state.RowCodecs;
import org.jdbsp.circuit.state.StateReader;
import org.jdbsp.circuit.state.StateWriter;
import org.jdbsp.propertytests.families.Twin.Fact;
import org.jdbsp.propertytests.families.Twin.Plan;
import org.jdbsp.zset.ZSet;

/**
 * One incremental wiring run twice over the same seeded changes (as {@link Twin} makes them): once without
 * stopping, once checkpointed at a seeded step, restored into a freshly built circuit and continued. After the
 * restore and after every later step the two must agree: the output's change and view, the state rows. A
 * failure names the family, the seed, the workers and the step.
 */
final class Restart {
    private Restart() {
    }

    /** Rows and keys the test queries make that are neither records nor built-in types: lists and sorted sets. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static final RowCodecs CODECS = RowCodecs.standard()
            .with(List.class, (RowCodec) new CollectionCodec<>("test.list", ArrayList::new))
            .with(TreeSet.class, new CollectionCodec<>("test.treeset", TreeSet::new));

    private static final class CollectionCodec<C extends java.util.Collection<Object>> implements RowCodec<C> {
        private final String id;
        private final java.util.function.Supplier<C> make;

        CollectionCodec(String id, java.util.function.Supplier<C> make) {
            this.id = id;
            this.make = make;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void write(C value, StateWriter out) {
            out.writeVarLong(value.size());
            for (Object o : value) {
                out.writeValue(o);
            }
        }

        @Override
        public C read(StateReader in) {
            C c = make.get();
            for (int i = in.readSize(); i > 0; i--) {
                c.add(in.readValue());
            }
            return c;
        }
    }

    private static CircuitRuntime build(int workers, Plan plan, Twin.Wiring wiring) {
        java.util.function.Consumer<CircuitBuilder> wire = b -> {
            List<Stream<Fact>> streams = new ArrayList<>();
            for (int i = 0; i < plan.inputs(); i++) {
                InputHandle<Fact> h = plan.appendOnly() ? b.appendOnlyInput("in" + i, Fact.class)
                        : b.input("in" + i, Fact.class);
                streams.add(h.stream());
            }
            b.output("out", wiring.wire(b, streams));
        };
        if (workers == 1) {
            CircuitBuilder b = CircuitBuilder.incremental();
            wire.accept(b);
            return b.build();
        }
        return Workers.build(workers, Mode.INCREMENTAL, wire);
    }

    /** Runs the check in {@code dir} (a fresh directory); returns the size of the checkpoint written, in bytes. */
    static long check(String what, long seed, Plan plan, int workers, Path dir, Twin.Wiring wiring) {
        return check(what, seed, plan, workers, workers, dir, wiring);
    }

    /**
     * As {@link #check(String, long, Plan, int, Path, Twin.Wiring)}, restoring onto {@code restoredWorkers}
     * workers: the checkpoint is re-partitioned (state rows are then not compared: a broadcast join keeps a copy
     * per worker).
     */
    static long check(String what, long seed, Plan plan, int workers, int restoredWorkers, Path dir,
                      Twin.Wiring wiring) {
        Random r = new Random(seed);
        int cut = plan.steps() / 3 + r.nextInt(plan.steps() / 3);
        CheckpointStore store = CheckpointStore.open(dir).codecs(CODECS);
        String where = what + ", seed " + seed + ", " + workers + " worker(s)"
                + (restoredWorkers == workers ? "" : " restored onto " + restoredWorkers);
        long bytes;
        try (CircuitRuntime live = build(workers, plan, wiring)) {
            Twin.Changes changes = new Twin.Changes(r, plan);
            for (int step = 0; step < cut; step++) {
                changes.step(step, (input, f, w) -> live.input("in" + input, Fact.class).push(f, w));
                live.step();
            }
            bytes = store.save(live).bytes();
            try (CircuitRuntime back = build(restoredWorkers, plan, wiring)) {
                CheckpointStore.Restored restored = store.restore(back).orElseThrow();
                if (restored.step() != cut || back.stepCount() != cut) {
                    throw new AssertionError(where + ": restored at step " + restored.step() + ", expected " + cut);
                }
                compare(live, back, false, where + ", right after the restore at step " + cut);
                for (int step = cut; step < plan.steps(); step++) {
                    changes.step(step, (input, f, w) -> {
                        live.input("in" + input, Fact.class).push(f, w);
                        back.input("in" + input, Fact.class).push(f, w);
                    });
                    live.step();
                    back.step();
                    compare(live, back, true, where + ", step " + step + " (restored at " + cut + ")");
                }
            }
        }
        return bytes;
    }

    /** Compares views and state rows, and unless right after the restore (which has no last change), changes. */
    private static void compare(CircuitRuntime live, CircuitRuntime back, boolean changes, String where) {
        ZSet<?> vl = live.output("out").view();
        ZSet<?> vb = back.output("out").view();
        if (!vl.equals(vb)) {
            throw new AssertionError(where + ": views differ\n  never stopped: " + vl.size() + " rows\n  restored:      "
                    + vb.size() + " rows");
        }
        if (changes && !live.output("out").delta().equals(back.output("out").delta())) {
            throw new AssertionError(where + ": changes differ\n  never stopped: " + live.output("out").delta()
                    + "\n  restored:      " + back.output("out").delta());
        }
        if (live.workers() == back.workers() && live.stateRows() != back.stateRows()) {
            throw new AssertionError(where + ": state rows " + live.stateRows() + " never stopped, " + back.stateRows()
                    + " restored");
        }
    }
}
