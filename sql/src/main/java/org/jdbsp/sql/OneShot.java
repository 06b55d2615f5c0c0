package org.jdbsp.sql;

import org.jdbsp.sql.compiler.CompiledQuery;
import org.jdbsp.sql.compiler.ViewDef;
import org.jdbsp.sql.runtime.Tuple;
import org.jdbsp.zset.ZSet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Evaluates a compiled query once over given contents: a circuit whose inputs are the relations the query reads,
 * fed their contents as the first step's changes; its output's change is the result. Used for one-off queries
 * and for the rows of INSERT ... SELECT, UPDATE and DELETE. Costs one circuit and one pass over the inputs.
 */
final class OneShot {
    private OneShot() {
    }

    static ZSet<Tuple> run(CompiledQuery q, Function<String, ZSet<Tuple>> contents, SqlOptions options) {
        List<String> inputs = new ArrayList<>(q.sources());
        ViewDef view = new ViewDef("result", q, false);
        SqlOptions one = new SqlOptions(options.mode(), 1);
        try (ProgramCircuit c = ProgramCircuit.build(inputs, List.of(view), one)) {
            for (String source : q.sources()) c.push(source, contents.apply(source));
            try {
                c.step();
            } catch (SqlException e) {
                Throwable failed = e.getCause();
                Throwable cause = failed != null && failed.getCause() != null ? failed.getCause() : null;
                throw new SqlException(cause != null ? ProgramCircuit.describe(cause) : e.getMessage(), e);
            }
            return c.delta("result");
        }
    }
}
