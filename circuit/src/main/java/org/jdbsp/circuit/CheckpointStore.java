package org.jdbsp.circuit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jdbsp.circuit.state.CheckpointException;
import org.jdbsp.circuit.state.Checkpointable;
import org.jdbsp.circuit.state.Placement;
import org.jdbsp.circuit.state.RowCodecs;
import org.jdbsp.circuit.state.StateFile;
import org.jdbsp.circuit.state.StateReader;
import org.jdbsp.circuit.state.StateWriter;

/**
 * Saves a circuit's state to a directory between steps, and restores it into a freshly built copy of the same
 * circuit, on one worker or on several ({@link Workers}). The user's entry point to durability:
 * <pre>{@code
 * CheckpointStore store = CheckpointStore.open(Path.of("state"));
 * Circuit c = build();
 * store.restore(c);                 // the last checkpoint, if there is one
 * ... push, c.step(), and now and then: store.save(c);
 * }</pre>
 *
 * <p>Layout: one directory per checkpoint, {@code step-<n>}, holding a file per stateful operator and worker (and
 * per input that keeps rows) with its own checksum, and a {@code MANIFEST} written last: every file is forced to
 * disk, then the manifest is written aside, forced, renamed into place and the directory forced, so a crash at any
 * point leaves the earlier checkpoints whole and the unfinished one ignored. The last {@link #keep(int)}
 * checkpoints (3 unless told) are kept. {@link #restore} verifies every file's length and checksum before it
 * changes anything; a damaged or truncated checkpoint is skipped for the one before it, and the skip is reported
 * in {@link Restored#skipped()}. A checkpoint of a different circuit (another fingerprint: the inputs and the
 * operators that keep state) is refused. A checkpoint restores onto another worker count, re-partitioned.
 *
 * <p>Rows are written by {@link RowCodecs}: built in for boxed primitives, strings, decimals, {@code java.time}
 * values, records and enums; other row types need a registered codec, and a checkpoint of a circuit holding
 * one without it fails before writing anything, naming the class. Cost: {@link #save} writes every operator's
 * whole state (O(state)) on as many threads as cores; {@link #restore} reads it and rebuilds the operators' tables
 * (O(state); on several workers each replica reads every saved worker's files). One thread uses a store.
 */
public final class CheckpointStore {
    private static final String PREFIX = "step-";

    private final Path root;
    private final int keep;
    private final RowCodecs codecs;

    private CheckpointStore(Path root, int keep, RowCodecs codecs) {
        this.root = root;
        this.keep = keep;
        this.codecs = codecs;
    }

    /** The store in {@code dir}, created if missing, keeping 3 checkpoints, with the standard codecs. */
    public static CheckpointStore open(Path dir) {
        if (dir == null) {
            throw new IllegalArgumentException("CheckpointStore.open(null)");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("creating checkpoint directory " + dir, e);
        }
        return new CheckpointStore(dir, 3, RowCodecs.standard());
    }

    /** This store keeping the last {@code checkpoints} (at least 1) complete checkpoints. */
    public CheckpointStore keep(int checkpoints) {
        if (checkpoints < 1) {
            throw new IllegalArgumentException("keep(" + checkpoints + "): at least one checkpoint must be kept");
        }
        return new CheckpointStore(root, checkpoints, codecs);
    }

    /** This store writing and reading rows with {@code codecs}. */
    public CheckpointStore codecs(RowCodecs codecs) {
        if (codecs == null) {
            throw new IllegalArgumentException("codecs(null)");
        }
        return new CheckpointStore(root, keep, codecs);
    }

    public Path directory() {
        return root;
    }

    /** The codecs rows are written and read with. */
    public RowCodecs codecs() {
        return codecs;
    }

    /** A checkpoint written: where, after which step, its size, its file count and how long it took. */
    public record Saved(Path directory, long step, long bytes, int files, long nanos) {
    }

    /**
     * A checkpoint restored: where from, the step the circuit now stands at, its size, how long it took, and the
     * newer checkpoints that were skipped because they were damaged, each with the reason.
     */
    public record Restored(Path directory, long step, long bytes, long nanos, List<String> skipped) {
    }

    /**
     * Writes a checkpoint of {@code circuit}'s committed state after its last step. Saving again after the same
     * step finds the checkpoint there and writes nothing.
     *
     * @throws CheckpointException   if an operator's state cannot be saved or a row has no codec (naming them);
     *                               nothing is left behind
     * @throws IllegalStateException if changes are pending on an input (step first)
     */
    public Saved save(CircuitRuntime circuit) {
        if (circuit == null) {
            throw new IllegalArgumentException("save(null)");
        }
        return save(circuit, circuit.stepCount(), Map.of());
    }

    /**
     * Writes a checkpoint of {@code circuit} (or of none, if null) together with {@code extra}: state kept beside
     * the circuit by the code that drives it (a SQL program's tables), one file each, under the names given,
     * which are part of the fingerprint. {@code step} is the steps completed, which a restore hands back.
     */
    public Saved save(CircuitRuntime circuit, long step, Map<String, ? extends Checkpointable> extra) {
        awaitPruning(); // it deletes unfinished checkpoints: not the one about to be written
        long t0 = System.nanoTime();
        List<Circuit> replicas = replicasOf(circuit);
        if (!replicas.isEmpty()) {
            checkNothingPending(replicas.get(0), "save");
        }
        List<Part> parts = parts(replicas, extra);
        String fingerprint = fingerprint(replicas, extra);
        Path dir = root.resolve(String.format("%s%012d", PREFIX, step));
        if (Files.exists(dir.resolve(CheckpointManifest.NAME))) {
            // the same step of the same circuit, on any worker count, is the same state: keep it if it is whole
            try {
                CheckpointManifest m = CheckpointManifest.read(dir);
                if (m.fingerprint().equals(fingerprint)) {
                    for (CheckpointManifest.Entry e : m.files()) {
                        StateFile.verify(dir.resolve(e.file()), e.bytes(), e.checksum());
                    }
                    return new Saved(dir, step, m.bytes(), m.files().size(), System.nanoTime() - t0);
                }
            } catch (CheckpointException damaged) {
                // written again below
            }
        }
        List<CheckpointManifest.Entry> entries = new ArrayList<>();
        try {
            deleteTree(dir);
            Files.createDirectories(dir);
            StateFile.Written[] written = writeAll(dir, parts);
            for (int i = 0; i < parts.size(); i++) {
                Part p = parts.get(i);
                entries.add(new CheckpointManifest.Entry(p.file, written[i].bytes(), written[i].checksum(), p.holds));
            }
            CheckpointManifest.forceDirectory(dir);
            CheckpointManifest m = new CheckpointManifest(step, replicas.size(),
                    replicas.isEmpty() ? "none" : replicas.get(0).mode().name(), fingerprint, List.copyOf(entries));
            m.write(dir);
            CheckpointManifest.forceDirectory(root);
            long nanos = System.nanoTime() - t0;
            pruneInBackground();
            return new Saved(dir, step, m.bytes(), entries.size(), nanos);
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new UncheckedIOException("writing checkpoint " + dir, e);
        } catch (RuntimeException e) {
            deleteQuietly(dir);
            throw e;
        }
    }

    /**
     * Restores the newest usable checkpoint into {@code circuit}, which must be freshly built (no step run, nothing
     * pending) by the same code as the circuit checkpointed, on any number of workers: onto another count than was
     * saved, the state is re-partitioned as the exchanges would have placed it ({@link Placement}). Afterwards the
     * circuit stands at the checkpoint's step ({@link CircuitRuntime#stepCount()}), its operators and output views
     * hold what they held then, and the last step's changes are empty.
     *
     * @return the checkpoint restored, or empty if the store holds none (the circuit is unchanged)
     * @throws CheckpointException   if the checkpoint is of a different circuit, or of another worker count where
     *                               an operator cannot re-partition its state (naming it), if every
     *                               checkpoint is damaged, or if a row cannot be read (a class gone, a codec not
     *                               registered); on the last, the circuit is partly restored and must be dropped
     * @throws IllegalStateException if the circuit has run a step or has changes pending
     */
    public Optional<Restored> restore(CircuitRuntime circuit) {
        if (circuit == null) {
            throw new IllegalArgumentException("restore(null)");
        }
        return restore(circuit, Map.of());
    }

    /**
     * As {@link #restore(CircuitRuntime)}, for a checkpoint written with {@link #save(CircuitRuntime, long, Map)}:
     * {@code circuit} may be null (none was saved), and each of {@code extra} reads back its file.
     */
    public Optional<Restored> restore(CircuitRuntime circuit, Map<String, ? extends Checkpointable> extra) {
        long t0 = System.nanoTime();
        List<Circuit> replicas = replicasOf(circuit);
        if (circuit != null && circuit.stepCount() != 0) {
            throw new IllegalStateException("restore into a circuit that has run " + circuit.stepCount()
                    + " steps: restore into a freshly built circuit");
        }
        if (!replicas.isEmpty()) {
            checkNothingPending(replicas.get(0), "restore");
        }
        List<Part> shared = shared(replicas, extra);
        for (Circuit r : replicas) {
            stateful(r); // refuses an operator that cannot be restored, before anything is read
        }
        String fingerprint = fingerprint(replicas, extra);
        List<String> skipped = new ArrayList<>();
        for (Path dir : checkpoints()) {
            CheckpointManifest m;
            try {
                m = CheckpointManifest.read(dir);
            } catch (CheckpointException e) {
                skipped.add(dir.getFileName() + ": " + e.getMessage());
                continue;
            }
            checkSameCircuit(dir, m, fingerprint, shared, replicas);
            try {
                for (CheckpointManifest.Entry e : m.files()) {
                    StateFile.verify(dir.resolve(e.file()), e.bytes(), e.checksum());
                }
            } catch (CheckpointException e) {
                skipped.add(dir.getFileName() + ": " + e.getMessage());
                continue;
            }
            readAll(dir, m, shared, replicas);
            if (circuit instanceof WorkerCircuit<?> w) {
                w.restoreStepCount(m.step());
            } else if (circuit != null) {
                replicas.get(0).restoreStepCount(m.step());
            }
            return Optional.of(new Restored(dir, m.step(), m.bytes(), System.nanoTime() - t0, List.copyOf(skipped)));
        }
        if (!skipped.isEmpty()) {
            throw new CheckpointException("no usable checkpoint in " + root + ": " + String.join("; ", skipped));
        }
        return Optional.empty();
    }

    /**
     * Writes the parts' files on as many threads as there are cores (the operators' state is only read, and the
     * workers are parked between steps), each thread taking the next part as it finishes one.
     */
    private StateFile.Written[] writeAll(Path dir, List<Part> parts) {
        StateFile.Written[] written = new StateFile.Written[parts.size()];
        int threads = Math.min(parts.size(), Runtime.getRuntime().availableProcessors());
        if (threads <= 1) {
            for (int i = 0; i < parts.size(); i++) {
                written[i] = StateFile.write(dir.resolve(parts.get(i).file), parts.get(i).holds, codecs,
                        parts.get(i).write, false);
            }
            for (Part p : parts) {
                StateFile.force(dir.resolve(p.file));
            }
            return written;
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        Runnable work = () -> {
            for (int i; (i = next.getAndIncrement()) < parts.size() && failure.get() == null; ) {
                Part p = parts.get(i);
                try {
                    written[i] = StateFile.write(dir.resolve(p.file), p.holds, codecs, p.write, false);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        Thread[] helpers = new Thread[threads - 1];
        for (int t = 0; t < helpers.length; t++) {
            helpers[t] = new Thread(work, "jdbsp-checkpoint-" + t);
            helpers[t].setDaemon(true);
            helpers[t].start();
        }
        work.run();
        for (Thread t : helpers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CheckpointException("interrupted while writing checkpoint " + dir, e);
            }
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
        for (Part p : parts) {
            StateFile.force(dir.resolve(p.file)); // the disk wrote most back while the others were written
        }
        return written;
    }

    /** The complete checkpoints (those with a manifest), newest first. */
    public List<Path> checkpoints() {
        awaitPruning();
        List<Path> all = new ArrayList<>();
        for (Path p : children()) {
            if (Files.exists(p.resolve(CheckpointManifest.NAME))) {
                all.add(p);
            }
        }
        all.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        return all;
    }

    /** The step of the oldest complete checkpoint kept, or 0 if there is none: a journal must reach back to it. */
    public long oldestStep() {
        List<Path> all = checkpoints();
        return all.isEmpty() ? 0 : stepOf(all.get(all.size() - 1));
    }

    /** The step a checkpoint directory of this store was taken after. */
    static long stepOf(Path checkpoint) {
        return Long.parseLong(checkpoint.getFileName().toString().substring(PREFIX.length()));
    }

    // ---- what a checkpoint holds --------------------------------------------------------------------------

    /** One file of a checkpoint: its name, what it holds (checked on read), how to write and read it. */
    private record Part(String file, String holds, Consumer<StateWriter> write, Consumer<StateReader> read) {
    }

    /** The files of a checkpoint of these replicas; throws, before anything is written, if one cannot be saved. */
    private static List<Part> parts(List<Circuit> replicas, Map<String, ? extends Checkpointable> extra) {
        List<Part> parts = shared(replicas, extra);
        for (int w = 0; w < replicas.size(); w++) {
            List<Node> nodes = stateful(replicas.get(w));
            for (int k = 0; k < nodes.size(); k++) {
                Checkpointable c = (Checkpointable) nodes.get(k);
                parts.add(new Part("w" + w + "-" + k + ".state", holds(w, nodes.get(k)), c::writeState, c::readState));
            }
        }
        return parts;
    }

    /** What a saved worker's file of operator {@code n} holds. */
    private static String holds(int worker, Node n) {
        return "worker " + worker + " " + n.name();
    }

    /** The files all replicas share: the state kept beside the circuit, and the inputs' rows. */
    private static List<Part> shared(List<Circuit> replicas, Map<String, ? extends Checkpointable> extra) {
        List<Part> parts = new ArrayList<>();
        int x = 0;
        for (Map.Entry<String, ? extends Checkpointable> e : new TreeMap<>(extra).entrySet()) {
            Checkpointable c = e.getValue();
            parts.add(new Part("extra-" + x++ + ".state", e.getKey(), c::writeState, c::readState));
        }
        if (replicas.isEmpty()) {
            return parts;
        }
        int k = 0;
        for (InputFront<?> f : new TreeMap<>(replicas.get(0).fronts()).values()) {
            if (f.keepsState()) {
                parts.add(new Part("input-" + k + ".state", "input " + f.name, f::writeState, f::readState));
            }
            k++;
        }
        return parts;
    }

    /**
     * The operators of a replica that keep state, in schedule order; throws, naming it, if one cannot be saved.
     * Exchanges keep none, so the list is the same whatever the worker count.
     */
    private static List<Node> stateful(Circuit replica) {
        List<Node> out = new ArrayList<>();
        for (Node n : replica.nodes()) {
            if (!n.keepsState()) {
                continue;
            }
            if (!(n instanceof Checkpointable c)) {
                throw new CheckpointException("operator " + n.name() + " (" + n.kind() + ") keeps state that "
                        + "checkpoints cannot save yet; this circuit cannot be checkpointed");
            }
            String why = c.checkpointUnsupported();
            if (why != null) {
                throw new CheckpointException("operator " + n.name() + " (" + n.kind() + ") cannot be "
                        + "checkpointed: " + why);
            }
            out.add(n);
        }
        return out;
    }

    /**
     * Checks that checkpoint {@code m} is of this circuit: the same fingerprint and a file for every part (for
     * every saved worker); onto another worker count, that every operator re-partitions its state.
     */
    private static void checkSameCircuit(Path dir, CheckpointManifest m, String fingerprint, List<Part> shared,
                                         List<Circuit> replicas) {
        if (!m.fingerprint().equals(fingerprint)) {
            throw new CheckpointException(dir + " is a checkpoint of a different circuit (fingerprint "
                    + m.fingerprint() + ", this circuit's is " + fingerprint + "): the operators or their wiring "
                    + "changed since it was written (or wire differently on this worker count); restore it into the "
                    + "circuit that wrote it, or start afresh");
        }
        java.util.Set<String> expected = new java.util.TreeSet<>();
        for (Part p : shared) {
            expected.add(p.holds);
        }
        List<Node> nodes = replicas.isEmpty() ? List.of() : stateful(replicas.get(0));
        for (int w = 0; w < m.workers(); w++) {
            for (Node n : nodes) {
                expected.add(holds(w, n));
            }
        }
        java.util.Set<String> found = new java.util.TreeSet<>();
        for (CheckpointManifest.Entry e : m.files()) {
            found.add(e.holds());
        }
        if (!expected.equals(found)) {
            throw new CheckpointException(dir + " holds the state of " + found + "; this circuit expects " + expected);
        }
        if (m.workers() != replicas.size()) {
            for (Node n : nodes) {
                if (!((Checkpointable) n).repartitions()) {
                    throw new CheckpointException(dir + " was written by " + m.workers() + " workers and this "
                            + "circuit has " + replicas.size() + ", but operator " + n.name() + " (" + n.kind()
                            + ") cannot re-partition its state: restore onto " + m.workers() + " workers");
                }
            }
        }
    }

    /**
     * Reads a verified checkpoint into the replicas: the shared files once; each operator's own file, or onto
     * another worker count every saved worker's file of it, each with the {@link Placement} of the replica.
     */
    private void readAll(Path dir, CheckpointManifest m, List<Part> shared, List<Circuit> replicas) {
        Map<String, String> fileOf = new java.util.HashMap<>();
        for (CheckpointManifest.Entry e : m.files()) {
            fileOf.put(e.holds(), e.file());
        }
        for (Part p : shared) {
            StateFile.read(dir.resolve(fileOf.get(p.holds)), p.holds, codecs, p.read);
        }
        int saved = m.workers();
        // keyed state goes where this JVM's hash codes route its keys, even onto as many workers: an enum's (or a
        // row holding one's) hash code differs from one JVM to the next; operators that cannot be re-partitioned
        // get their own worker's file back
        boolean place = saved > 1 || saved != replicas.size();
        for (Circuit r : replicas) {
            for (Node n : stateful(r)) {
                place &= ((Checkpointable) n).repartitions();
            }
        }
        for (int j = 0; j < replicas.size(); j++) {
            for (Node n : stateful(replicas.get(j))) {
                Checkpointable c = (Checkpointable) n;
                if (!place) {
                    String h = holds(j, n);
                    StateFile.read(dir.resolve(fileOf.get(h)), h, codecs, c::readState);
                    continue;
                }
                for (int w = 0; w < saved; w++) {
                    String h = holds(w, n);
                    Placement placement = Placement.of(j, replicas.size(), w);
                    StateFile.read(dir.resolve(fileOf.get(h)), h, codecs, in -> c.readState(in, placement));
                }
            }
        }
    }

    /**
     * A digest of the circuit's shape: the names of the state kept beside it, its mode, inputs, and the class and
     * name of every operator that keeps state. Two circuits built by the same code have the same one, on any
     * worker count (exchanges keep no state, and take no operator numbers).
     */
    static String fingerprint(List<Circuit> replicas, Map<String, ? extends Checkpointable> extra) {
        StringBuilder s = new StringBuilder();
        for (String name : new TreeMap<>(extra).keySet()) {
            s.append("extra ").append(name).append('\n');
        }
        if (!replicas.isEmpty()) {
            describe(replicas.get(0), s);
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void describe(Circuit c, StringBuilder s) {
        s.append(c.mode()).append('\n');
        for (Map.Entry<String, InputFront<?>> e : new TreeMap<>(c.fronts()).entrySet()) {
            s.append("input ").append(e.getKey()).append(' ').append(e.getValue().kind).append('\n');
        }
        List<String> ops = new ArrayList<>();
        for (Node n : c.nodes()) {
            if (n.keepsState()) {
                ops.add(n.getClass().getName() + " " + n.name());
            }
        }
        java.util.Collections.sort(ops);
        for (String o : ops) {
            s.append(o).append('\n');
        }
    }

    private static List<Circuit> replicasOf(CircuitRuntime circuit) {
        if (circuit == null) {
            return List.of();
        }
        if (circuit instanceof Circuit c) {
            return List.of(c);
        }
        if (circuit instanceof WorkerCircuit<?> w) {
            return w.replicas();
        }
        throw new CheckpointException("a checkpoint saves a Circuit or a WorkerCircuit, not a "
                + (circuit == null ? "null" : circuit.getClass().getName()));
    }

    private static void checkNothingPending(Circuit c, String what) {
        for (InputFront<?> f : c.fronts().values()) {
            if (f.hasPending()) {
                throw new IllegalStateException(what + ": input '" + f.name + "' has changes pending; checkpoints "
                        + "are taken between steps, so step first (or clear them)");
            }
        }
    }

    // ---- files ---------------------------------------------------------------------------------------------

    private List<Path> children() {
        List<Path> all = new ArrayList<>();
        try (var s = Files.list(root)) {
            s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p)).forEach(all::add);
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + root, e);
        }
        return all;
    }

    /**
     * The deletion of old checkpoints still running, if any (one at a time; a store, like the circuit it saves, is
     * used by one thread).
     */
    private static volatile Thread pruning;

    /**
     * Deletes old checkpoints on a daemon thread, so that the pause of a checkpoint does not include deleting
     * gigabytes; a deletion cut short by a crash leaves a directory without manifest, which is ignored and
     * deleted later. Waits for the previous deletion first.
     */
    private void pruneInBackground() {
        awaitPruning();
        Thread t = new Thread(this::prune, "jdbsp-checkpoint-prune");
        t.setDaemon(true);
        pruning = t;
        t.start();
    }

    /** Waits until old checkpoints are deleted (before listing or writing checkpoints). */
    static void awaitPruning() {
        Thread t = pruning;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Deletes the complete checkpoints beyond the newest {@link #keep} and every unfinished one. */
    private void prune() {
        List<Path> complete = checkpoints();
        for (int i = keep; i < complete.size(); i++) {
            deleteQuietly(complete.get(i));
        }
        long newest = complete.isEmpty() ? Long.MIN_VALUE : stepOf(complete.get(0));
        for (Path p : children()) {
            // only those a newer checkpoint passed: a checkpoint being written now is not deleted under it
            if (!Files.exists(p.resolve(CheckpointManifest.NAME)) && stepOrMax(p) < newest) {
                deleteQuietly(p);
            }
        }
    }

    private static long stepOrMax(Path p) {
        try {
            return stepOf(p);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.deleteIfExists(dir.resolve(CheckpointManifest.NAME)); // first: a half-deleted checkpoint is unfinished
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            // left for the next prune
        }
    }
}
