package org.jdbsp.propertytests.circuits;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import org.jdbsp.circuit.Stream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Random circuits of 2 to 6 operators drawn from the whole library, over two inputs: the incremental circuit
 * equals the naive one at every step of random runs of inserts and deletes.
 */
class RandomCircuitProperties {

    static Gen<Instruction> instructions() {
        return integers().between(0, Instruction.NAMES.length - 1)
                .zip(integers().between(0, 7), integers().between(0, 7), Instruction::new);
    }

    static Stream<Row> wire(List<Instruction> program, List<Stream<Row>> inputs) {
        List<Stream<Row>> pool = new ArrayList<>(inputs);
        for (Instruction ins : program) {
            pool.add(ins.apply(pool));
        }
        return pool.get(pool.size() - 1);
    }

    @Test
    void randomCompositionsAreIncrementalizedCorrectly() {
        qt().withExamples(3000)
                .forAll(lists().of(instructions()).ofSizeBetween(2, 6), Runs.runs(2, 3, 6, 8))
                .checkAssert((program, run) -> IncrementalVsNaive.check(program.toString(), 2,
                        (b, in) -> wire(program, in), run));
    }
}
