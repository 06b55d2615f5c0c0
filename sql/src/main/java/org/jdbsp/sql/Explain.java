package org.jdbsp.sql;

import org.jdbsp.sql.compiler.ViewDef;

import java.util.ArrayList;
import java.util.List;

/** The text of {@link SqlProgram#explain}: a view's operators and the schedule of the circuit that runs them. */
final class Explain {
    private Explain() {
    }

    /**
     * @param appendOnly the append-only tables (their inputs are wired as such)
     * @param watermarks each table's watermark, so that the schedule shows the operators that drop state
     */
    static String circuit(ViewDef view, SqlOptions options, java.util.Set<String> appendOnly,
                          java.util.function.Function<String, org.jdbsp.operators.window.Watermark> watermarks) {
        StringBuilder sb = new StringBuilder();
        sb.append(view.query().explainOperators());
        try (ProgramCircuit c = ProgramCircuit.build(new ArrayList<>(view.query().sources()), appendOnly, List.of(view),
                new SqlOptions(options.mode(), 1), watermarks)) {
            sb.append("schedule:\n");
            for (String s : c.schedule()) sb.append("  ").append(s).append('\n');
        }
        return sb.toString();
    }
}
