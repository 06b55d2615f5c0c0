package org.jdbsp.operators.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * A row key routes a row by its key's hash: from {@link HashedKey#keyHash} without making the key when the key
 * function is one, else from the key it makes; the key is made where it is stored or looked up.
 */
class RowKeyTest {
    record Row(long a, long b) {
    }

    /** The key (a, b) as a string, counting the keys it makes. */
    static final class CountingKey implements HashedKey<Row> {
        int made;

        @Override
        public Object apply(Row r) {
            made++;
            return r.a() + "/" + r.b();
        }

        @Override
        public int keyHash(Row r) {
            return (r.a() + "/" + r.b()).hashCode();
        }
    }

    @Test
    void shardHashOfAHashedKeyMakesNoKey() {
        CountingKey key = new CountingKey();
        RowKey<Row> rk = RowKey.of(new ObjectKeySpace(), key);
        Row row = new Row(7, -3);
        assertEquals(Objects.hashCode("7/-3"), rk.shardHash(row));
        assertEquals(0, key.made, "routing made a key");
        int id = rk.id(row);
        assertEquals(1, key.made);
        assertEquals(id, rk.find(new Row(7, -3)));
    }

    @Test
    void shardHashOfAPlainKeyFunctionHashesTheKey() {
        int[] made = {0};
        RowKey<Row> rk = RowKey.of(new ObjectKeySpace(), (Row r) -> {
            made[0]++;
            return r.a() + "/" + r.b();
        });
        assertEquals(Objects.hashCode("7/-3"), rk.shardHash(new Row(7, -3)));
        assertEquals(1, made[0]);
    }

    /** The key (a, b) routed by a's hash: rows of one key share a, so they meet on one worker. */
    record RoutedByA() implements java.util.function.Function<Row, Object>, RoutedKey<Row> {
        @Override
        public Object apply(Row r) {
            return java.util.List.of(r.a(), r.b());
        }

        @Override
        public Object routing() {
            return "a";
        }

        @Override
        public int routingHash(Row r) {
            return Long.hashCode(r.a());
        }

        @Override
        public int routingHashOfKey(Object key) {
            return Long.hashCode((Long) ((java.util.List<?>) key).get(0));
        }
    }

    /** The long key b, routed by its own hash plus one (a test routing no other key function shares). */
    record LongRoutedByB() implements java.util.function.ToLongFunction<Row>, RoutedKey<Row> {
        @Override
        public long applyAsLong(Row r) {
            return r.b();
        }

        @Override
        public Object routing() {
            return "b";
        }

        @Override
        public int routingHash(Row r) {
            return Long.hashCode(r.b()) + 1;
        }

        @Override
        public int routingHashOfKey(Object key) {
            return Long.hashCode((Long) key) + 1;
        }
    }

    @Test
    void aRoutedKeyRoutesRowsAndRepartitionsKeysByItsRoutingHash() {
        Row row = new Row(-7, 12);
        ObjectKeySpace objects = new ObjectKeySpace();
        RowKey<Row> byA = RowKey.of(objects, new RoutedByA());
        assertEquals("a", byA.routing());
        assertEquals(Long.hashCode(-7), byA.shardHash(row));
        assertEquals(Long.hashCode(-7), objects.shardHash(byA.id(row)), "the saved key's hash on restore");
        LongKeySpace longs = new LongKeySpace();
        RowKey<Row> byB = RowKey.ofLong(longs, new LongRoutedByB());
        assertEquals("b", byB.routing());
        assertEquals(Long.hashCode(12) + 1, byB.shardHash(row));
        assertEquals(Long.hashCode(12) + 1, longs.shardHash(byB.id(row)));
        RowKey<Row> plain = RowKey.ofLong(new LongKeySpace(), Row::b);
        assertEquals(null, plain.routing());
        assertEquals(Long.hashCode(12), plain.shardHash(row));
    }
}
