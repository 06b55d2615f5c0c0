package org.jdbsp.circuit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
 * What a checkpoint of a circuit holds, for {@link CheckpointStore}: its files (the state kept beside the circuit,
 * the inputs' rows, one per operator that keeps state and worker), the circuit's fingerprint, the checks that a
 * checkpoint fits a circuit, and how its files are read back into the replicas, re-partitioned when the worker
 * count differs. Stateless; O(operators) per call besides the reading.
 */
final class CheckpointLayout {
    private CheckpointLayout() {
    }

    /** One file of a checkpoint: its name, what it holds (checked on read), how to write and read it. */
    record Part(String file, String holds, Consumer<StateWriter> write, Consumer<StateReader> read) {
    }

    /** The files of a checkpoint of these replicas; throws, before anything is written, if one cannot be saved. */
    static List<Part> parts(List<Circuit> replicas, Map<String, ? extends Checkpointable> extra) {
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
    static List<Part> shared(List<Circuit> replicas, Map<String, ? extends Checkpointable> extra) {
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
    static List<Node> stateful(Circuit replica) {
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
    static void checkSameCircuit(Path dir, CheckpointManifest m, String fingerprint, List<Part> shared,
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
    static void readAll(Path dir, CheckpointManifest m, List<Part> shared, List<Circuit> replicas,
                        RowCodecs codecs) {
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

    static List<Circuit> replicasOf(CircuitRuntime circuit) {
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

    static void checkNothingPending(Circuit c, String what) {
        for (InputFront<?> f : c.fronts().values()) {
            if (f.hasPending()) {
                throw new IllegalStateException(what + ": input '" + f.name + "' has changes pending; checkpoints "
                        + "are taken between steps, so step first (or clear them)");
            }
        }
    }
}
