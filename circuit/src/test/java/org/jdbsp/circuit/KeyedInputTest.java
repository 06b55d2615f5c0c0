package org.jdbsp.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

/** Keyed inputs: at most one row per key, upsert and deleteKey, checked before anything changes. */
class KeyedInputTest {

    record Account(long id, String owner, long balance) {
    }

    private static void assertMessage(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
        }
    }

    private static Account a(long id, String owner, long balance) {
        return new Account(id, owner, balance);
    }

    /**
     * Keyed input "acc" (key: id); output "all" reads it, "owners" a map of it that fails on a negative
     * balance, "moved" an exchange of it by owner.
     */
    private static void wire(CircuitBuilder b) {
        KeyedInputHandle<Long, Account> acc = b.keyedInput("acc", Account.class, Account::id);
        b.output("all", Account.class, acc.stream());
        b.output("owners", String.class, TestOps.map(acc.stream(), x -> {
            if (x.balance() < 0) {
                throw new IllegalArgumentException("negative balance " + x);
            }
            return x.owner();
        }));
        b.output("moved", Account.class, b.shard(acc.stream(), x -> x.owner().hashCode(), "by owner"));
    }

    private static KeyedInputHandle<Long, Account> acc(CircuitRuntime c) {
        return c.keyedInput("acc", Long.class, Account.class);
    }

    private static ZSet<Account> view(CircuitRuntime c) {
        ZSet<Account> all = c.output("all", Account.class).view();
        assertEquals(all, c.output("moved", Account.class).view(), "the exchange moves every row once");
        return all;
    }

    @Test
    void upsertInsertsOrReplacesAndDeleteKeyRemoves() {
        for (Runtimes rt : Runtimes.all()) {
            try (CircuitRuntime c = rt.build(KeyedInputTest::wire)) {
                KeyedInputHandle<Long, Account> acc = acc(c);
                assertNull(acc.upsert(a(1, "ann", 10)));
                assertNull(acc.upsert(a(2, "bob", 20)));
                assertEquals(a(1, "ann", 10), acc.upsert(a(1, "ann", 15)), "returns the row replaced");
                assertEquals(a(1, "ann", 15), acc.get(1L));
                assertEquals(2, acc.size());
                c.step();
                assertEquals(ZSet.of(a(1, "ann", 15), a(2, "bob", 20)), view(c), rt.name());
                assertEquals(a(2, "bob", 20), acc.deleteKey(2L));
                acc.upsert(a(1, "cat", 15)); // -old +new
                assertEquals(ZSet.<Account>builder(3).add(a(2, "bob", 20), -1).add(a(1, "ann", 15), -1)
                        .add(a(1, "cat", 15), 1).build(), acc.pending(), rt.name());
                assertEquals(a(1, "cat", 15), acc.upsert(a(1, "cat", 15)), "the same row: no change");
                c.step();
                assertEquals(ZSet.of(a(1, "cat", 15)), view(c), rt.name());
                assertEquals(ZSet.of("cat"), c.output("owners", String.class).view(), rt.name());
                assertEquals(1, acc.size());
                assertNull(acc.get(2L));
                assertTrue(acc.containsKey(1L));
            }
        }
    }

    @Test
    void insertDeleteAndUpdateAreCheckedAgainstTheKeys() {
        for (Runtimes rt : Runtimes.all()) {
            try (CircuitRuntime c = rt.build(KeyedInputTest::wire)) {
                KeyedInputHandle<Long, Account> acc = acc(c);
                acc.insert(a(1, "ann", 10));
                c.step();
                acc.insert(a(2, "bob", 20));
                ZSet<Account> pending = acc.pending();
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> acc.insert(a(1, "ann", 99)));
                assertMessage(e, "input 'acc'", "key 1 already has row " + a(1, "ann", 10), "upsert");
                e = assertThrows(IllegalArgumentException.class, () -> acc.delete(a(1, "ann", 99)));
                assertMessage(e, "input 'acc'", "the row with key 1 is " + a(1, "ann", 10));
                e = assertThrows(IllegalArgumentException.class, () -> acc.delete(a(3, "cy", 0)));
                assertMessage(e, "no row has its key 3");
                e = assertThrows(IllegalArgumentException.class, () -> acc.deleteKey(3L));
                assertMessage(e, "input 'acc'", "no row with key 3");
                e = assertThrows(IllegalArgumentException.class, () -> acc.update(a(1, "x", 0), a(1, "y", 0)));
                assertMessage(e, "update of row");
                e = assertThrows(IllegalArgumentException.class, () -> acc.update(a(1, "ann", 10), a(2, "ann", 10)));
                assertMessage(e, "key 2 already has row");
                e = assertThrows(IllegalArgumentException.class, () -> acc.push(a(5, "e", 5), 2));
                assertMessage(e, "at most one row per key", "weight 2");
                NullPointerException n = assertThrows(NullPointerException.class, () -> acc.upsert(null));
                assertMessage(n, "input 'acc'");
                assertThrows(NullPointerException.class, () -> acc.deleteKey(null));
                assertThrows(NullPointerException.class, () -> acc.get(null));
                assertEquals(pending, acc.pending(), rt + ": rejected calls changed nothing");
                assertEquals(2, acc.size());
                acc.update(a(1, "ann", 10), a(3, "ann", 10)); // a new key
                acc.delete(a(2, "bob", 20));
                acc.push(a(4, "dan", 4), 1);
                acc.push(a(4, "dan", 4), -1);
                c.step();
                assertEquals(ZSet.of(a(3, "ann", 10)), view(c), rt.name());
                assertNull(acc.get(1L));
            }
        }
    }

    @Test
    void theKeyFunctionMustGiveAKey() {
        CircuitBuilder b = CircuitBuilder.incremental();
        KeyedInputHandle<String, Account> acc = b.keyedInput("acc", Account::owner);
        b.output("o", acc.stream());
        Circuit c = b.build();
        NullPointerException n = assertThrows(NullPointerException.class, () -> acc.upsert(a(1, null, 0)));
        assertMessage(n, "input 'acc'", "key function returned null", "Account[id=1");
        assertTrue(acc.pending().isEmpty());
        CircuitBuilder b2 = CircuitBuilder.incremental();
        KeyedInputHandle<Long, Account> bad = b2.keyedInput("bad", x -> {
            if (x.id() < 0) {
                throw new IllegalStateException("no key");
            }
            return x.id();
        });
        b2.output("o", bad.stream());
        b2.build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bad.insert(a(-1, "z", 0)));
        assertMessage(e, "input 'bad'", "key function failed", "id=-1", "no key");
        assertTrue(bad.pending().isEmpty());
        assertEquals(0, bad.size());
        assertThrows(NullPointerException.class, () -> b2.keyedInput("k", null), "a key function is required");
    }

    @Test
    void aZSetPushIsAtomicWithDeletesFirst() {
        for (Runtimes rt : Runtimes.all()) {
            try (CircuitRuntime c = rt.build(KeyedInputTest::wire)) {
                KeyedInputHandle<Long, Account> acc = acc(c);
                acc.insertAll(new Account[] {a(1, "a", 1), a(2, "b", 2)}, 0, 2);
                assertThrows(IllegalArgumentException.class,
                        () -> acc.insertAll(new Account[] {a(3, "c", 3), a(3, "c", 4)}, 0, 2), "a key twice");
                c.step();
                ZSet<Account> update = ZSet.<Account>builder(2).add(a(1, "a", 1), -1).add(a(1, "a", 5), 1).build();
                ZSet<Account> bad = update.plus(ZSet.of(a(2, "b", 9)));
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> acc.push(bad));
                assertMessage(e, "key 2 already has row");
                assertTrue(acc.pending().isEmpty(), rt.name());
                assertEquals(a(1, "a", 1), acc.get(1L));
                acc.push(update);
                assertEquals(a(1, "a", 5), acc.get(1L));
                c.step();
                assertEquals(ZSet.of(a(1, "a", 5), a(2, "b", 2)), view(c), rt.name());
            }
        }
    }

    @Test
    void aFailedStepKeepsRowsAndPendingAndClearPendingRestoresTheCommittedRows() {
        for (Runtimes rt : Runtimes.all()) {
            try (CircuitRuntime c = rt.build(KeyedInputTest::wire)) {
                KeyedInputHandle<Long, Account> acc = acc(c);
                acc.upsert(a(1, "ann", 10));
                acc.upsert(a(2, "bob", 20));
                c.step();
                acc.upsert(a(1, "ann", -5)); // the map fails on it
                acc.deleteKey(2L);
                acc.upsert(a(3, "cy", 30));
                ZSet<Account> pending = acc.pending();
                OperatorFailedException e = assertThrows(OperatorFailedException.class, c::step, rt.name());
                assertMessage(e, "negative balance");
                assertEquals(pending, acc.pending(), rt + ": the input stays pending");
                assertEquals(a(1, "ann", -5), acc.get(1L));
                assertEquals(2, acc.size());
                assertThrows(OperatorFailedException.class, c::step, "the failure repeats");
                acc.clearPending();
                assertTrue(acc.pending().isEmpty());
                assertEquals(a(1, "ann", 10), acc.get(1L), rt.name());
                assertEquals(a(2, "bob", 20), acc.get(2L), rt.name());
                assertNull(acc.get(3L));
                assertEquals(2, acc.size());
                acc.upsert(a(2, "bob", 25));
                c.step();
                assertEquals(ZSet.of(a(1, "ann", 10), a(2, "bob", 25)), view(c), rt.name());
                acc.deleteKey(1L);
                acc.clearPending(); // after a successful step the committed rows are the new ones
                assertEquals(a(2, "bob", 25), acc.get(2L));
                assertEquals(a(1, "ann", 10), acc.get(1L));
            }
        }
    }

    @Test
    void lookupsShareTheRowsAndCheckKeysAndRows() {
        for (Runtimes rt : Runtimes.all()) {
            try (CircuitRuntime c = rt.build(KeyedInputTest::wire)) {
                acc(c).upsert(a(1, "ann", 10));
                assertEquals(a(1, "ann", 10), acc(c).get(1L), "another lookup, the same rows");
                @SuppressWarnings({"unchecked", "rawtypes"})
                KeyedInputHandle<Object, Account> raw = (KeyedInputHandle) acc(c);
                ClassCastException e = assertThrows(ClassCastException.class, () -> raw.get(1));
                assertMessage(e, "input 'acc'", "key 1", "java.lang.Integer", "java.lang.Long");
                Input<Account> plain = c.input("acc", Account.class);
                assertInstanceOf(KeyedInputHandle.class, plain, "a keyed input stays keyed");
                assertThrows(IllegalArgumentException.class, () -> plain.insert(a(1, "dup", 0)));
                assertThrows(IllegalArgumentException.class, () -> c.keyedInput("acc", Long.class, Object.class));
            }
        }
    }

    @Test
    void everyReplicaHandleSharesTheRows() {
        try (WorkerCircuit<KeyedInputHandle<Long, Account>> c = Workers.wire(3, Mode.INCREMENTAL, b -> {
            KeyedInputHandle<Long, Account> acc = b.keyedInput("acc", Account.class, Account::id);
            b.output("all", acc.stream());
            return acc;
        })) {
            c.wired().get(1).upsert(a(1, "ann", 1));
            c.wired().get(2).upsert(a(1, "ann", 2));
            assertEquals(a(1, "ann", 2), c.wired().get(0).get(1L));
            c.step();
            assertEquals(ZSet.of(a(1, "ann", 2)), c.output("all", Account.class).view());
        }
    }

    /** Random upserts, inserts, deletes and updates, valid or not, and some clearPending, against a model. */
    @Test
    void randomCallsMatchAModel() {
        long seed = new Random().nextLong();
        for (Runtimes rt : Runtimes.all()) {
            Random random = new Random(seed);
            try (CircuitRuntime c = rt.build(KeyedInputTest::wire)) {
                KeyedInputHandle<Long, Account> acc = acc(c);
                Map<Long, Account> committed = new HashMap<>();
                Map<Long, Account> current = new HashMap<>();
                for (int step = 0; step < 50; step++) {
                    String where = rt + ", seed " + seed + ", step " + step;
                    for (int i = 0, n = random.nextInt(30); i < n; i++) {
                        long id = random.nextInt(15);
                        Account row = a(id, "o" + random.nextInt(4), random.nextInt(3));
                        Account present = current.get(id);
                        switch (random.nextInt(5)) {
                            case 0 -> {
                                assertEquals(present, acc.upsert(row), where);
                                current.put(id, row);
                            }
                            case 1 -> {
                                if (present == null) {
                                    acc.insert(row);
                                    current.put(id, row);
                                } else {
                                    assertThrows(IllegalArgumentException.class, () -> acc.insert(row), where);
                                }
                            }
                            case 2 -> {
                                if (present == null) {
                                    assertThrows(IllegalArgumentException.class, () -> acc.deleteKey(id), where);
                                } else {
                                    assertEquals(present, acc.deleteKey(id), where);
                                    current.remove(id);
                                }
                            }
                            case 3 -> {
                                Account old = present != null && random.nextBoolean() ? present : row;
                                if (old.equals(present)) {
                                    acc.delete(old);
                                    current.remove(id);
                                } else {
                                    assertThrows(IllegalArgumentException.class, () -> acc.delete(old), where);
                                }
                            }
                            default -> {
                                if (present != null && !current.containsKey(id + 100)) {
                                    Account moved = a(id + 100, present.owner(), present.balance());
                                    acc.update(present, moved);
                                    current.remove(id);
                                    current.put(id + 100, moved);
                                }
                            }
                        }
                    }
                    if (random.nextInt(6) == 0) {
                        acc.clearPending();
                        current = new HashMap<>(committed);
                    }
                    assertEquals(current.size(), acc.size(), where);
                    for (Map.Entry<Long, Account> e : current.entrySet()) {
                        assertEquals(e.getValue(), acc.get(e.getKey()), where);
                    }
                    c.step();
                    committed = new HashMap<>(current);
                    List<Account> rows = new ArrayList<>(committed.values());
                    assertEquals(ZSet.of(rows.toArray(new Account[0])), view(c), where);
                }
            }
        }
    }
}
