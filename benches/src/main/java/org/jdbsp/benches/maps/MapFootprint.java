package org.jdbsp.benches.maps;

import java.util.Locale;
import java.util.function.Supplier;
import org.jdbsp.zset.LongZSet;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.vm.VM;

/**
 * Retained bytes per entry of every candidate table, measured with JOL: at 1M entries, and just before and just
 * after the first resize past 1M (open addressing doubles, so bytes per entry jump). Tables grow from empty as in
 * the benchmarks. Prints a Markdown table; "table" excludes the key objects, "total" includes them.
 *
 * <pre>java -Djdk.attach.allowAttachSelf=true -cp benches/target/benchmarks.jar org.jdbsp.benches.maps.MapFootprint</pre>
 */
public final class MapFootprint {
    private static final int N = 1_000_000;

    private MapFootprint() {
    }

    public static void main(String[] args) {
        System.out.println("VM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", reference " + VM.current().sizeOfField("oop") + " B, object alignment "
                + VM.current().objectAlignment() + " B");
        System.out.println();
        System.out.println("| table | keys | point | entries | slots | total B | table B/entry | total B/entry |");
        System.out.println("|---|---|---|---:|---:|---:|---:|---:|");
        for (LongCandidate c : LongCandidate.values()) {
            if (c != LongCandidate.EC_GET_THEN_ADD) { // same table as EC
                report(c.name(), "long", 0, () -> filling(c.create()));
            }
        }
        print("LongZSet", "long", "1M", fillLongZSet(N), 0);
        for (KeyKind kind : KeyKind.values()) {
            long keyBytes = VM.current().sizeOf(kind.key(0));
            for (ObjCandidate c : ObjCandidate.values()) {
                report(c.name(), kind.name(), keyBytes, () -> filling(c.create(), kind));
            }
        }
    }

    /** The product type itself, wrapper included, to check the LongZSet target (slots not exposed: -1). */
    private static Built fillLongZSet(int n) {
        LongZSet z = new LongZSet();
        for (int i = 0; i < n; i++) {
            z.add(Keys.key(i), 1);
        }
        return new Built(z, z.size(), -1);
    }

    /** Measures at 1M entries, then finds the first resize above 1M by adding elements one at a time. */
    private static void report(String table, String keys, long keyBytes, Supplier<Filling> fresh) {
        Filling grown = fresh.get();
        grown.fillTo(N);
        print(table, keys, "1M", grown.built(), keyBytes);
        int slots = grown.capacity();
        while (grown.capacity() == slots) {
            grown.fillTo(grown.size() + 1);
        }
        Filling before = fresh.get();
        before.fillTo(grown.size() - 1);
        print(table, keys, "before resize", before.built(), keyBytes);
        print(table, keys, "after resize", grown.built(), keyBytes);
    }

    /** A table being filled with elements 0, 1, 2, ... with weight 1. */
    private interface Filling {
        void add(int element);

        int size();

        int capacity();

        Object map();

        default void fillTo(int n) {
            for (int i = size(); i < n; i++) {
                add(i);
            }
        }

        default Built built() {
            return new Built(map(), size(), capacity());
        }
    }

    private static Filling filling(LongWeights m) {
        return new Filling() {
            public void add(int element) {
                m.add(Keys.key(element), 1);
            }

            public int size() {
                return m.size();
            }

            public int capacity() {
                return m.capacity();
            }

            public Object map() {
                return m.unwrap();
            }
        };
    }

    private static Filling filling(ObjWeights<Object> m, KeyKind kind) {
        return new Filling() {
            public void add(int element) {
                m.add(kind.key(element), 1);
            }

            public int size() {
                return m.size();
            }

            public int capacity() {
                return m.capacity();
            }

            public Object map() {
                return m.unwrap();
            }
        };
    }

    private static void print(String table, String keys, String point, Built b, long keyBytes) {
        long total = GraphLayout.parseInstance(b.map).totalSize();
        double perEntry = total / (double) b.size;
        double tablePerEntry = (total - keyBytes * b.size) / (double) b.size;
        System.out.println(String.format(Locale.ROOT, "| %s | %s | %s | %,d | %,d | %,d | %.1f | %.1f |",
                table, keys, point, b.size, b.capacity, total, tablePerEntry, perEntry));
    }

    /** A filled table with its entry count and slot count. */
    private record Built(Object map, int size, int capacity) {
    }
}
