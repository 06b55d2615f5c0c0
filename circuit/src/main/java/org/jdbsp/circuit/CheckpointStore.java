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
 * in {@link Restored#skipped()}. A checkpoint of a different circuit (another fingerprint: the operators and their
 * wiring, in schedule order) is refused.
 *
 * <p>Rows are written by {@link RowCodecs}: built in for boxed primitives, strings, decimals, {@code java.time}
 * values, records and enums; other row types need a registered codec, and a checkpoint of a circuit holding
 * one without it fails before writing anything naming the class. Cost: {@link #save} writes every operator's
 * whole state (O(state)); {@link #restore} reads it and rebuilds the operators' tables (O(state)).
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
        long t0 = System.nanoTime();
        List<Circuit> replicas = replicasOf(circuit);
        if (!replicas.isEmpty()) {
            checkNothingPending(replicas.get(0), "save");
        }
        List<Part> parts = parts(replicas, extra);
        String fingerprint = fingerprint(replicas, extra);
        Path dir = root.resolve(String.format("%s%012d", PREFIX, step));
        if (Files.exists(dir.resolve(CheckpointManifest.NAME))) {
            CheckpointManifest m = CheckpointManifest.read(dir);
            if (m.fingerprint().equals(fingerprint) && m.workers() == replicas.size()) {
                return new Saved(dir, step, m.bytes(), m.files().size(), System.nanoTime() - t0);
            }
        }
        List<CheckpointManifest.Entry> entries = new ArrayList<>();
        try {
            deleteTree(dir);
            Files.createDirectories(dir);
            for (Part p : parts) {
                StateFile.Written w = StateFile.write(dir.resolve(p.file), p.holds, codecs, p.write);
                entries.add(new CheckpointManifest.Entry(p.file, w.bytes(), w.checksum(), p.holds));
            }
            CheckpointManifest.forceDirectory(dir);
            CheckpointManifest m = new CheckpointManifest(step, replicas.size(),
                    replicas.isEmpty() ? "none" : replicas.get(0).mode().name(), fingerprint, List.copyOf(entries));
            m.write(dir);
            CheckpointManifest.forceDirectory(root);
            prune();
            return new Saved(dir, step, m.bytes(), entries.size(), System.nanoTime() - t0);
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
     * pending) by the same code as the circuit checkpointed, with as many workers. Afterwards the circuit stands
     * at the checkpoint's step ({@link CircuitRuntime#stepCount()}), its operators and output views hold what they
     * held then, and the last step's changes are empty.
     *
     * @return the checkpoint restored, or empty if the store holds none (the circuit is unchanged)
     * @throws CheckpointException   if the checkpoint is of a different circuit or worker count, if every
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
        List<Part> parts = parts(replicas, extra);
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
            checkSameCircuit(dir, m, fingerprint, replicas.size(), parts);
            try {
                for (CheckpointManifest.Entry e : m.files()) {
                    StateFile.verify(dir.resolve(e.file()), e.bytes(), e.checksum());
                }
            } catch (CheckpointException e) {
                skipped.add(dir.getFileName() + ": " + e.getMessage());
                continue;
            }
            for (Part p : parts) {
                StateFile.read(dir.resolve(p.file), p.holds, codecs, p.read);
            }
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

    /** The complete checkpoints (those with a manifest), newest first. */
    public List<Path> checkpoints() {
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
        List<Part> parts = new ArrayList<>();
        int x = 0;
        for (Map.Entry<String, ? extends Checkpointable> e : new TreeMap<>(extra).entrySet()) {
            Checkpointable c = e.getValue();
            parts.add(new Part("extra-" + x++ + ".state", e.getKey(), c::writeState, c::readState));
        }
        if (replicas.isEmpty()) {
            return parts;
        }
        Map<String, InputFront<?>> inputs = new TreeMap<>(replicas.get(0).fronts());
        int k = 0;
        for (InputFront<?> f : inputs.values()) {
            if (f.keepsState()) {
                parts.add(new Part("input-" + k + ".state", "input " + f.name, f::writeState, f::readState));
            }
            k++;
        }
        for (int w = 0; w < replicas.size(); w++) {
            List<Node> nodes = replicas.get(w).nodes();
            for (int i = 0; i < nodes.size(); i++) {
                Node n = nodes.get(i);
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
                parts.add(new Part("w" + w + "-n" + i + ".state", "worker " + w + " " + n.name(), c::writeState,
                        c::readState));
            }
        }
        return parts;
    }

    private static void checkSameCircuit(Path dir, CheckpointManifest m, String fingerprint, int workers,
                                         List<Part> parts) {
        if (!m.fingerprint().equals(fingerprint)) {
            throw new CheckpointException(dir + " is a checkpoint of a different circuit (fingerprint "
                    + m.fingerprint() + ", this circuit's is " + fingerprint + "): the operators or their wiring "
                    + "changed since it was written; restore it into the circuit that wrote it, or start afresh");
        }
        if (m.workers() != workers) {
            throw new CheckpointException(dir + " was written by " + m.workers() + " workers; this circuit has "
                    + workers + " (restoring onto another worker count is not supported yet)");
        }
        List<String> expected = new ArrayList<>();
        for (Part p : parts) {
            expected.add(p.file + " " + p.holds);
        }
        List<String> found = new ArrayList<>();
        for (CheckpointManifest.Entry e : m.files()) {
            found.add(e.file() + " " + e.holds());
        }
        if (!expected.equals(found)) {
            throw new CheckpointException(dir + " holds the files " + found + "; this circuit expects " + expected);
        }
    }

    /**
     * A digest of the circuit's shape: its mode, inputs, and every operator in schedule order with its class, name
     * and the streams it reads. Two circuits built by the same code have the same one.
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
        for (Node n : c.nodes()) {
            s.append(n.getClass().getName()).append(' ').append(n.name());
            for (Stream<?> in : n.inputs()) {
                s.append(' ').append(in.name());
            }
            s.append('\n');
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

    /** Deletes the complete checkpoints beyond the newest {@link #keep} and every unfinished one. */
    private void prune() {
        List<Path> complete = checkpoints();
        for (int i = keep; i < complete.size(); i++) {
            deleteQuietly(complete.get(i));
        }
        for (Path p : children()) {
            if (!Files.exists(p.resolve(CheckpointManifest.NAME))) {
                deleteQuietly(p);
            }
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
