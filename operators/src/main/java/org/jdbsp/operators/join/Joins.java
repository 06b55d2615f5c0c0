package org.jdbsp.operators.join;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.spi.LongKeySpace;
import org.jdbsp.operators.spi.ObjectKeySpace;
import org.jdbsp.operators.spi.RecomputeNode;
import org.jdbsp.operators.spi.RowKey;

/**
 * Equi-joins: inner, left, right and full outer, semijoin and antijoin. Each takes its keys either as objects
 * ({@code Function}: records, strings, composite keys) or as primitive {@code long}s ({@code ...OnLong}, never
 * boxed); both forms run the same operator at the same cost per row, apart from the key's own {@code hashCode}
 * and {@code equals}.
 *
 * <p>Semantics on Z-sets: the inner join emits {@code combine(a, b)} for every pair with equal keys, with weight
 * {@code w(a) * w(b)} (overflow fails the step, naming the pair). A key is <em>present</em> on a side when the
 * total weight of that side's rows with the key is positive; outer joins pad with {@code null} the rows whose key
 * is not present on the other side, the semijoin keeps the rows of {@code a} whose key is present in {@code b},
 * the antijoin those whose key is not. For ordinary (positive) multisets this is SQL's semantics with non-null
 * keys; a key function must not return null (the step fails naming the row).
 *
 * <p>Incremental rule: the inner part is bilinear, {@code d(A ⋈ B) = dA ⋈ (I(B)_{t-1} + dB) + I(A)_{t-1} ⋈ dB};
 * the padded and semi/anti parts change per touched key as its presence flips. State: each side's rows by key
 * (the right side's only where they are paired with), plus the right side's total per key (all but inner) and the
 * left side's (full). Cost per step: O(|dA| + |dB| + output rows + rows of keys whose presence flips). In naive mode
 * the join is recomputed from the snapshots by an independent reference. User functions that throw or return
 * null fail the step with an exception naming the operator; no state changes. Inside an incremental recursive
 * circuit only the inner join is supported (with per-iteration history); the others are rejected when the circuit
 * is built.
 */
public final class Joins {
    private Joins() {
    }

    /** Inner equi-join: {@code combine(a, b)} for every {@code a}, {@code b} with {@code keyA(a).equals(keyB(b))}. */
    public static <A, B, K, R> Stream<R> join(Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA,
                                              Function<? super B, ? extends K> keyB,
                                              BiFunction<? super A, ? super B, ? extends R> combine) {
        return wire(JoinKind.INNER, a, b, Keys.objects(keyA, keyB), combine, false);
    }

    /**
     * {@link #join} that drops the rows of the keys its {@code expiry} says no change can reach any more (a window
     * join's windows the watermarks have passed), so that its state stays bounded over unbounded inputs.
     */
    public static <A, B, K, R> Stream<R> join(Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA,
                                              Function<? super B, ? extends K> keyB,
                                              BiFunction<? super A, ? super B, ? extends R> combine,
                                              JoinExpiry<A, B> expiry) {
        Objects.requireNonNull(expiry, "join: null expiry");
        return wire(JoinKind.INNER, a, b, Keys.objects(keyA, keyB), combine, false, expiry, null);
    }

    /** {@link #join(Stream, Stream, Function, Function, BiFunction, JoinExpiry)} on a {@code long} key. */
    public static <A, B, R> Stream<R> joinOnLong(Stream<A> a, Stream<B> b, ToLongFunction<? super A> keyA,
                                                 ToLongFunction<? super B> keyB,
                                                 BiFunction<? super A, ? super B, ? extends R> combine,
                                                 JoinExpiry<A, B> expiry) {
        Objects.requireNonNull(expiry, "join: null expiry");
        return wire(JoinKind.INNER, a, b, Keys.longs(keyA, keyB), combine, false, expiry, null);
    }

    /**
     * Lookup (processing-time temporal) join: each change of {@code a} paired with the rows of {@code b} with an
     * equal key as {@code b} is at that step (this step's changes of {@code b} included); a change of {@code b}
     * does not touch the rows earlier changes of {@code a} produced. So the output is
     * {@code sum over steps of da ⋈ B}, not {@code A ⋈ B}: an enrichment of a stream by the current version of a
     * table, as Flink's {@code JOIN t FOR SYSTEM_TIME AS OF a.proctime}. A deletion from {@code a} retracts its pairs
     * with {@code b} as it is then. State: the rows of {@code b} only. Cost: O(|da| + |db| + output rows). In naive
     * mode the same is computed from each step's change of {@code a} (differentiate, join with the current
     * {@code b}, integrate). Not inside a recursive circuit.
     */
    public static <A, B, K, R> Stream<R> lookupJoin(Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA,
                                                    Function<? super B, ? extends K> keyB,
                                                    BiFunction<? super A, ? super B, ? extends R> combine) {
        return wire(JoinKind.LOOKUP, a, b, Keys.objects(keyA, keyB), combine, false);
    }

    /** {@link #lookupJoin} on a {@code long} key. */
    public static <A, B, R> Stream<R> lookupJoinOnLong(Stream<A> a, Stream<B> b, ToLongFunction<? super A> keyA,
                                                       ToLongFunction<? super B> keyB,
                                                       BiFunction<? super A, ? super B, ? extends R> combine) {
        return wire(JoinKind.LOOKUP, a, b, Keys.longs(keyA, keyB), combine, false);
    }

    /**
     * {@link #join} that drops the stored rows its {@code interval} says no future row of the other side can match
     * (an interval join: the caller filters the pairs on {@code a.time + lower <= b.time <= a.time + upper}), so
     * that its state stays bounded over unbounded inputs whose keys carry no time.
     */
    public static <A, B, K, R> Stream<R> join(Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA,
                                              Function<? super B, ? extends K> keyB,
                                              BiFunction<? super A, ? super B, ? extends R> combine,
                                              IntervalExpiry<A, B> interval) {
        Objects.requireNonNull(interval, "join: null interval expiry");
        return wire(JoinKind.INNER, a, b, Keys.objects(keyA, keyB), combine, false, null, interval);
    }

    /** {@link #join(Stream, Stream, Function, Function, BiFunction, IntervalExpiry)} on a {@code long} key. */
    public static <A, B, R> Stream<R> joinOnLong(Stream<A> a, Stream<B> b, ToLongFunction<? super A> keyA,
                                                 ToLongFunction<? super B> keyB,
                                                 BiFunction<? super A, ? super B, ? extends R> combine,
                                                 IntervalExpiry<A, B> interval) {
        Objects.requireNonNull(interval, "join: null interval expiry");
        return wire(JoinKind.INNER, a, b, Keys.longs(keyA, keyB), combine, false, null, interval);
    }

    /** {@link #join} producing {@link Pair}{@code (a, b)}. */
    public static <A, B, K> Stream<Pair<A, B>> join(Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA,
                                                    Function<? super B, ? extends K> keyB) {
        return join(a, b, keyA, keyB, Pair::new);
    }

    /** {@link #join} on a {@code long} key. */
    public static <A, B, R> Stream<R> joinOnLong(Stream<A> a, Stream<B> b, ToLongFunction<? super A> keyA,
                                                 ToLongFunction<? super B> keyB,
                                                 BiFunction<? super A, ? super B, ? extends R> combine) {
        return wire(JoinKind.INNER, a, b, Keys.longs(keyA, keyB), combine, false);
    }

    /**
     * {@link #joinOnLong} for a large {@code a} and a small {@code b}, on several workers: {@code b} is broadcast to
     * every worker ({@link CircuitBuilder#broadcast}) and the rows of {@code a} stay on the worker that holds them,
     * so a hot key of {@code a} is spread over all workers instead of piling up on the one that owns it. Same
     * result, rule and cost per row; with n workers the trace of {@code b} is kept n times and every change of
     * {@code b} is joined on every worker. With one worker, in naive mode and inside recursion it is
     * {@link #joinOnLong}.
     */
    public static <A, B, R> Stream<R> joinOnLongBroadcast(Stream<A> a, Stream<B> b, ToLongFunction<? super A> keyA,
                                                          ToLongFunction<? super B> keyB,
                                                          BiFunction<? super A, ? super B, ? extends R> combine) {
        return wire(JoinKind.INNER, a, b, Keys.longs(keyA, keyB), combine, true);
    }

    /** {@link #joinOnLongBroadcast} with object keys. */
    public static <A, B, K, R> Stream<R> joinBroadcast(Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA,
                                                       Function<? super B, ? extends K> keyB,
                                                       BiFunction<? super A, ? super B, ? extends R> combine) {
        return wire(JoinKind.INNER, a, b, Keys.objects(keyA, keyB), combine, true);
    }

    /** {@link #joinOnLongBroadcast} whose keys {@code expiry} drops, as the plain join with an expiry does. */
    public static <A, B, R> Stream<R> joinOnLongBroadcast(Stream<A> a, Stream<B> b, ToLongFunction<? super A> keyA,
                                                          ToLongFunction<? super B> keyB,
                                                          BiFunction<? super A, ? super B, ? extends R> combine,
                                                          JoinExpiry<A, B> expiry) {
        Objects.requireNonNull(expiry, "join: null expiry");
        return wire(JoinKind.INNER, a, b, Keys.longs(keyA, keyB), combine, true, expiry, null);
    }

    /** {@link #joinOnLongBroadcast} whose rows {@code interval} drops, as the plain interval join does. */
    public static <A, B, R> Stream<R> joinOnLongBroadcast(Stream<A> a, Stream<B> b, ToLongFunction<? super A> keyA,
                                                          ToLongFunction<? super B> keyB,
                                                          BiFunction<? super A, ? super B, ? extends R> combine,
                                                          IntervalExpiry<A, B> interval) {
        Objects.requireNonNull(interval, "join: null interval expiry");
        return wire(JoinKind.INNER, a, b, Keys.longs(keyA, keyB), combine, true, null, interval);
    }

    /** {@link #joinBroadcast} whose keys {@code expiry} drops. */
    public static <A, B, K, R> Stream<R> joinBroadcast(Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA,
                                                       Function<? super B, ? extends K> keyB,
                                                       BiFunction<? super A, ? super B, ? extends R> combine,
                                                       JoinExpiry<A, B> expiry) {
        Objects.requireNonNull(expiry, "join: null expiry");
        return wire(JoinKind.INNER, a, b, Keys.objects(keyA, keyB), combine, true, expiry, null);
    }

    /** {@link #joinBroadcast} whose rows {@code interval} drops. */
    public static <A, B, K, R> Stream<R> joinBroadcast(Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA,
                                                       Function<? super B, ? extends K> keyB,
                                                       BiFunction<? super A, ? super B, ? extends R> combine,
                                                       IntervalExpiry<A, B> interval) {
        Objects.requireNonNull(interval, "join: null interval expiry");
        return wire(JoinKind.INNER, a, b, Keys.objects(keyA, keyB), combine, true, null, interval);
    }

    /**
     * Left outer join: the inner join plus {@code combine(a, null)} for every row {@code a} whose key is not present
     * in {@code b}. Extra cost: the rows of keys whose presence in {@code b} flips are re-emitted padded or
     * retracted.
     */
    public static <A, B, K, R> Stream<R> leftJoin(Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA,
                                                  Function<? super B, ? extends K> keyB,
                                                  BiFunction<? super A, ? super B, ? extends R> combine) {
        return wire(JoinKind.LEFT, a, b, Keys.objects(keyA, keyB), combine, false);
    }

    /** {@link #leftJoin} on a {@code long} key. */
    public static <A, B, R> Stream<R> leftJoinOnLong(Stream<A> a, Stream<B> b, ToLongFunction<? super A> keyA,
                                                     ToLongFunction<? super B> keyB,
                                                     BiFunction<? super A, ? super B, ? extends R> combine) {
        return wire(JoinKind.LEFT, a, b, Keys.longs(keyA, keyB), combine, false);
    }

    /** Right outer join: {@link #leftJoin} with the sides swapped ({@code combine(null, b)} pads). */
    public static <A, B, K, R> Stream<R> rightJoin(Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA,
                                                   Function<? super B, ? extends K> keyB,
                                                   BiFunction<? super A, ? super B, ? extends R> combine) {
        Objects.requireNonNull(combine, () -> "rightJoin: null combine function");
        return wire(JoinKind.LEFT, b, a, Keys.objects(keyB, keyA), (B y, A x) -> combine.apply(x, y), false);
    }

    /** {@link #rightJoin} on a {@code long} key. */
    public static <A, B, R> Stream<R> rightJoinOnLong(Stream<A> a, Stream<B> b, ToLongFunction<? super A> keyA,
                                                      ToLongFunction<? super B> keyB,
                                                      BiFunction<? super A, ? super B, ? extends R> combine) {
        Objects.requireNonNull(combine, () -> "rightJoin: null combine function");
        return wire(JoinKind.LEFT, b, a, Keys.longs(keyB, keyA), (B y, A x) -> combine.apply(x, y), false);
    }

    /**
     * Full outer join: the inner join plus {@code combine(a, null)} for rows of {@code a} whose key is not present
     * in {@code b} and {@code combine(null, b)} for rows of {@code b} whose key is not present in {@code a}.
     */
    public static <A, B, K, R> Stream<R> fullJoin(Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA,
                                                  Function<? super B, ? extends K> keyB,
                                                  BiFunction<? super A, ? super B, ? extends R> combine) {
        return wire(JoinKind.FULL, a, b, Keys.objects(keyA, keyB), combine, false);
    }

    /** {@link #fullJoin} on a {@code long} key. */
    public static <A, B, R> Stream<R> fullJoinOnLong(Stream<A> a, Stream<B> b, ToLongFunction<? super A> keyA,
                                                     ToLongFunction<? super B> keyB,
                                                     BiFunction<? super A, ? super B, ? extends R> combine) {
        return wire(JoinKind.FULL, a, b, Keys.longs(keyA, keyB), combine, false);
    }

    /**
     * Semijoin: the rows of {@code a}, with their weights, whose key is present in {@code b}. State: {@code a}'s rows
     * by key and {@code b}'s total weight per key (not its rows).
     */
    public static <A, B, K> Stream<A> semijoin(Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA,
                                               Function<? super B, ? extends K> keyB) {
        return wire(JoinKind.SEMI, a, b, Keys.objects(keyA, keyB), null, false);
    }

    /** {@link #semijoin} on a {@code long} key. */
    public static <A, B> Stream<A> semijoinOnLong(Stream<A> a, Stream<B> b, ToLongFunction<? super A> keyA,
                                                  ToLongFunction<? super B> keyB) {
        return wire(JoinKind.SEMI, a, b, Keys.longs(keyA, keyB), null, false);
    }

    /** Antijoin: the rows of {@code a}, with their weights, whose key is not present in {@code b}. */
    public static <A, B, K> Stream<A> antijoin(Stream<A> a, Stream<B> b, Function<? super A, ? extends K> keyA,
                                               Function<? super B, ? extends K> keyB) {
        return wire(JoinKind.ANTI, a, b, Keys.objects(keyA, keyB), null, false);
    }

    /** {@link #antijoin} on a {@code long} key. */
    public static <A, B> Stream<A> antijoinOnLong(Stream<A> a, Stream<B> b, ToLongFunction<? super A> keyA,
                                                  ToLongFunction<? super B> keyB) {
        return wire(JoinKind.ANTI, a, b, Keys.longs(keyA, keyB), null, false);
    }

    /** The two key functions of a join, boxed (for the reference and the nested join) and as row keys. */
    private record Keys<A, B>(Function<? super A, ?> boxedA, Function<? super B, ?> boxedB,
                              ToLongFunction<? super A> longA, ToLongFunction<? super B> longB) {
        static <A, B> Keys<A, B> objects(Function<? super A, ?> keyA, Function<? super B, ?> keyB) {
            return new Keys<>(keyA, keyB, null, null);
        }

        static <A, B> Keys<A, B> longs(ToLongFunction<? super A> keyA, ToLongFunction<? super B> keyB) {
            if (keyA == null || keyB == null) {
                return new Keys<>(null, null, keyA, keyB);
            }
            return new Keys<>(x -> keyA.applyAsLong(x), y -> keyB.applyAsLong(y), keyA, keyB);
        }

        boolean missing() {
            return longA == null ? boxedA == null || boxedB == null : longB == null;
        }

        /** A fresh key space and the two row keys numbering both sides in it (one per circuit replica). */
        RowKey<A> rowKeyA(Object space) {
            return longA != null ? RowKey.ofLong((LongKeySpace) space, longA) : RowKey.of((ObjectKeySpace) space, boxedA);
        }

        RowKey<B> rowKeyB(Object space) {
            return longB != null ? RowKey.ofLong((LongKeySpace) space, longB) : RowKey.of((ObjectKeySpace) space, boxedB);
        }

        Object newSpace() {
            return longA != null ? new LongKeySpace() : new ObjectKeySpace();
        }
    }

    private static <A, B, R> Stream<R> wire(JoinKind kind, Stream<A> a, Stream<B> b, Keys<A, B> keys,
                                            BiFunction<? super A, ? super B, ? extends R> combine, boolean broadcast) {
        return wire(kind, a, b, keys, combine, broadcast, null, null);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <A, B, R> Stream<R> wire(JoinKind kind, Stream<A> a, Stream<B> b, Keys<A, B> keys,
                                            BiFunction<? super A, ? super B, ? extends R> combine, boolean broadcast,
                                            JoinExpiry<A, B> expiry, IntervalExpiry<A, B> interval) {
        String name = kind.operator;
        Objects.requireNonNull(a, () -> name + ": null left stream");
        Objects.requireNonNull(b, () -> name + ": null right stream");
        if (keys.missing()) {
            throw new NullPointerException(name + ": null key function");
        }
        if (combine == null && kind != JoinKind.SEMI && kind != JoinKind.ANTI) {
            throw new NullPointerException(name + ": null combine function");
        }
        CircuitBuilder c = a.circuit();
        c.checkOwns(a, name);
        c.checkOwns(b, name);
        Object space = keys.newSpace();
        RowKey<A> ka = keys.rowKeyA(space);
        RowKey<B> kb = keys.rowKeyB(space);
        boolean broadcasting = broadcast && c.workers() > 1 && !c.isNaive() && c.nestedScope() == null;
        if (broadcasting) {
            b = c.broadcast(b, name);
        } else {
            a = c.shard(a, ka::shardHash, name, ka.routing());
            b = c.shard(b, kb::shardHash, name, kb.routing());
        }
        if (kind == JoinKind.LOOKUP && c.nestedScope() != null) {
            throw new org.jdbsp.circuit.CircuitWiringException(name + ": a lookup join cannot run inside a recursive"
                    + " circuit");
        }
        Stream<Object> out = c.newStream(name);
        if (kind == JoinKind.LOOKUP && c.isNaive()) {
            // the result depends on when each change came: naive mode computes it from the changes too
            Stream<A> da = a.differentiate();
            c.addNode(RecomputeNode.of(name, da, b, out,
                    (x, y) -> JoinReference.of(JoinKind.INNER, x, y, keys.boxedA(), keys.boxedB(), combine)));
            return (Stream) out.integrate();
        }
        if (c.isNaive()) {
            c.addNode(RecomputeNode.of(name, a, b, out,
                    (x, y) -> JoinReference.of(kind, x, y, keys.boxedA(), keys.boxedB(), combine)));
            return (Stream) out;
        }
        if (c.nestedScope() != null && kind == JoinKind.INNER) {
            c.addNode(new NestedJoinNode<Object, A, B, R>(c.nestedScope(), a, b, keys.boxedA()::apply,
                    keys.boxedB()::apply, combine, (Stream) out));
            return (Stream) out;
        }
        JoinNode<A, B, R> node = new JoinNode<>(kind, a, b, ka, kb, combine, out, expiry, interval);
        c.addNode(broadcasting ? node.broadcasting() : node);
        return (Stream) out;
    }
}
