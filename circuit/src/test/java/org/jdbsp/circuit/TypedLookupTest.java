package org.jdbsp.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;

/** Inputs and outputs declared with a row type, and lookups on the built circuit that check the type. */
class TypedLookupTest {

    private static void assertMessage(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
        }
    }

    /** Pushes {@code row} past the compiler's check, as raw types or unchecked casts can. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void pushRaw(Input in, Object row) {
        in.insert(row);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void insertAllRaw(Input in, Object[] rows) {
        in.insertAll(rows, 0, rows.length);
    }

    @Test
    void aTypedInputRejectsARowOfAnotherClassBeforeAnythingChanges() {
        for (Runtimes rt : Runtimes.all()) {
            try (CircuitRuntime c = rt.build(b -> b.output("o", String.class, b.input("s", String.class).stream()))) {
                Input<String> in = c.input("s", String.class);
                in.insert("a");
                ClassCastException e = assertThrows(ClassCastException.class, () -> pushRaw(in, 42));
                assertMessage(e, "input 's'", "row 42", "java.lang.Integer", "java.lang.String");
                assertEquals(ZSet.of("a"), in.pending(), rt.name());
                c.step();
                assertEquals(ZSet.of("a"), c.output("o", String.class).view(), rt.name());
                assertEquals(Optional.of(String.class), in.rowType());
            }
        }
    }

    @Test
    void theBuilderHandleOfATypedInputChecksToo() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<String> in = b.input("s", String.class);
        b.output("o", in.stream());
        b.build();
        assertThrows(ClassCastException.class, () -> pushRaw(in, 1L));
        @SuppressWarnings({"unchecked", "rawtypes"})
        ZSet<String> bad = (ZSet) ZSet.of("ok", 7);
        assertThrows(ClassCastException.class, () -> in.push(bad));
        ClassCastException e = assertThrows(ClassCastException.class, () -> insertAllRaw(in, new Object[] {"x", 3}));
        assertMessage(e, "input 's'", "row 3");
        insertAllRaw(in, new String[] {"y", "z"}); // a String[] needs no check per row
        assertEquals(ZSet.of("y", "z"), in.pending(), "only the last batch was added");
    }

    @Test
    void lookingUpAnInputWithAnotherTypeFailsNamingBothTypes() {
        for (Runtimes rt : Runtimes.all()) {
            try (CircuitRuntime c = rt.build(b -> b.output("o", b.input("s", String.class).stream()))) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> c.input("s", CharSequence.class));
                assertMessage(e, "input 's'", "java.lang.String", "java.lang.CharSequence");
                assertThrows(IllegalArgumentException.class, () -> c.input("s", Object.class), "exactly the type");
                e = assertThrows(IllegalArgumentException.class, () -> c.input("nope", String.class));
                assertMessage(e, "unknown input 'nope'", "[s]");
                e = assertThrows(IllegalArgumentException.class, () -> c.keyedInput("s", Long.class, String.class));
                assertMessage(e, "input 's' is not keyed");
            }
        }
    }

    @Test
    void anUntypedInputLookedUpWithATypeChecksEveryRow() {
        for (Runtimes rt : Runtimes.all()) {
            try (CircuitRuntime c = rt.build(b -> b.output("o", b.<Object>input("any").stream()))) {
                Input<String> strings = c.input("any", String.class);
                Input<Integer> ints = c.input("any", Integer.class);
                strings.insert("a");
                assertThrows(ClassCastException.class, () -> pushRaw(strings, 5), rt.name());
                ints.insert(5);
                // each handle reads the rows of the other as what they are: not its type
                ClassCastException e = assertThrows(ClassCastException.class, strings::pending);
                assertMessage(e, "input 'any'", "row 5", "java.lang.Integer", "java.lang.String");
                assertEquals(2, c.input("any").pending().size(), "the untyped handle reads everything");
                assertEquals(Optional.empty(), c.input("any").rowType());
                assertEquals(Optional.of(String.class), strings.rowType());
                c.step();
                assertEquals(ZSet.of("a", 5), c.output("o").view());
            }
        }
    }

    @Test
    void primitiveRowTypesAreRejectedWithTheWrapperToUse() {
        CircuitBuilder b = CircuitBuilder.incremental();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.input("n", long.class));
        assertMessage(e, "input 'n'", "primitive", "Long.class");
        b.output("o", b.input("m").stream());
        Circuit c = b.build();
        e = assertThrows(IllegalArgumentException.class, () -> c.input("m", int.class));
        assertMessage(e, "Integer.class");
        assertThrows(NullPointerException.class, () -> c.input("m", null));
    }

    @Test
    void aTypedOutputIsReadAsItsTypeOrASupertype() {
        for (Runtimes rt : Runtimes.all()) {
            try (CircuitRuntime c = rt.build(b -> b.output("o", String.class, b.input("s", String.class).stream()))) {
                c.input("s", String.class).insert("a");
                c.step();
                Output<CharSequence> chars = c.output("o", CharSequence.class);
                assertEquals(ZSet.of("a"), chars.view(), rt.name());
                assertEquals(ZSet.of("a"), c.output("o", Object.class).delta(), rt.name());
                assertEquals(Optional.of(String.class), c.output("o").rowType(), rt.name());
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> c.output("o", Integer.class));
                assertMessage(e, "output 'o'", "java.lang.String", "java.lang.Integer");
                e = assertThrows(IllegalArgumentException.class, () -> c.output("nope", String.class));
                assertMessage(e, "unknown output 'nope'", "[o]");
            }
        }
    }

    @Test
    void anUntypedOutputReadAsATypeChecksEveryRowItReads() {
        for (Runtimes rt : Runtimes.all()) {
            try (CircuitRuntime c = rt.build(b -> b.output("o", b.<Object>input("any").stream()))) {
                c.input("any", Object.class).insert("a");
                c.step();
                Output<String> strings = c.output("o", String.class);
                assertEquals(ZSet.of("a"), strings.view());
                c.input("any", Object.class).insert(5);
                c.step();
                ClassCastException e = assertThrows(ClassCastException.class, strings::view);
                assertMessage(e, "output 'o'", "row 5", "java.lang.Integer", "java.lang.String");
                assertThrows(ClassCastException.class, strings::delta);
                assertEquals(2, strings.viewSize(), "sizes need no rows");
                assertEquals(1, strings.deltaSize());
                assertEquals(Optional.of(String.class), strings.rowType());
            }
        }
    }

    @Test
    void handlesFromLookupsFeedTheSameInputButHaveNoStream() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Long> in = b.input("n", Long.class);
        OutputHandle<Long> out = b.output("o", Long.class, in.stream());
        Circuit c = b.build();
        Input<Long> looked = c.input("n", Long.class);
        in.insert(1L);
        looked.insert(2L);
        assertEquals(ZSet.of(1L, 2L), looked.pending());
        InputHandle<?> handle = assertInstanceOf(InputHandle.class, looked);
        IllegalStateException e = assertThrows(IllegalStateException.class, handle::stream);
        assertMessage(e, "input 'n'", "no stream");
        c.step();
        assertEquals(ZSet.of(1L, 2L), out.view());
        assertSame(out, c.output("o"), "the output handle itself");
        assertSame(out, c.output("o", Long.class));
    }

    @Test
    void appendOnlyAndStrictInputsTakeATypeToo() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Long> events = b.appendOnlyInput("events", Long.class);
        InputHandle<Long> table = b.strictInput("table", Long.class);
        b.output("o", Long.class, events.stream().plus(table.stream()));
        Circuit c = b.build();
        assertThrows(ClassCastException.class, () -> pushRaw(events, "x"));
        assertThrows(ClassCastException.class, () -> pushRaw(table, "x"));
        assertThrows(IllegalArgumentException.class, () -> c.input("events", Integer.class));
        c.input("events", Long.class).insert(1L);
        c.input("table", Long.class).insert(2L);
        c.step();
        assertEquals(ZSet.of(1L, 2L), c.output("o", Long.class).view());
    }

    @Test
    void replicasMustDeclareAnInputAlike() {
        int[] calls = {0};
        CircuitWiringException e = assertThrows(CircuitWiringException.class, () -> Workers.build(2,
                Mode.INCREMENTAL, b -> {
                    InputHandle<Long> in = calls[0]++ == 0 ? b.input("n", Long.class) : b.strictInput("n", Long.class);
                    b.output("o", in.stream());
                }));
        assertMessage(e, "input 'n'", "input of java.lang.Long", "strict input of java.lang.Long");
    }
}
