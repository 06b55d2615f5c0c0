package org.jdbsp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jdbsp.circuit.OperatorProfile;
import org.junit.jupiter.api.Test;

/**
 * A program's per-operator profile: switched on before the circuit exists, it covers every step the circuit then
 * runs, on one worker and on two; it is refused, naming why, while off or before the first step.
 */
class SqlProfileTest {
    @Test
    void profilesEveryStepOfTheViewsCircuit() {
        for (SqlOptions o : List.of(SqlOptions.incremental(), SqlOptions.incremental().withWorkers(2))) {
            try (SqlProgram p = Sql.compile("CREATE TABLE t (k INT NOT NULL, v INT NOT NULL);"
                    + "CREATE VIEW s AS SELECT k, SUM(v) AS total FROM t GROUP BY k;", o)) {
                SqlException off = assertThrows(SqlException.class, p::profile);
                assertTrue(off.getMessage().contains("profiling is off"), off.getMessage());
                p.profile(true);
                SqlException early = assertThrows(SqlException.class, p::profile);
                assertTrue(early.getMessage().contains("first step"), early.getMessage());
                for (int step = 0; step < 5; step++) {
                    for (int i = 0; i < 100; i++) p.table("t").insert(i % 7, step * 100 + i);
                    p.step();
                }
                OperatorProfile profile = p.profile();
                assertEquals(5, profile.steps(), o.toString());
                assertTrue(profile.operators().stream().anyMatch(op -> op.name().startsWith("aggregate")),
                        profile.toTable(20));
                p.profile(false);
                assertThrows(SqlException.class, p::profile);
            }
        }
    }
}
