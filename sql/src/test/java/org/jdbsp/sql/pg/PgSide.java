package org.jdbsp.sql.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The PostgreSQL side of a differential run: one connection in autocommit, a schema reset between scenarios,
 * statements, queries as {@link Bag}s, and the {@link SqlGen.Oracle} that reads the tables' row counts and keys.
 */
public final class PgSide implements AutoCloseable, SqlGen.Oracle {
    private final Connection conn;

    public PgSide(PgCluster cluster) throws SQLException {
        this.conn = cluster.connect();
        try (Statement s = conn.createStatement()) {
            s.execute("SET statement_timeout = '20s'");
            s.execute("SET extra_float_digits = 3");
        }
    }

    /** Drops every table: an empty {@code public} schema. */
    public void reset() throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
    }

    public void execute(String sql) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute(sql);
        }
    }

    public Bag query(String sql) throws SQLException {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return Bag.of(rs);
        }
    }

    @Override
    public long rowCount(SqlGen.Table t) {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t.name())) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Set<List<String>> keys(SqlGen.Table t) {
        if (t.pk().isEmpty()) return Set.of();
        StringBuilder cols = new StringBuilder();
        for (int k : t.pk()) cols.append(cols.length() > 0 ? ", " : "").append(t.cols().get(k).name());
        Set<List<String>> out = new HashSet<>();
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + cols + " FROM " + t.name())) {
            while (rs.next()) {
                List<String> key = new ArrayList<>();
                for (int i = 1; i <= t.pk().size(); i++) key.add(SqlGen.keyOf(rs.getObject(i)));
                out.add(key);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        conn.close();
    }
}
