package org.jdbsp.circuit;

import java.util.List;
import java.util.function.Consumer;

/** The runtimes a test runs one wiring on: naive, incremental, and incremental on three workers. */
enum Runtimes {
    NAIVE,
    INCREMENTAL,
    THREE_WORKERS;

    /** The circuit {@code wiring} makes in this runtime. */
    CircuitRuntime build(Consumer<CircuitBuilder> wiring) {
        if (this == THREE_WORKERS) {
            return Workers.build(3, Mode.INCREMENTAL, wiring);
        }
        CircuitBuilder b = this == NAIVE ? CircuitBuilder.naive() : CircuitBuilder.incremental();
        wiring.accept(b);
        return b.build();
    }

    static List<Runtimes> all() {
        return List.of(values());
    }
}
