package org.jdbsp.sql;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The SQL example of the README, run as written; its printed output is the README's. */
class ReadmeSqlExampleTest {
    @Test
    void readmeExample() {
        SqlProgram p = Sql.compile("""
                CREATE TABLE orders (id INT PRIMARY KEY, customer INT NOT NULL, amount INT NOT NULL);
                CREATE TABLE customers (id INT PRIMARY KEY, region VARCHAR(10) NOT NULL);
                CREATE VIEW revenue AS SELECT c.region, SUM(o.amount) AS total
                    FROM orders o JOIN customers c ON o.customer = c.id GROUP BY c.region;
                """);
        p.execute("INSERT INTO customers VALUES (1, 'EU'), (2, 'US'); INSERT INTO orders VALUES (100, 1, 30), (101, 2, 50)");
        p.step();
        p.execute("INSERT INTO orders VALUES (102, 1, 20); UPDATE customers SET region = 'EU' WHERE id = 2");
        p.step();
        assertEquals("""
                region | total | weight
                -------+-------+-------
                EU     |    30 |     -1
                EU     |   100 |     +1
                US     |    50 |     -1
                (3 rows)""", p.view("revenue").changes().toTable(true));
    }
}
