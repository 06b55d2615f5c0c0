package org.jdbsp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code JOIN t FOR SYSTEM_TIME AS OF ...} as a processing-time temporal join: each row meets the table as it is in
 * the step the row arrives; the table's later changes leave the rows already joined alone. Checked against a plain
 * model step by step over random changes of both sides, incremental, naive and on 2 workers.
 */
class TemporalJoinTest {
    private static final String SCRIPT = """
            CREATE TABLE orders (id BIGINT NOT NULL, item INT NOT NULL, ts TIMESTAMP NOT NULL);
            CREATE TABLE prices (item INT NOT NULL, price INT);
            CREATE VIEW priced AS SELECT o.id, o.item, p.price
              FROM (SELECT *, ts AS p_time FROM orders) o
              JOIN prices FOR SYSTEM_TIME AS OF o.p_time AS p ON o.item = p.item;
            """;

    record Price(int item, Integer price) {
    }

    @Test
    void eachRowMeetsTheTableAsItIsWhenTheRowArrives() {
        for (long seed = 1; seed <= 3; seed++) {
            for (SqlOptions o : List.of(SqlOptions.incremental(), SqlOptions.naive(),
                    SqlOptions.incremental().withWorkers(2))) {
                check(seed, o);
            }
        }
    }

    private static void check(long seed, SqlOptions options) {
        SqlProgram p = Sql.compile(SCRIPT, options);
        Random r = new Random(seed);
        List<Price> prices = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        long id = 0;
        for (int step = 0; step < 30; step++) {
            List<long[]> arrived = new ArrayList<>();
            for (int c = 0, n = r.nextInt(40); c < n; c++) {
                if (r.nextInt(3) == 0) {
                    if (!prices.isEmpty() && r.nextBoolean()) {
                        Price gone = prices.remove(r.nextInt(prices.size()));
                        p.table("prices").delete(gone.item(), gone.price());
                    } else {
                        Price added = new Price(r.nextInt(10), r.nextInt(8) == 0 ? null : r.nextInt(100));
                        prices.add(added);
                        p.table("prices").insert(added.item(), added.price());
                    }
                } else {
                    long[] order = {id++, r.nextInt(12)};
                    arrived.add(order);
                    p.table("orders").insert(order[0], (int) order[1], java.time.LocalDateTime.of(2026, 1, 1, 0, 0));
                }
            }
            p.step();
            for (long[] order : arrived) {
                for (Price pr : prices) {
                    if (pr.item() == order[1]) expected.add(order[0] + " " + order[1] + " " + pr.price());
                }
            }
            List<String> actual = new ArrayList<>();
            Rows rows = p.view("priced").contents();
            for (int i = 0; i < rows.size(); i++) {
                for (long w = 0; w < rows.weight(i); w++) {
                    actual.add(rows.get(i).get(0) + " " + rows.get(i).get(1) + " " + rows.get(i).get(2));
                }
            }
            Collections.sort(actual);
            List<String> want = new ArrayList<>(expected);
            Collections.sort(want);
            assertEquals(want, actual, "seed " + seed + ", " + options + ", step " + step);
        }
    }

    @Test
    void otherFormsAreRefusedNamingWhat() {
        SqlProgram p = Sql.compile("""
                CREATE TABLE o (id INT, item INT, ts TIMESTAMP);
                CREATE TABLE pr (item INT, price INT);
                """);
        String[][] cases = {
                {"SELECT * FROM o LEFT JOIN pr FOR SYSTEM_TIME AS OF o.ts AS p ON o.item = p.item", "LEFT temporal join"},
                {"SELECT * FROM o JOIN pr FOR SYSTEM_TIME AS OF o.ts AS p ON o.item < p.item", "other than equalities"},
        };
        for (String[] c : cases) {
            SqlException e = assertThrows(SqlException.class, () -> p.execute("CREATE VIEW x AS " + c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
    }
}
