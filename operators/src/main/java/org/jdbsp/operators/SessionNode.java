package org.jdbsp.operators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.zset.ZSet;

/**
 * Incremental session windows. State: per key the multiset of its event times ({@code TreeMap}). Per tick,
 * for each touched key: the sessions near the changed times (a present time within the gap) are found in the
 * committed times and in the times as changed; the former are retracted, the latter inserted (identical ones
 * cancel). With a watermark W (read at eval, applied on commit), a key's leading sessions whose
 * {@code last + gap <= W} are final: their times are dropped (their output rows stay). Keys to check are
 * kept in a priority queue by the time at which they may have something to drop.
 */
final class SessionNode<T, K> extends Node {
    private final Stream<T> in;
    private final Stream<Session<K>> out;
    private final Function<? super T, ? extends K> key;
    private final ToLongFunction<? super T> time;
    private final long gap;
    private final Watermark watermark;
    private final HashMap<K, KeyState> keys = new HashMap<>();
    private final PriorityQueue<Check<K>> checks = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
    private long rows;
    /** Sessions that only changes at times below this could touch may have been dropped. */
    private long prunedBelow = Long.MIN_VALUE;
    private final List<K> pendingKeys = new ArrayList<>();
    private final List<TreeMap<Long, long[]>> pendingChanges = new ArrayList<>();
    private long pendingWatermark = Long.MIN_VALUE;

    static final class KeyState {
        final TreeMap<Long, long[]> times = new TreeMap<>();
        boolean scheduled;
    }

    record Check<K>(long at, K key, KeyState state) {
    }

    SessionNode(Stream<T> in, Stream<Session<K>> out, Function<? super T, ? extends K> key,
                ToLongFunction<? super T> time, long gap, Watermark watermark) {
        super("session", List.of(in), out);
        this.in = in;
        this.out = out;
        this.key = key;
        this.time = time;
        this.gap = gap;
        this.watermark = watermark;
    }

    @Override
    protected void eval() {
        pendingKeys.clear();
        pendingChanges.clear();
        pendingWatermark = watermark == null ? Long.MIN_VALUE : watermark.current();
        ZSet<T> delta = in.value();
        ZSet<Session<K>> result = new ZSet<>();
        try {
            Map<K, TreeMap<Long, long[]>> byKey = new HashMap<>();
            for (int s = delta.nextSlot(0); s >= 0; s = delta.nextSlot(s + 1)) {
                T row = delta.elementAt(s);
                long w = delta.weightAt(s);
                K k = Objects.requireNonNull(key.apply(row), "session key is null");
                long t = time.applyAsLong(row);
                if (t < prunedBelow) {
                    throw new IllegalStateException("session: a change at time " + t + " arrived after the "
                            + "sessions before watermark " + prunedBelow + " were dropped; filter the input with "
                            + "the Watermarks.withLateness that produced the watermark");
                }
                TreeMap<Long, long[]> d = byKey.computeIfAbsent(k, x -> new TreeMap<>());
                long[] a = d.get(t);
                if (a == null) {
                    d.put(t, new long[] {w});
                } else {
                    a[0] = Math.addExact(a[0], w);
                    if (a[0] == 0) {
                        d.remove(t);
                    }
                }
            }
            for (Map.Entry<K, TreeMap<Long, long[]>> e : byKey.entrySet()) {
                TreeMap<Long, long[]> d = e.getValue();
                if (d.isEmpty()) {
                    continue;
                }
                K k = e.getKey();
                KeyState ks = keys.get(k);
                TreeMap<Long, long[]> base = ks == null ? null : ks.times;
                TreeMap<Long, long[]> before = new TreeMap<>();
                TreeMap<Long, long[]> after = new TreeMap<>();
                for (Long c : d.keySet()) {
                    SessionTimes.sessionsNear(base, null, c, gap, before);
                    SessionTimes.sessionsNear(base, d, c, gap, after);
                }
                emit(k, before, -1, result);
                emit(k, after, 1, result);
                pendingKeys.add(k);
                pendingChanges.add(d);
            }
        } catch (RuntimeException e) {
            pendingKeys.clear();
            pendingChanges.clear();
            throw failure(e);
        }
        out.publish(result);
    }

    private void emit(K k, TreeMap<Long, long[]> sessions, long sign, ZSet<Session<K>> result) {
        for (Map.Entry<Long, long[]> s : sessions.entrySet()) {
            long[] v = s.getValue();
            result.add(new Session<>(k, s.getKey(), Math.addExact(v[0], gap), v[1]), sign);
        }
    }

    @Override
    protected void commit() {
        for (int i = 0, n = pendingKeys.size(); i < n; i++) {
            K k = pendingKeys.get(i);
            KeyState ks = keys.get(k);
            if (ks == null) {
                ks = new KeyState();
                keys.put(k, ks);
            }
            for (Map.Entry<Long, long[]> c : pendingChanges.get(i).entrySet()) {
                long[] a = ks.times.get(c.getKey());
                if (a == null) {
                    ks.times.put(c.getKey(), new long[] {c.getValue()[0]});
                    rows++;
                } else {
                    a[0] += c.getValue()[0]; // cannot overflow: checked in eval
                    if (a[0] == 0) {
                        ks.times.remove(c.getKey());
                        rows--;
                    }
                }
            }
            if (ks.times.isEmpty()) {
                keys.remove(k);
            } else if (watermark != null && !ks.scheduled) {
                schedule(ks.times.firstKey(), k, ks);
            }
        }
        pendingKeys.clear();
        pendingChanges.clear();
        prune(pendingWatermark);
    }

    private void schedule(long at, K k, KeyState ks) {
        checks.add(new Check<>(at, k, ks));
        ks.scheduled = true;
    }

    /** Drops the final sessions: those with {@code last + gap <= w}. */
    private void prune(long w) {
        if (watermark == null || w == Long.MIN_VALUE) {
            return;
        }
        long limit = w - gap;
        if (limit > w) { // underflow: nothing can be final yet
            return;
        }
        while (!checks.isEmpty() && checks.peek().at <= limit) {
            Check<K> ch = checks.poll();
            KeyState ks = ch.state;
            if (keys.get(ch.key) != ks) {
                continue; // the key's state was removed since
            }
            ks.scheduled = false;
            pruneKey(ch.key, ks, limit);
            if (ks.times.isEmpty()) {
                keys.remove(ch.key);
            }
        }
        if (w > prunedBelow) {
            prunedBelow = w;
        }
    }

    private void pruneKey(K k, KeyState ks, long limit) {
        TreeMap<Long, long[]> times = ks.times;
        while (!times.isEmpty()) {
            long first = times.firstKey();
            if (first > limit) {
                schedule(first, k, ks);
                return;
            }
            if (times.get(first)[0] <= 0) { // an absent time below the limit: no future change can reach it
                times.remove(first);
                rows--;
                continue;
            }
            long last = SessionTimes.sessionLast(times, first, gap);
            if (last > limit) {
                schedule(last, k, ks);
                return;
            }
            Map<Long, long[]> head = times.headMap(last, true);
            rows -= head.size();
            head.clear();
        }
    }

    @Override
    protected void rollback() {
        pendingKeys.clear();
        pendingChanges.clear();
    }

    @Override
    public long stateRows() {
        return rows;
    }
}
