package org.jdbsp.nexmark.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbsp.zset.ZSet;

/** The rows whose weights differ between an expected and an actual view. */
public final class ViewDiff {
    /** One differing row: its weight in the expected view and in the actual one (0 when absent). */
    public record Difference(Object row, long expected, long actual) {
        @Override
        public String toString() {
            return row + ": expected weight " + expected + ", actual " + actual;
        }
    }

    private final List<Difference> differences;

    private ViewDiff(List<Difference> differences) {
        this.differences = differences;
    }

    /** Compares two views row by row. Cost: O(|expected| + |actual|). */
    public static ViewDiff of(ZSet<?> expected, ZSet<?> actual) {
        Map<Object, long[]> weights = new HashMap<>();
        expected.forEach((row, w) -> weights.computeIfAbsent(row, k -> new long[2])[0] += w);
        actual.forEach((row, w) -> weights.computeIfAbsent(row, k -> new long[2])[1] += w);
        List<Object> differing = new ArrayList<>();
        weights.forEach((row, w) -> {
            if (w[0] != w[1]) {
                differing.add(row);
            }
        });
        List<Difference> diffs = new ArrayList<>(differing.size());
        for (Object row : Rows.sorted(differing)) {
            long[] w = weights.get(row);
            diffs.add(new Difference(row, w[0], w[1]));
        }
        return new ViewDiff(diffs);
    }

    public boolean isEmpty() {
        return differences.isEmpty();
    }

    public int size() {
        return differences.size();
    }

    /** The first {@code n} differences in row order. */
    public List<Difference> sample(int n) {
        return differences.subList(0, Math.min(n, differences.size()));
    }

    /** Counts of rows missing from the actual view, unexpected in it, and present with another weight. */
    public String summary() {
        long missing = differences.stream().filter(d -> d.actual() == 0).count();
        long extra = differences.stream().filter(d -> d.expected() == 0).count();
        return differences.size() + " rows differ (" + missing + " missing, " + extra + " unexpected, "
                + (differences.size() - missing - extra) + " with another weight)";
    }
}
