package org.jdbsp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A join on one integer column with a further condition (the engine's long-keyed join, a NULL key matching
 * nothing) equals a nested-loop reference for every join type, with NULL keys, duplicates and deletes,
 * incrementally and on 2 workers.
 */
class JoinResidualLongKeyTest {
    private static final String[] TYPES = {"INNER", "LEFT", "RIGHT", "FULL"};

    @Test
    void equalsNestedLoops() {
        long seed = 71209L;
        StringBuilder script = new StringBuilder("CREATE TABLE a (id INT NOT NULL, k INT, x INT NOT NULL);\n"
                + "CREATE TABLE b (id INT NOT NULL, k BIGINT NOT NULL, y INT NOT NULL);\n");
        for (String t : TYPES) {
            script.append("CREATE VIEW ").append(t.toLowerCase()).append(" AS SELECT a.id AS aid, b.id AS bid FROM a ")
                    .append(t).append(" JOIN b ON a.k = b.k AND a.x < b.y;\n");
        }
        for (SqlOptions o : List.of(SqlOptions.incremental(), SqlOptions.incremental().withWorkers(2))) {
            Random r = new Random(seed);
            try (SqlProgram p = Sql.compile(script.toString(), o)) {
                List<Integer[]> as = new ArrayList<>();
                List<Integer[]> bs = new ArrayList<>();
                int id = 0;
                for (int step = 0; step < 6; step++) {
                    for (int i = 0; i < 600; i++) {
                        boolean left = r.nextBoolean();
                        List<Integer[]> side = left ? as : bs;
                        if (!side.isEmpty() && r.nextInt(4) == 0) {
                            Integer[] row = side.remove(r.nextInt(side.size()));
                            if (left) p.table("a").delete(row[0], row[1], row[2]);
                            else p.table("b").delete(row[0], (long) row[1], row[2]);
                        } else {
                            Integer k = left && r.nextInt(6) == 0 ? null : r.nextInt(40) - 20;
                            Integer[] row = {id++ % 50, k, r.nextInt(100)}; // ids repeat: duplicate rows
                            side.add(row);
                            if (left) p.table("a").insert(row[0], row[1], row[2]);
                            else p.table("b").insert(row[0], (long) row[1], row[2]);
                        }
                    }
                    p.step();
                    for (String t : TYPES) {
                        String at = t + ", " + o + ", step " + step + " (seed " + seed + ")";
                        List<String> expected = NestedLoopJoin.rows(t, as, bs,
                                (a, b) -> a[1] != null && a[1].equals(b[1]) && a[2] < b[2], a -> a[0], b -> b[0]);
                        assertTrue(expected.size() > 20, at + ": " + expected.size() + " rows, " + as.size() + " x " + bs.size());
                        assertEquals(expected, AppendOnlyTableTest.rows(p.view(t.toLowerCase()).contents())
                                .stream().flatMap(NestedLoopJoin::expand).sorted().toList(), at);
                    }
                }
            }
        }
    }
}
