package org.jdbsp.operators.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.aggregate.AggregateTestSupport.Rig;
import org.jdbsp.operators.aggregate.AggregateTestSupport.Sale;
import org.jdbsp.operators.join.Pair;
import org.jdbsp.operators.spi.HashedKey;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

/**
 * Aggregates over key spaces large enough that eval reads a chunk's key lookups ahead ({@code RowKey.touch}):
 * tens of thousands of groups, with keys of {@code long} and object keys that hash from the row
 * ({@link HashedKey}), against sums kept in a map, through growth of the key space and deletions of whole groups.
 */
class ReadAheadAggregateTest {
    /** The region as an object key, hashed from the row without making the key. */
    record Region(int region) {
    }

    static final class RegionKey implements HashedKey<Sale> {
        @Override
        public Object apply(Sale s) {
            return new Region(s.region());
        }

        @Override
        public int keyHash(Sale s) {
            return new Region(s.region()).hashCode(); // what the key hashes to; the space mixes it further
        }
    }

    @Test
    void longKeys() {
        check("long keys", s -> Aggregates.aggregateByLong(s, Sale::region,
                (k, v) -> Pair.of((int) k, v.getLong(0)), Agg.sum(Sale::amount)));
    }

    @Test
    void objectKeysHashedFromTheRow() {
        check("object keys", s -> Aggregates.aggregate(s, new RegionKey(),
                (Object k, Aggregated v) -> Pair.of(((Region) k).region(), v.getLong(0)), Agg.sum(Sale::amount)));
    }

    private static void check(String what, Function<Stream<Sale>, Stream<Pair<Integer, Long>>> query) {
        for (long seed = 1; seed <= 3; seed++) {
            Random r = new Random(seed);
            Rig<Pair<Integer, Long>> f = new Rig<>(Mode.INCREMENTAL, query);
            Map<Integer, Long> sums = new HashMap<>();
            Map<Integer, Integer> rows = new HashMap<>();
            List<Sale> live = new ArrayList<>();
            int id = 0;
            for (int step = 0; step < 6; step++) {
                int inserts = 5_000 + r.nextInt(20_000);
                for (int i = 0; i < inserts; i++) {
                    Sale s = new Sale(r.nextInt(60_000), r.nextInt(100), id++);
                    f.in.insert(s);
                    live.add(s);
                    sums.merge(s.region(), s.amount(), Long::sum);
                    rows.merge(s.region(), 1, Integer::sum);
                }
                int deletes = step == 0 ? 0 : r.nextInt(live.size() / 2);
                for (int i = 0; i < deletes; i++) {
                    Sale s = live.remove(r.nextInt(live.size()));
                    f.in.delete(s);
                    sums.merge(s.region(), -s.amount(), Long::sum);
                    if (rows.merge(s.region(), -1, Integer::sum) == 0) {
                        rows.remove(s.region());
                        sums.remove(s.region());
                    }
                }
                f.step();
                ZSet<Pair<Integer, Long>> expected = new ZSet<>();
                sums.forEach((k, v) -> expected.add(Pair.of(k, v), 1));
                assertEquals(expected, f.out.view(), what + ", seed " + seed + ", step " + step);
            }
        }
    }
}
