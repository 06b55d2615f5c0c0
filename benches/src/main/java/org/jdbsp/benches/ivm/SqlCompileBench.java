package org.jdbsp.benches.ivm;

import java.util.concurrent.TimeUnit;

import org.jdbsp.sql.Sql;
import org.jdbsp.sql.SqlProgram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of compiling SQL once warm: {@code FIVE_WAY} compiles five tables and a view joining all five with a
 * GROUP BY (parse, validate, plan, generate and compile the expression code); {@code SCRIPT_200} a script of
 * five tables and 200 such views of varying shapes. One op is one {@link Sql#compile} of the whole script.
 *
 * <pre>bin/bench 'ivm.SqlCompileBench'</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SqlCompileBench {
    static final String TABLES = """
            CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(20), region INT);
            CREATE TABLE regions (id INT PRIMARY KEY, name VARCHAR(20));
            CREATE TABLE orders (id INT PRIMARY KEY, customer INT, product INT, qty INT, placed DATE);
            CREATE TABLE products (id INT PRIMARY KEY, category INT, price DECIMAL(10, 2));
            CREATE TABLE categories (id INT PRIMARY KEY, name VARCHAR(20));
            """;

    static final String FIVE_WAY_VIEW = """
            SELECT r.name AS region, c2.name AS category, COUNT(*) AS n, SUM(o.qty * p.price) AS revenue,
                   MAX(o.placed) AS last_day
            FROM orders o JOIN customers c ON o.customer = c.id JOIN regions r ON c.region = r.id
                 JOIN products p ON o.product = p.id JOIN categories c2 ON p.category = c2.id
            WHERE o.qty > %d
            GROUP BY r.name, c2.name HAVING COUNT(*) > 1
            """;

    @Param({"FIVE_WAY", "SCRIPT_200"})
    public String script;

    private String text;

    @org.openjdk.jmh.annotations.Setup
    public void setup() {
        StringBuilder sb = new StringBuilder(TABLES);
        int views = script.equals("FIVE_WAY") ? 1 : 200;
        for (int i = 0; i < views; i++) {
            String body = switch (i % 4) {
                case 0 -> String.format(FIVE_WAY_VIEW, i);
                case 1 -> "SELECT c.region, COUNT(DISTINCT o.product) AS n FROM orders o JOIN customers c"
                        + " ON o.customer = c.id WHERE o.qty > " + i + " GROUP BY c.region";
                case 2 -> "SELECT id, qty FROM (SELECT id, qty, ROW_NUMBER() OVER (PARTITION BY customer"
                        + " ORDER BY qty DESC, id) AS rn FROM orders) t WHERE rn <= " + (1 + i % 10);
                default -> "SELECT name FROM customers WHERE id IN (SELECT customer FROM orders WHERE qty > "
                        + i + ") UNION SELECT name FROM regions";
            };
            sb.append("CREATE VIEW v").append(i).append(" AS ").append(body).append(";\n");
        }
        text = sb.toString();
    }

    @Benchmark
    public int compile() {
        try (SqlProgram p = Sql.compile(text)) {
            return p.viewNames().size();
        }
    }
}
