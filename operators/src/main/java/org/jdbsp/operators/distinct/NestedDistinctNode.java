package org.jdbsp.operators.distinct;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbsp.circuit.NestedScope;
import org.jdbsp.circuit.NestedState;
import org.jdbsp.circuit.Node;
import org.jdbsp.circuit.Stream;
import org.jdbsp.circuit.state.Checkpointable;
import org.jdbsp.circuit.state.StateReader;
import org.jdbsp.circuit.state.StateWriter;
import org.jdbsp.zset.ZSet;

/**
 * Distinct inside an incremental recursive circuit (DBSP's nested incremental distinct).
 *
 * <p>With {@code t} the outer tick, {@code i} the inner iteration and {@code x(t, i)} the input, the operator
 * keeps the history {@code H[i] = sum over t' < t of x(t', i)} and the current tick's accumulation
 * {@code Cur<=i = sum over i' <= i of x(t, i')}. The two-dimensional prefix is
 * {@code X(t, i) = sum over i' <= i of H[i'] + Cur<=i} and {@code X(t-1, i) = sum over i' <= i of H[i']}; the
 * output is {@code z(t,i)[k] = f(X(t,i)[k]) - f(X(t-1,i)[k]) - f(X(t,i-1)[k]) + f(X(t-1,i-1)[k])} with
 * {@code f = dist}. It can be non-zero only for keys changed in this outer tick at an iteration &lt;= i whose
 * iteration-i change is non-zero now or in the history: the candidates are the keys of {@code x(t, i)} plus
 * the keys of {@code Cur} that are also in {@code H[i]} (the smaller of the two is scanned).
 *
 * <p>State: {@code H[i]} per iteration, plus per key the sorted iterations where its history is non-zero with
 * cumulative weights (prefix sums in O(log n) by binary search). Cost per inner iteration:
 * O(|x(t,i)| + min(|Cur|, |H[i]|)) hash lookups and prefix searches; {@code commitOuterTick} costs, per
 * changed (iteration, key) of the tick, O(number of iterations in that key's history).
 */
final class NestedDistinctNode<T> extends Node implements NestedState, Checkpointable {
    private final Stream<T> in;
    private final Stream<T> out;
    private final NestedScope scope;

    /** H[i]: what earlier outer ticks contributed at iteration i. */
    private final List<ZSet<T>> hist = new ArrayList<>();
    /** Per key: the iterations where its history is non-zero, with prefix sums. */
    private final Map<T, KeyHistory> byKey = new HashMap<>();

    /** Cur: sum of this outer tick's committed iterations. */
    private ZSet<T> cur = new ZSet<>();
    /** This outer tick's change at each committed iteration (null when empty). */
    private final List<ZSet<T>> curIter = new ArrayList<>();

    private ZSet<T> pending;
    private int pendingIteration = -1;

    NestedDistinctNode(Stream<T> in, Stream<T> out, NestedScope scope) {
        super("distinct", List.of(in), out);
        this.in = in;
        this.out = out;
        this.scope = scope;
    }

    @Override
    protected void eval() {
        int i = scope.iteration();
        ZSet<T> x = in.value();
        ZSet<T> hi = i < hist.size() ? hist.get(i) : null;
        ZSet<T> result = new ZSet<>();
        for (int s = x.nextSlot(0); s >= 0; s = x.nextSlot(s + 1)) {
            emit(result, x.elementAt(s), x.weightAt(s), i);
        }
        if (hi != null && !hi.isEmpty() && !cur.isEmpty()) {
            ZSet<T> scan = cur.size() <= hi.size() ? cur : hi;
            ZSet<T> other = scan == cur ? hi : cur;
            for (int s = scan.nextSlot(0); s >= 0; s = scan.nextSlot(s + 1)) {
                T k = scan.elementAt(s);
                if (other.contains(k) && !x.contains(k)) {
                    emit(result, k, 0, i);
                }
            }
        }
        pending = x;
        pendingIteration = i;
        out.publish(result);
    }

    private void emit(ZSet<T> result, T k, long dx, int i) {
        long c1 = cur.weight(k);
        long c2 = Math.addExact(c1, dx);
        if (c1 == 0 && c2 == 0) {
            return;
        }
        KeyHistory h = byKey.get(k);
        long a = h == null ? 0 : h.prefix(i);
        long b = h == null ? 0 : h.prefix(i - 1);
        int z = DistinctNode.dist(Math.addExact(a, c2)) - DistinctNode.dist(a)
                - DistinctNode.dist(Math.addExact(b, c1)) + DistinctNode.dist(b);
        if (z != 0) {
            result.add(k, z);
        }
    }

    @Override
    protected void commit() {
        if (pending == null) {
            return;
        }
        while (curIter.size() < pendingIteration) {
            curIter.add(null);
        }
        cur.addAll(pending);
        curIter.add(pending.isEmpty() ? null : pending);
        pending = null;
    }

    @Override
    protected void rollback() {
        pending = null;
    }

    @Override
    public void beginOuterTick() {
        clearTick();
    }

    @Override
    public void commitOuterTick() {
        for (int i = 0; i < curIter.size(); i++) {
            ZSet<T> x = curIter.get(i);
            if (x == null) {
                continue;
            }
            while (hist.size() <= i) {
                hist.add(new ZSet<>());
            }
            for (int s = x.nextSlot(0); s >= 0; s = x.nextSlot(s + 1)) {
                addHistory(i, x.elementAt(s), x.weightAt(s));
            }
        }
        clearTick();
    }

    /** Adds {@code w} copies of {@code k} to the history of iteration {@code i} (which exists). */
    private void addHistory(int i, T k, long w) {
        hist.get(i).add(k, w);
        KeyHistory h = byKey.get(k);
        if (h == null) {
            h = new KeyHistory();
            byKey.put(k, h);
        }
        h.add(i, w);
        if (h.isEmpty()) {
            byKey.remove(k);
        }
    }

    /** The history: per inner iteration, what earlier outer ticks contributed (the keys' index is rebuilt). */
    @Override
    public void writeState(StateWriter out) {
        out.writeVarLong(hist.size());
        for (ZSet<T> h : hist) {
            out.writeZSet(h);
        }
    }

    @Override
    public void readState(StateReader in) {
        int n = in.readSize();
        for (int i = 0; i < n; i++) {
            hist.add(new ZSet<>());
            ZSet<T> h = in.readZSet();
            for (int s = h.nextSlot(0); s >= 0; s = h.nextSlot(s + 1)) {
                addHistory(i, h.elementAt(s), h.weightAt(s));
            }
        }
    }

    @Override
    public void rollbackOuterTick() {
        clearTick();
    }

    private void clearTick() {
        cur = new ZSet<>();
        curIter.clear();
        pending = null;
    }

    @Override
    public long stateRows() {
        long n = 0;
        for (ZSet<T> h : hist) {
            n += h.size();
        }
        return n;
    }

    /** One key's history: sorted iterations with a non-zero history weight, and prefix sums up to each. */
    static final class KeyHistory {
        private int[] iters = new int[2];
        private long[] cum = new long[2];
        private int n;

        boolean isEmpty() {
            return n == 0;
        }

        /** Sum of the history weights at iterations &lt;= i. */
        long prefix(int i) {
            int j = upperBound(i) - 1;
            return j < 0 ? 0 : cum[j];
        }

        /** Index of the first entry with iteration &gt; i. */
        private int upperBound(int i) {
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (iters[mid] <= i) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** Adds w to the history at iteration i. */
        void add(int i, long w) {
            if (w == 0) {
                return;
            }
            int j = upperBound(i) - 1;
            if (j < 0 || iters[j] != i) {
                j++;
                if (n == iters.length) {
                    iters = java.util.Arrays.copyOf(iters, n * 2);
                    cum = java.util.Arrays.copyOf(cum, n * 2);
                }
                System.arraycopy(iters, j, iters, j + 1, n - j);
                System.arraycopy(cum, j, cum, j + 1, n - j);
                iters[j] = i;
                cum[j] = j == 0 ? 0 : cum[j - 1];
                n++;
            }
            for (int m = j; m < n; m++) {
                cum[m] += w;
            }
            long own = cum[j] - (j == 0 ? 0 : cum[j - 1]);
            if (own == 0) {
                System.arraycopy(iters, j + 1, iters, j, n - j - 1);
                System.arraycopy(cum, j + 1, cum, j, n - j - 1);
                n--;
            }
        }
    }
}
