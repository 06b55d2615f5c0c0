package org.jdbsp.circuit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import org.jdbsp.zset.ZSet;

/**
 * Wires a circuit: declare inputs, chain operators on their streams, declare outputs, then {@link #build()}.
 *
 * <pre>{@code
 * CircuitBuilder b = CircuitBuilder.incremental();
 * InputHandle<Long> in = b.input("numbers", Long.class);
 * Stream<Long> runningTotal = in.stream().integrate().named("total");
 * OutputHandle<Long> out = b.output("total", Long.class, runningTotal);
 * Circuit c = b.build();
 * in.insert(5L); c.step(); out.delta();
 * c.input("numbers", Long.class).insert(6L); // the same input, looked up on the built circuit
 * }</pre>
 *
 * <p>Inputs come in four kinds: {@link #input} (any change), {@link #appendOnlyInput} (insertions only),
 * {@link #strictInput} (deletes only of rows present) and {@link #keyedInput} (a table with a primary key). Each
 * may be declared with a row type, which the handle checks on every push and the built circuit's lookups check
 * against the type asked for; outputs may be declared with one too.
 *
 * <p>The same wiring runs incrementally ({@link Mode#INCREMENTAL}: streams carry changes) or naively
 * ({@link Mode#NAIVE}: streams carry snapshots, every operator recomputes); operator libraries ask
 * {@link #mode()} which implementation to add. Wiring errors are reported here or at {@link #build()}, never
 * while running. A builder is single-use and not thread-safe.
 */
public final class CircuitBuilder {
    private final Mode mode;
    private final List<Node> nodes = new ArrayList<>();
    /** Elementwise nodes whose work direct exchanges repeat (see {@link #exchange}); dropped if left unread. */
    private final Set<ElementwiseNode<?, ?>> claimed = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Stream<?>> streams = new ArrayList<>();
    private final Map<String, InputFront<?>> inputs = new LinkedHashMap<>();
    private final Map<String, OutputHandle<?>> outputs = new LinkedHashMap<>();
    private final List<Feedback<?>> feedbacks = new ArrayList<>();
    private final List<ForwardRef<?>> forwards = new ArrayList<>();
    private final List<String> nestedNotes = new ArrayList<>();
    private boolean built;
    private int nextNodeId;
    /** Numbers of the nodes only a multi-worker circuit has ({@link #addWorkerNode}). */
    private int nextWorkerNodeId;
    private final NestedScope scope;
    private final WorkerContext worker;
    /** The operator names users chose: one registry for a root circuit and its nested circuits. */
    private final OperatorNames names;

    public CircuitBuilder(Mode mode) {
        this(mode, null, null);
    }

    CircuitBuilder(Mode mode, NestedScope scope, WorkerContext worker) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.scope = scope;
        this.worker = worker;
        this.names = scope == null ? new OperatorNames() : scope.parent().names;
    }

    /** A builder for a circuit that does work proportional to the change. */
    public static CircuitBuilder incremental() {
        return new CircuitBuilder(Mode.INCREMENTAL);
    }

    /** A builder for the same circuit recomputed from scratch at every step (the reference). */
    public static CircuitBuilder naive() {
        return new CircuitBuilder(Mode.NAIVE);
    }

    public Mode mode() {
        return mode;
    }

    public boolean isNaive() {
        return mode == Mode.NAIVE;
    }

    /** The nested scope this builder wires, or null for a root circuit. For operator implementations. */
    public NestedScope nestedScope() {
        return scope;
    }

    // ---- workers ------------------------------------------------------------------------------------------

    /** The index of the worker whose replica this builder wires, in {@code [0, workers())}; 0 for a plain circuit. */
    public int workerIndex() {
        return worker == null ? 0 : worker.index;
    }

    /** The number of workers running replicas of this circuit; 1 for a plain circuit (see {@link Workers}). */
    public int workers() {
        return worker == null ? 1 : worker.workers();
    }

    WorkerContext workerContext() {
        return worker;
    }

    /**
     * Routes every record of {@code s} to the worker that owns its key, for an operator that groups by that key
     * ({@code what} names the operator). With one worker this returns {@code s} itself and costs nothing; with
     * several it adds an exchange: each worker partitions its records by {@code keyHash} and receives the
     * records whose key it owns, after a barrier with the other workers. Equal keys must have equal hashes.
     * Exchanges must be wired in the same order in every replica. If the hash (user code) throws for a record,
     * the record goes to worker 0 and the operator after the exchange reports the failure, since it calls the
     * same key function. Cost with several workers: O(|change|) per tick plus one barrier.
     */
    public <T> Stream<T> shard(Stream<T> s, ToIntFunction<? super T> keyHash, String what) {
        return shard(s, keyHash, what, null);
    }

    /**
     * {@link #shard(Stream, ToIntFunction, String)} that names its routing: a value, equal for every key hash that
     * places each record on the same worker ({@code routing.equals}), such as "the hash of column 0 as a
     * {@code long}". When {@code s} is already routed so ({@link Stream#routing()} equal to {@code routing}), no
     * exchange is added and {@code s} is returned: its records already sit where {@code keyHash} would send them
     * (an aggregate by the key a join before it was partitioned by). Otherwise the exchange's output carries
     * {@code routing}. A null {@code routing} names nothing and always exchanges. Cost: as
     * {@link #shard(Stream, ToIntFunction, String)}, or none when the exchange is left out.
     */
    public <T> Stream<T> shard(Stream<T> s, ToIntFunction<? super T> keyHash, String what, Object routing) {
        checkOpen();
        Objects.requireNonNull(keyHash, "keyHash");
        checkOwns(s, Objects.requireNonNull(what, "what"));
        if (worker == null || worker.workers() <= 1) {
            return s;
        }
        if (routing != null && routing.equals(s.routing)) {
            return s;
        }
        Stream<T> out = exchange(s, keyHash, what, "exchange");
        out.routing = routing;
        return out;
    }

    /**
     * Declares how the records of {@code s} are placed among the workers, for an operator author or a compiler
     * that knows it: every record of {@code s} is on the worker an exchange with this {@code routing} would send
     * it to (an inner join's output, on the worker owning its key, is routed as that key's columns; a filter of a
     * routed stream is routed alike). A later {@link #shard(Stream, ToIntFunction, String, Object)} of {@code s}
     * with an equal routing then adds no exchange. A wrong declaration gives wrong results with several workers;
     * with one it has no effect. Replaces an earlier declaration; null forgets it. Returns {@code s}.
     */
    public <T> Stream<T> routed(Stream<T> s, Object routing) {
        checkOpen();
        checkOwns(s, "routed");
        s.routing = routing;
        return s;
    }

    /**
     * Gives every worker all records of {@code s} (the sum of what every worker holds), for the small side of a
     * join whose large side is left where it is ({@code Joins.joinOnLongBroadcast}): no record of the large side
     * moves, so a hot key of the large side does not pile up on one worker. With one worker this returns
     * {@code s}. Cost with n workers: each record is sent to and inserted by all n workers, plus one barrier
     * (none right after an input, which every worker reads whole); operators after it keep n copies of what
     * they derive from it.
     */
    public <T> Stream<T> broadcast(Stream<T> s, String what) {
        checkOpen();
        checkOwns(s, Objects.requireNonNull(what, "what"));
        if (worker == null || worker.workers() <= 1) {
            return s;
        }
        return exchange(s, null, "broadcast " + what, "broadcast");
    }

    /**
     * Adds an exchange of {@code s} ({@code keyHash == null}: a broadcast). In incremental mode, when {@code s}
     * is an input, or an input followed only by elementwise operators (map, filter, flatMap) whose results
     * nothing else reads yet, the exchange reads the input's shared pending change directly, applying those
     * operators itself: no barrier, and the operators' own nodes, left unread, are dropped at build time.
     */
    private <T> Stream<T> exchange(Stream<T> s, ToIntFunction<? super T> keyHash, String what, String streamName) {
        Stream<T> out = newStream(streamName);
        List<ElementwiseNode<?, ?>> chain = new ArrayList<>();
        InputNode<?> direct = isNaive() ? null : directSource(s, chain);
        if (direct == null) {
            addNode(new ExchangeNode<>(what, s, out, keyHash, worker, null, List.of()));
            return out;
        }
        addNode(new ExchangeNode<>(what, direct.output(), out, keyHash, worker, direct, chain));
        out.appendOnly = s.appendOnly; // what it moves is s, the chain's result, not the input it reads
        direct.directConsumers++;
        claimed.addAll(chain);
        return out;
    }

    /**
     * The input that {@code s} is computed from by elementwise operators alone (collected into {@code chain},
     * first to last), each of whose results has no other reader so far; {@code null} if there is none.
     */
    private static InputNode<?> directSource(Stream<?> s, List<ElementwiseNode<?, ?>> chain) {
        if (s.consumers > 0 && !(s.producer instanceof InputNode)) {
            return null;
        }
        Node p = s.producer;
        while (p instanceof ElementwiseNode) {
            ElementwiseNode<?, ?> e = (ElementwiseNode<?, ?>) p;
            chain.add(0, e);
            Stream<?> in = e.in();
            if (in.producer instanceof ElementwiseNode && in.consumers > 1) {
                return null;
            }
            p = in.producer;
        }
        return p instanceof InputNode ? (InputNode<?>) p : null;
    }

    /** {@link #shard} by {@code Objects.hashCode(key.apply(x))}. */
    public <T> Stream<T> shardByKey(Stream<T> s, Function<? super T, ?> key, String what) {
        Objects.requireNonNull(key, "key");
        return shard(s, x -> Objects.hashCode(key.apply(x)), what);
    }

    /** {@link #shard} by a {@code long} key ({@code Long.hashCode}, equal to {@link #shardByKey} of the boxed key). */
    public <T> Stream<T> shardByLong(Stream<T> s, ToLongFunction<? super T> key, String what) {
        Objects.requireNonNull(key, "key");
        return shard(s, x -> Long.hashCode(key.applyAsLong(x)), what);
    }

    /**
     * A constant relation: {@code rows} as the change of the first step (incremental mode, and inside recursion),
     * or as the stream's value at every step (naive mode); on several workers only worker 0 publishes them, so
     * that they are counted once. The node is named {@code kind#n}. Cost: nothing per step after the first.
     */
    public <T> Stream<T> constant(String kind, ZSet<T> rows) {
        checkOpen();
        Stream<T> out = newStream(kind);
        addNode(new ConstantNode<>(kind, out, workerIndex() == 0 ? rows : new ZSet<>(),
                isNaive() && nestedScope() == null));
        return out;
    }

    /**
     * Gathers all records of {@code s} on one worker (a constant key), for ungrouped operators (global
     * aggregates, ungrouped top-k, watermarks). The other workers see empty changes.
     */
    public <T> Stream<T> gather(Stream<T> s, String what) {
        return shard(s, x -> 0, what);
    }

    /**
     * One object shared by all replicas of a multi-worker circuit, for operators whose replicas must agree on
     * some state (e.g. an event-time watermark advanced by the worker that runs a gathered filter and read by
     * every worker's window operators). The k-th call of every replica (in wiring order, like exchanges)
     * returns the same instance, made by {@code make} once; {@code what} names it and must be the same in every
     * replica. In a plain circuit it returns {@code make.get()}.
     *
     * <p>Thread safety: the replicas' threads use the object concurrently. The runtime separates the phases of a
     * step (all workers' evals, then all commits) and consecutive steps by the coordinator's lock, so a write
     * made in one phase is visible to every worker in the later phases (happens-before through the lock);
     * writes made by several workers in the <em>same</em> phase, or a read racing a write in the same phase,
     * need the object's own synchronisation. A node that writes a shared object should do it in
     * {@code commit()} and read it in {@code eval()}.
     */
    public <T> T shared(String what, Supplier<T> make) {
        checkOpen();
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(make, "make");
        if (worker == null) {
            return Objects.requireNonNull(make.get(), () -> "shared '" + what + "': the supplier returned null");
        }
        return worker.nextShared(what, make);
    }

    // ---- inputs and outputs ------------------------------------------------------------------------------

    /**
     * Declares an input taking any change; names are unique within the circuit. Its rows are not checked: the
     * built circuit hands it out by a checked lookup ({@link Circuit#input(String, Class)}) whose handle checks
     * each row. Prefer {@link #input(String, Class)}.
     */
    public <T> InputHandle<T> input(String name) {
        return plain(name, null, InputKind.PLAIN);
    }

    /**
     * Declares an input of rows of {@code rowType} (not primitive: {@code Long.class}, not {@code long.class}):
     * the handle rejects a row of another class with a {@link ClassCastException} before anything changes, and
     * the built circuit hands it out only as {@code rowType} ({@link Circuit#input(String, Class)}). Cost: one
     * {@code isInstance} per row pushed.
     */
    public <T> InputHandle<T> input(String name, Class<T> rowType) {
        return plain(name, RowTypes.check(rowType, "input '" + name + "'"), InputKind.PLAIN);
    }

    /**
     * Declares an input that only ever receives insertions, like an event stream: a delete, an update or a
     * negative weight pushed to it is rejected with an {@link IllegalArgumentException} naming the input, before
     * anything changes. With several workers its pending rows are split among them by position instead of by
     * hash: no barrier and no hashing pass at the step, and an even split however skewed the rows are. The same
     * row pushed twice may then sit on two workers, which changes no result (every grouped operator moves rows by
     * key first); it is what a delete would need to find, hence the restriction.
     */
    public <T> InputHandle<T> appendOnlyInput(String name) {
        return plain(name, null, InputKind.APPEND_ONLY);
    }

    /** {@link #appendOnlyInput(String)} with rows checked against {@code rowType} as {@link #input(String, Class)}. */
    public <T> InputHandle<T> appendOnlyInput(String name, Class<T> rowType) {
        return plain(name, RowTypes.check(rowType, "input '" + name + "'"), InputKind.APPEND_ONLY);
    }

    /**
     * Declares a strict input: a delete, an update or a negative weight of a row that is not present (committed
     * rows plus pending changes, with its multiplicity) is rejected with an {@link IllegalArgumentException}
     * naming the input and the row, before anything changes; {@code push(ZSet)} and {@code insertAll} are
     * all-or-nothing. Cost: the input keeps its whole contents (state: one entry per distinct row present,
     * counted in {@link Circuit#stateRows()}) and looks every pushed row up in it.
     */
    public <T> InputHandle<T> strictInput(String name) {
        return plain(name, null, InputKind.STRICT);
    }

    /** {@link #strictInput(String)} with rows checked against {@code rowType} as {@link #input(String, Class)}. */
    public <T> InputHandle<T> strictInput(String name, Class<T> rowType) {
        return plain(name, RowTypes.check(rowType, "input '" + name + "'"), InputKind.STRICT);
    }

    /**
     * Declares a keyed input: a table with primary key {@code key}, holding at most one row per key, fed with
     * {@link KeyedInputHandle#upsert}, {@link KeyedInputHandle#deleteKey} and checked inserts, deletes and
     * updates (see {@link KeyedInputHandle}). It is always strict. The key function must be deterministic (equal
     * rows, equal keys) and never return null; keys are compared with {@code equals}/{@code hashCode}. Cost: the
     * input keeps its rows by key (counted in {@link Circuit#stateRows()}).
     */
    public <K, T> KeyedInputHandle<K, T> keyedInput(String name, Function<? super T, ? extends K> key) {
        return keyed(name, null, key);
    }

    /** {@link #keyedInput(String, Function)} with rows checked against {@code rowType} as {@link #input(String, Class)}. */
    public <K, T> KeyedInputHandle<K, T> keyedInput(String name, Class<T> rowType,
                                                     Function<? super T, ? extends K> key) {
        return keyed(name, RowTypes.check(rowType, "input '" + name + "'"), key);
    }

    private <T> InputHandle<T> plain(String name, Class<T> rowType, InputKind kind) {
        InputNode<T> node = declare(name, rowType, kind, null);
        return new InputHandle<>(node.front(), node.stream(), rowType);
    }

    private <K, T> KeyedInputHandle<K, T> keyed(String name, Class<T> rowType, Function<? super T, ? extends K> key) {
        Objects.requireNonNull(key, () -> "input '" + name + "': null key function");
        InputNode<T> node = declare(name, rowType, InputKind.KEYED, key);
        return new KeyedInputHandle<>(node.front(), node.stream(), rowType, null);
    }

    /**
     * Adds the source node of an input. With several workers the replicas' inputs of one name share one
     * {@link InputFront} (made by the first replica), so a push through any replica's handle feeds them all.
     */
    private <T> InputNode<T> declare(String name, Class<T> rowType, InputKind kind, Function<? super T, ?> key) {
        checkOpen();
        Objects.requireNonNull(name, "input name");
        if (scope != null) {
            throw new CircuitWiringException("input '" + name + "': a nested circuit takes its inputs from the "
                    + "parent with enter(), not from input handles");
        }
        if (inputs.containsKey(name)) {
            throw new CircuitWiringException("input '" + name + "' is declared twice");
        }
        InputFront<T> front = worker == null ? new InputFront<>(name, rowType, kind, key, false)
                : worker.shared.front(name, rowType, kind,
                        () -> new InputFront<>(name, rowType, kind, key, worker.workers() > 1));
        Stream<T> s = newStream(name);
        InputNode<T> node = addNode(new InputNode<>(front, s, isNaive(), worker));
        s.appendOnly = kind == InputKind.APPEND_ONLY && !isNaive();
        inputs.put(name, front);
        return node;
    }

    /**
     * Declares an output reading {@code stream}; names are unique within the circuit. The built circuit hands it
     * out by a checked lookup ({@link Circuit#output(String, Class)}) that checks each row read. Prefer
     * {@link #output(String, Class, Stream)}.
     */
    public <T> OutputHandle<T> output(String name, Stream<T> stream) {
        return declareOutput(name, null, stream);
    }

    /**
     * Declares an output of rows of {@code rowType} reading {@code stream}; the built circuit hands it out as
     * {@code rowType} or a supertype ({@link Circuit#output(String, Class)}), without checking rows.
     */
    public <T> OutputHandle<T> output(String name, Class<T> rowType, Stream<? extends T> stream) {
        return declareOutput(name, RowTypes.check(rowType, "output '" + name + "'"), stream);
    }

    /**
     * Declares an output that publishes each step's change of {@code stream} and keeps no view: no state and no
     * per-step work beyond handing the change over, as a sink that writes changes elsewhere needs. Its
     * {@link Output#view()} throws. (In naive mode the last snapshot is kept, to compute the change.)
     */
    public <T> OutputHandle<T> outputChanges(String name, Stream<T> stream) {
        return declareOutput(name, null, stream, false);
    }

    /** {@link #outputChanges(String, Stream)} of rows of {@code rowType}, as {@link #output(String, Class, Stream)}. */
    public <T> OutputHandle<T> outputChanges(String name, Class<T> rowType, Stream<? extends T> stream) {
        return declareOutput(name, RowTypes.check(rowType, "output '" + name + "'"), stream, false);
    }

    private <T> OutputHandle<T> declareOutput(String name, Class<T> rowType, Stream<? extends T> stream) {
        return declareOutput(name, rowType, stream, true);
    }

    private <T> OutputHandle<T> declareOutput(String name, Class<T> rowType, Stream<? extends T> stream,
            boolean keepsView) {
        checkOpen();
        Objects.requireNonNull(name, "output name");
        checkOwns(stream, "output '" + name + "'");
        if (scope != null) {
            throw new CircuitWiringException("output '" + name + "': a nested circuit returns its result to the "
                    + "parent, it has no output handles");
        }
        if (outputs.containsKey(name)) {
            throw new CircuitWiringException("output '" + name + "' is declared twice");
        }
        OutputHandle<T> h = new OutputHandle<>(name, rowType, keepsView);
        addNode(new OutputNode<>(h, stream, isNaive()));
        outputs.put(name, h);
        return h;
    }

    /** Gives the operator producing {@code s} the name {@code name} (see {@link Stream#named}). */
    void rename(Stream<?> s, String name) {
        if (built) {
            throw new CircuitWiringException("named(\"" + name + "\") on stream " + s.name() + ": the circuit is "
                    + "already built, and operator names are fixed at build()");
        }
        Node p = s.producer;
        if (p == null) {
            throw new CircuitWiringException("named(\"" + name + "\"): stream " + s.name() + " has no producer yet "
                    + "(connect its forward reference first)");
        }
        if (p instanceof InputNode) {
            throw new CircuitWiringException("named(\"" + name + "\"): stream " + s.name() + " is that of "
                    + ((InputNode<?>) p).front() + ", which keeps its declared name");
        }
        names.rename(p, name);
    }

    /** A delayed feedback edge ({@code z^-1}) to connect later. */
    public <T> Feedback<T> feedback(String name) {
        checkOpen();
        Stream<T> s = newStream(name);
        DelayNode<T> source = new DelayNode<>(s);
        addNode(source);
        Feedback<T> f = new Feedback<>(this, source, s);
        feedbacks.add(f);
        return f;
    }

    /** A forward reference (no delay) to connect later. */
    public <T> ForwardRef<T> forward(String name) {
        checkOpen();
        ForwardRef<T> f = new ForwardRef<>(this, newStream(name));
        forwards.add(f);
        return f;
    }

    <T> Stream<T> delay(Stream<T> in) {
        checkOwns(in, "delay");
        Stream<T> s = newStream("delay");
        DelayNode<T> source = new DelayNode<>(s);
        addNode(source);
        addSink(new DelaySink<>(source, in));
        return s;
    }

    // ---- for operator implementations --------------------------------------------------------------------

    /**
     * The number the next operator added will carry in its name ({@code kind#n}, as {@link OperatorFailedException}
     * names it): operators added from now on are numbered from it. For code that maps failures back to what it wired.
     */
    public int nextOperatorNumber() {
        return nextNodeId;
    }

    /** A new stream with no producer yet; the node that publishes it is added with {@link #addNode}. */
    public <T> Stream<T> newStream(String kind) {
        checkOpen();
        Stream<T> s = new Stream<>(this, streams.size(), kind + "#" + streams.size());
        streams.add(s);
        return s;
    }

    /**
     * Adds an operator. Its input streams must belong to this builder; its output stream must come from
     * {@link #newStream} of this builder and have no producer yet.
     */
    public <N extends Node> N addNode(N node) {
        return add(node, false);
    }

    /**
     * Adds a node that only a circuit on several workers has (the local phase of a two-phase operator, before its
     * exchange): it is named {@code kind#w<k>}, counted apart, so that every other operator has the name it has on
     * one worker, as exchanges do, and a checkpoint can be restored onto another worker count. Otherwise as
     * {@link #addNode}.
     */
    public <N extends Node> N addWorkerNode(N node) {
        return add(node, true);
    }

    private <N extends Node> N add(N node, boolean workerOnly) {
        checkOpen();
        for (Stream<?> in : node.inputs()) {
            checkOwns(in, node.kind());
        }
        Stream<?> out = node.output();
        if (out != null) {
            checkOwns(out, node.kind());
            if (out.producer != null) {
                throw new CircuitWiringException(node.kind() + ": stream " + out.name() + " already has a producer ("
                        + out.producer.name() + ")");
            }
        }
        node.setName(node instanceof ExchangeNode ? node.kind() + "#x" + ((ExchangeNode<?>) node).exchangeIndex
                : workerOnly ? node.kind() + "#w" + nextWorkerNodeId++ : node.kind() + "#" + nextNodeId++);
        for (Stream<?> in : node.inputs()) {
            in.consumers++;
        }
        if (out != null) {
            out.producer = node;
            boolean appendOnly = !node.inputs().isEmpty() && node.keepsAppendOnly();
            for (Stream<?> in : node.inputs()) {
                appendOnly &= in.appendOnly;
            }
            out.appendOnly = appendOnly || node.makesAppendOnly();
        }
        nodes.add(node);
        return node;
    }

    /** Adds a node that publishes nothing. */
    void addSink(Node node) {
        addNode(node);
    }

    /** Adds a linear operator and returns its output stream. */
    @SuppressWarnings("unchecked")
    <T> Stream<T> addLinear(Node node) {
        addNode(node);
        return (Stream<T>) node.output();
    }

    /**
     * Checks that {@code s} belongs to this circuit.
     *
     * @throws CircuitWiringException naming {@code where} if it belongs to another circuit
     */
    public <T> Stream<T> checkOwns(Stream<T> s, String where) {
        Objects.requireNonNull(s, () -> where + ": null stream");
        if (s.circuit() != this) {
            String hint = scope != null && s.circuit() == scope.parent()
                    ? " (it belongs to the parent circuit: bring it in with enter())" : "";
            throw new CircuitWiringException(where + ": stream " + s.name() + " belongs to another circuit" + hint);
        }
        return s;
    }

    /**
     * Brings a stream of the parent circuit into this nested circuit (DBSP's {@code delta0}).
     *
     * @throws CircuitWiringException if this is not a nested circuit or the stream is not the parent's
     */
    public <T> Stream<T> enter(Stream<T> parentStream) {
        checkOpen();
        if (scope == null) {
            throw new CircuitWiringException("enter(" + parentStream + "): only a nested circuit can enter streams");
        }
        scope.parent().checkOwns(parentStream, "enter");
        Stream<T> s = newStream("enter");
        addNode(new EnterNode<>(parentStream, s, scope, isNaive()));
        scope.entered.add(parentStream);
        return s;
    }

    /**
     * Adds a recursive view: the fixed point of {@code body}, maintained incrementally across ticks (see
     * {@link RecursiveBody}). Inside the body, use {@link #enter} on the inner builder to read this circuit's
     * streams.
     */
    public <T> Stream<T> recursive(String name, RecursiveBody<T> body) {
        checkOpen();
        return NestedCircuitNode.wire(this, name, body);
    }

    void checkOpen() {
        if (built) {
            throw new CircuitWiringException("this circuit is already built; wire a new builder");
        }
    }

    // ---- build --------------------------------------------------------------------------------------------

    /** Checks the wiring, computes the schedule (fusing linear chains) and returns the runnable circuit. */
    public Circuit build() {
        Schedule schedule = finish();
        if (scope == null && outputs.isEmpty()) {
            throw new CircuitWiringException("the circuit has no outputs: declare at least one with output()");
        }
        return new Circuit(mode, schedule, inputs, outputs);
    }

    /**
     * Elementwise nodes whose work an exchange reading an input directly does itself, and whose results nobody
     * else reads, are dropped (repeatedly: dropping one may leave the node before it unread). Stateless and
     * linear, so nothing observable changes; the exchange calls their functions, which fail under their names.
     */
    private void dropUnreadClaimedNodes() {
        boolean dropped = true;
        while (dropped) {
            dropped = false;
            for (ElementwiseNode<?, ?> e : claimed) {
                if (e.out().consumers == 0 && nodes.remove(e)) {
                    e.in().consumers--;
                    dropped = true;
                }
            }
        }
    }

    Schedule finish() {
        checkOpen();
        for (Feedback<?> f : feedbacks) {
            if (!f.isConnected()) {
                throw new CircuitWiringException("feedback " + f.name() + " is never connected");
            }
        }
        for (ForwardRef<?> f : forwards) {
            if (!f.isConnected()) {
                throw new CircuitWiringException("forward reference " + f.name() + " is never connected");
            }
        }
        for (Stream<?> s : streams) {
            if (s.producer == null && s.consumers > 0) {
                throw new CircuitWiringException("stream " + s.name() + " is read but never produced");
            }
        }
        dropUnreadClaimedNodes();
        for (Node n : nodes) {
            if (n instanceof InputNode && !isNaive()) {
                InputNode<?> in = (InputNode<?>) n;
                in.shareUnused = in.output().consumers == in.directConsumers;
            }
        }
        built = true;
        return Schedule.of(nodes);
    }
}
