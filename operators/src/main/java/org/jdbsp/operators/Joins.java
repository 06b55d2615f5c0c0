package org.jdbsp.operators;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;

/**
 * Equi-joins: inner, left outer, full outer, semijoin and antijoin, with a {@code long}-key fast path
 * ({@code ...OnLong}) whose state never boxes the keys.
 *
 * <p>Semantics on Z-sets: the inner join emits {@code combine(a, b)} for every pair with equal keys, with weight
 * {@code w(a) * w(b)} (overflow fails the step). A key is <em>present</em> on a side when the total weight of
 * that side's rows with the key is positive; outer joins pad with {@code null} the rows whose key is not present
 * on the other side, semijoin keeps the rows of {@code a} whose key is present in {@code b}, antijoin those
 * whose key is not. For ordinary (positive) multisets this is SQL's semantics.
 *
 * <p>In naive mode each operator hash-joins the two whole snapshots every tick (the reference). In incremental
 * mode it keeps the inputs integrated and indexed by key and does work proportional to the change (see each
 * method). Key functions and {@code combine} are user code: if one throws or returns {@code null} the step fails
 * with an exception naming the operator and no state changes. Inside an incremental recursive circuit only the
 * inner joins are supported (with per-iteration history); the other joins are rejected when the circuit is built.
 */
public final class Joins {
    private Joins() {
    }

    /**
     * Inner equi-join: {@code combine(a, b)} for every {@code a}, {@code b} with {@code keyA(a).equals(keyB(b))}.
     * Incremental rule (bilinear): {@code d(A ⋈ B) = dA ⋈ I(B)_{t-1} + I(A)_{t-1} ⋈ dB + dA ⋈ dB}.
     * State: both inputs' traces indexed by key. Cost per tick: O(|dA| + |dB| + output pairs).
     * Inside an incremental recursive circuit it keeps per-iteration history (cost per iteration proportional to
     * the iteration's changes and the pairs they produce).
     */
    public static <A, B, K, R> Stream<R> join(Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA,
                                              Function<? super B, ? extends K> keyB,
                                              BiFunction<? super A, ? super B, ? extends R> combine) {
        CircuitBuilder c = check(a, b, "join", keyA, keyB, combine);
        a = c.shardByKey(a, keyA, "join");
        b = c.shardByKey(b, keyB, "join");
        Stream<R> out = c.newStream("join");
        if (c.isNaive()) {
            c.addNode(new NaiveJoinNode<>(JoinKind.INNER, a, b, keyA, keyB, combine, out));
        } else if (c.nestedScope() != null) {
            c.addNode(new NestedJoinNode<>(c.nestedScope(), a, b, keyA, keyB, combine, out));
        } else {
            c.addNode(new JoinNode<>(a, b, keyA, keyB, combine, out));
        }
        return out;
    }

    /** {@link #join} producing {@link Pair}{@code (a, b)}. */
    public static <A, B, K> Stream<Pair<A, B>> join(Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA,
                                                    Function<? super B, ? extends K> keyB) {
        return join(a, b, keyA, keyB, Pair::new);
    }

    /**
     * {@link #join} on a {@code long} key: the traces are {@code LongIndexedZSet}s, no key is boxed.
     * Same rule, state and cost. Inside an incremental recursive circuit it falls back to the generic nested
     * join (keys boxed).
     */
    public static <A, B, R> Stream<R> joinOnLong(Stream<A> a, Stream<B> b, ToLongFunction<? super A> keyA,
                                                 ToLongFunction<? super B> keyB,
                                                 BiFunction<? super A, ? super B, ? extends R> combine) {
        CircuitBuilder c = check(a, b, "joinOnLong", keyA, keyB, combine);
        if (c.isNaive() || c.nestedScope() != null) {
            return join(a, b, x -> keyA.applyAsLong(x), y -> keyB.applyAsLong(y), combine);
        }
        a = c.shardByLong(a, keyA, "joinOnLong");
        b = c.shardByLong(b, keyB, "joinOnLong");
        Stream<R> out = c.newStream("joinOnLong");
        c.addNode(new JoinOnLongNode<>(a, b, keyA, keyB, combine, out));
        return out;
    }

    /**
     * {@link #joinOnLong} for a large {@code a} and a small {@code b}, on several workers: {@code b} is broadcast
     * to every worker ({@link CircuitBuilder#broadcast}) and the rows of {@code a} stay on the worker that holds
     * them, so a hot key of {@code a} (Nexmark's hot auctions) is spread over all workers instead of piling up
     * on the one that owns it. Same result, rule and cost per row as {@link #joinOnLong}; with n workers the
     * trace of {@code b} is kept n times and every change of {@code b} is joined on every worker. With one
     * worker, in naive mode and inside recursion it is {@link #joinOnLong}.
     */
    public static <A, B, R> Stream<R> joinOnLongBroadcast(Stream<A> a, Stream<B> b, ToLongFunction<? super A> keyA,
                                                          ToLongFunction<? super B> keyB,
                                                          BiFunction<? super A, ? super B, ? extends R> combine) {
        CircuitBuilder c = check(a, b, "joinOnLongBroadcast", keyA, keyB, combine);
        if (c.workers() == 1 || c.isNaive() || c.nestedScope() != null) {
            return joinOnLong(a, b, keyA, keyB, combine);
        }
        b = c.broadcast(b, "joinOnLongBroadcast");
        Stream<R> out = c.newStream("joinOnLong");
        c.addNode(new JoinOnLongNode<>(a, b, keyA, keyB, combine, out));
        return out;
    }

    /**
     * Left outer join: the inner join plus {@code combine(a, null)} for every row {@code a} whose key is not
     * present in {@code b}. Incremental rule: inner part bilinear; the padded part changes only for touched keys
     * (unmatched before and after: {@code pad(dA_k)}; becoming matched: {@code -pad(I(A)_k)}; becoming
     * unmatched: {@code pad(I(A)_k + dA_k)}). State: both traces by key and {@code b}'s per-key total weight.
     * Cost per tick: O(|dA| + |dB| + inner output pairs + groups of keys whose matched status flips).
     */
    public static <A, B, K, R> Stream<R> leftJoin(Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA,
                                                  Function<? super B, ? extends K> keyB,
                                                  BiFunction<? super A, ? super B, ? extends R> combine) {
        return outer(JoinKind.LEFT, a, b, keyA, keyB, combine);
    }

    /**
     * Full outer join: the inner join plus {@code combine(a, null)} for rows of {@code a} whose key is not
     * present in {@code b} and {@code combine(null, b)} for rows of {@code b} whose key is not present in
     * {@code a}. Incremental rule as {@link #leftJoin}, on both sides. State: both traces by key and both per-key
     * total weights. Cost per tick: O(|dA| + |dB| + inner output pairs + groups of keys whose status flips).
     */
    public static <A, B, K, R> Stream<R> fullJoin(Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA,
                                                  Function<? super B, ? extends K> keyB,
                                                  BiFunction<? super A, ? super B, ? extends R> combine) {
        return outer(JoinKind.FULL, a, b, keyA, keyB, combine);
    }

    private static <A, B, K, R> Stream<R> outer(JoinKind kind, Stream<A> a, Stream<B> b,
                                                Function<? super A, ? extends K> keyA,
                                                Function<? super B, ? extends K> keyB,
                                                BiFunction<? super A, ? super B, ? extends R> combine) {
        CircuitBuilder c = check(a, b, kind.operator, keyA, keyB, combine);
        a = c.shardByKey(a, keyA, kind.operator);
        b = c.shardByKey(b, keyB, kind.operator);
        Stream<R> out = c.newStream(kind.operator);
        c.addNode(c.isNaive() ? new NaiveJoinNode<>(kind, a, b, keyA, keyB, combine, out)
                : new OuterJoinNode<>(kind, a, b, keyA, keyB, combine, out));
        return out;
    }

    /**
     * Semijoin: the rows of {@code a}, with their weights, whose key is present in {@code b} (total weight of
     * {@code b}'s rows with that key {@code > 0}). Incremental rule per touched key: present before and after:
     * {@code dA_k}; appearing: {@code I(A)_k + dA_k}; disappearing: {@code -I(A)_k}. State: {@code a}'s trace by
     * key and {@code b}'s per-key total weight. Cost per tick: O(|dA| + |dB| + groups of keys that flip).
     */
    public static <A, B, K> Stream<A> semijoin(Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA,
                                               Function<? super B, ? extends K> keyB) {
        return semi(false, a, b, keyA, keyB);
    }

    /**
     * Antijoin: the rows of {@code a}, with their weights, whose key is not present in {@code b}
     * ({@code a - semijoin(a, b)}). Same rule with presence negated; same state and cost as {@link #semijoin}.
     */
    public static <A, B, K> Stream<A> antijoin(Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA,
                                               Function<? super B, ? extends K> keyB) {
        return semi(true, a, b, keyA, keyB);
    }

    private static <A, B, K> Stream<A> semi(boolean anti, Stream<A> a, Stream<B> b,
                                            Function<? super A, ? extends K> keyA,
                                            Function<? super B, ? extends K> keyB) {
        String kind = anti ? "antijoin" : "semijoin";
        CircuitBuilder c = check(a, b, kind, keyA, keyB, keyA);
        a = c.shardByKey(a, keyA, kind);
        b = c.shardByKey(b, keyB, kind);
        Stream<A> out = c.newStream(kind);
        c.addNode(c.isNaive() ? new NaiveSemiJoinNode<>(anti, a, b, keyA, keyB, out)
                : new SemiJoinNode<>(anti, a, b, keyA, keyB, out));
        return out;
    }

    /** {@link #semijoin} on a {@code long} key; incremental state never boxes keys. Same rule and cost. */
    public static <A, B> Stream<A> semijoinOnLong(Stream<A> a, Stream<B> b, ToLongFunction<? super A> keyA,
                                                  ToLongFunction<? super B> keyB) {
        return semiOnLong(false, a, b, keyA, keyB);
    }

    /** {@link #antijoin} on a {@code long} key; incremental state never boxes keys. Same rule and cost. */
    public static <A, B> Stream<A> antijoinOnLong(Stream<A> a, Stream<B> b, ToLongFunction<? super A> keyA,
                                                  ToLongFunction<? super B> keyB) {
        return semiOnLong(true, a, b, keyA, keyB);
    }

    private static <A, B> Stream<A> semiOnLong(boolean anti, Stream<A> a, Stream<B> b,
                                               ToLongFunction<? super A> keyA, ToLongFunction<? super B> keyB) {
        String kind = anti ? "antijoinOnLong" : "semijoinOnLong";
        CircuitBuilder c = check(a, b, kind, keyA, keyB, keyA);
        if (c.isNaive()) {
            return semi(anti, a, b, x -> keyA.applyAsLong(x), y -> keyB.applyAsLong(y));
        }
        a = c.shardByLong(a, keyA, kind);
        b = c.shardByLong(b, keyB, kind);
        Stream<A> out = c.newStream(kind);
        c.addNode(new SemiJoinOnLongNode<>(anti, a, b, keyA, keyB, out));
        return out;
    }

    private static CircuitBuilder check(Stream<?> a, Stream<?> b, String kind, Object keyA, Object keyB,
                                        Object combine) {
        Objects.requireNonNull(a, () -> kind + ": null left stream");
        Objects.requireNonNull(b, () -> kind + ": null right stream");
        Objects.requireNonNull(keyA, () -> kind + ": null left key function");
        Objects.requireNonNull(keyB, () -> kind + ": null right key function");
        Objects.requireNonNull(combine, () -> kind + ": null combine function");
        CircuitBuilder c = a.circuit();
        c.checkOwns(a, kind);
        c.checkOwns(b, kind);
        return c;
    }
}
