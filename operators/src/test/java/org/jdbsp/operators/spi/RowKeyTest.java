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
}
