package org.jdbsp.sql;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The quick start of docs/sql.md, run as written; the printed changes are the guide's. */
class SqlGuideExampleTest {
    @Test
    void quickStart() throws IOException {
        SqlProgram p = Sql.compile("""
                CREATE TABLE orders (id INT PRIMARY KEY, customer INT NOT NULL, amount DECIMAL(10,2));
                CREATE TABLE customers (id INT PRIMARY KEY, region VARCHAR(10));
                CREATE VIEW revenue AS
                    SELECT c.region, SUM(o.amount) AS total, COUNT(*) AS n
                    FROM orders o JOIN customers c ON o.customer = c.id
                    GROUP BY c.region;
                """);
        p.execute("INSERT INTO customers VALUES (1, 'EU'), (2, 'US')");
        p.table("orders").insert(100, 1, new BigDecimal("30"));
        p.table("orders").insertCsv(new StringReader("101,2,5.50\n102,1,20\n"), false);
        p.step();
        assertEquals("""
                region | total | n
                -------+-------+--
                EU     | 50.00 | 2
                US     |  5.50 | 1
                (2 rows)""", p.view("revenue").contents().toTable(false));
        p.execute("UPDATE customers SET region = 'EU' WHERE id = 2; DELETE FROM orders WHERE id = 102");
        p.step();
        assertEquals("""
                region | total | n | weight
                -------+-------+---+-------
                EU     | 35.50 | 2 |     +1
                EU     | 50.00 | 2 |     -1
                US     |  5.50 | 1 |     -1
                (3 rows)""", p.view("revenue").changes().toTable(true));
    }
}
