package org.jdbsp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/**
 * Joins on several columns equal a nested-loop reference for every join type, incrementally and on 2 workers,
 * with duplicates and deletes: keys of the same primitive types on both sides (generated key rows), of
 * different integer types (INT = BIGINT), and a DOUBLE key where 0.0 and -0.0 are equal.
 */
class JoinMultiColumnKeyTest {
    private static final String[] TYPES = {"INNER", "LEFT", "RIGHT", "FULL"};

    /** A view's join condition and the same condition over two rows {id, k1, k2, k3, z}. */
    private record On(String name, String sql, BiPredicate<Object[], Object[]> holds) {
    }

    private static final List<On> CONDITIONS = List.of(
            new On("same", "a.k1 = b.k1 AND a.k2 = b.k2", (a, b) -> a[1].equals(b[1]) && a[2].equals(b[2])),
            new On("mixed", "a.k1 = b.k1 AND a.k2 = b.k3",
                    (a, b) -> a[1].equals(b[1]) && ((Integer) a[2]).longValue() == (Long) b[3]),
            new On("dbl", "a.k2 = b.k2 AND a.z = b.z", (a, b) -> a[2].equals(b[2]) && (double) a[4] == (double) b[4]));

    @Test
    void equalsNestedLoops() {
        long seed = 81207L;
        StringBuilder script = new StringBuilder(
                "CREATE TABLE a (id INT NOT NULL, k1 BIGINT NOT NULL, k2 INT NOT NULL, k3 BIGINT NOT NULL,"
                        + " z DOUBLE NOT NULL);\n"
                        + "CREATE TABLE b (id INT NOT NULL, k1 BIGINT NOT NULL, k2 INT NOT NULL, k3 BIGINT NOT NULL,"
                        + " z DOUBLE NOT NULL);\n");
        for (On on : CONDITIONS) {
            for (String t : TYPES) {
                script.append("CREATE VIEW ").append(on.name()).append('_').append(t.toLowerCase())
                        .append(" AS SELECT a.id AS aid, b.id AS bid FROM a ").append(t).append(" JOIN b ON ")
                        .append(on.sql()).append(";\n");
            }
        }
        double[] zs = {0.0, -0.0, 1.5};
        for (SqlOptions o : List.of(SqlOptions.incremental(), SqlOptions.incremental().withWorkers(2))) {
            Random r = new Random(seed);
            try (SqlProgram p = Sql.compile(script.toString(), o)) {
                List<Object[]> as = new ArrayList<>();
                List<Object[]> bs = new ArrayList<>();
                int id = 0;
                for (int step = 0; step < 5; step++) {
                    for (int i = 0; i < 500; i++) {
                        boolean left = r.nextBoolean();
                        List<Object[]> side = left ? as : bs;
                        SqlTable table = p.table(left ? "a" : "b");
                        if (!side.isEmpty() && r.nextInt(4) == 0) {
                            table.delete(side.remove(r.nextInt(side.size())));
                        } else {
                            Object[] row = {id++ % 60, (long) r.nextInt(5), r.nextInt(6), (long) r.nextInt(6),
                                    zs[r.nextInt(zs.length)]}; // ids repeat: duplicate rows
                            side.add(row);
                            table.insert(row);
                        }
                    }
                    p.step();
                    for (On on : CONDITIONS) {
                        for (String t : TYPES) {
                            String view = on.name() + "_" + t.toLowerCase();
                            String at = view + ", " + o + ", step " + step + " (seed " + seed + ")";
                            List<String> expected = NestedLoopJoin.rows(t, as, bs, on.holds(), a -> a[0], b -> b[0]);
                            assertTrue(expected.size() > 50, at + ": " + expected.size() + " rows");
                            assertEquals(expected, AppendOnlyTableTest.rows(p.view(view).contents()).stream()
                                    .flatMap(NestedLoopJoin::expand).sorted().toList(), at);
                        }
                    }
                }
            }
        }
    }
}
