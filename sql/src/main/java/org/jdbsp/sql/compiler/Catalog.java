package org.jdbsp.sql.compiler;

import org.jdbsp.sql.Schema;
import org.jdbsp.sql.SqlException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tables and views of a program, in creation order, looked up by name without regard to case. A view is a
 * relation like a table: a view over a view reads the other view's stream. Internal.
 */
public final class Catalog {
    private final Map<String, TableDef> tables = new LinkedHashMap<>();
    private final Map<String, ViewDef> views = new LinkedHashMap<>();
    /** The table of each index, by index name (indexes are recorded, not built: operators index what they need). */
    private final Map<String, String> indexes = new LinkedHashMap<>();

    /** The lookup key of a name: names are matched without regard to case. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public void addTable(TableDef def) {
        checkFree(def.name());
        tables.put(key(def.name()), def);
    }

    public void addView(ViewDef def) {
        checkFree(def.name());
        views.put(key(def.name()), def);
    }

    private void checkFree(String name) {
        if (tables.containsKey(key(name))) throw new SqlException("a table called " + name + " already exists");
        if (views.containsKey(key(name))) throw new SqlException("a view called " + name + " already exists");
    }

    public boolean exists(String name, boolean table) {
        return table ? tables.containsKey(key(name)) : views.containsKey(key(name));
    }

    /**
     * Drops a table or view; while views read it, refuses, or with {@code cascade} drops them too (and the
     * views that read those).
     *
     * @return the names of the views dropped with it
     */
    public List<String> drop(String name, boolean table, boolean cascade) {
        List<String> dependents = new ArrayList<>();
        for (ViewDef v : views.values()) {
            if (v.query().sources().contains(key(name)) && !v.name().equalsIgnoreCase(name)) {
                if (!cascade) throw new SqlException("cannot drop " + name + ": view " + v.name() + " reads it");
                dependents.add(v.name());
            }
        }
        List<String> dropped = new ArrayList<>();
        for (String d : dependents) {
            if (views.containsKey(key(d))) {
                dropped.addAll(drop(d, false, true));
                dropped.add(d);
            }
        }
        if (table) {
            tables.remove(key(name));
            indexes.values().removeIf(t -> key(t).equals(key(name)));
        } else {
            views.remove(key(name));
        }
        return dropped;
    }

    /**
     * Records an index on columns of a table: checks that the table and the columns exist and that no index has
     * the name.
     *
     * @return false when an index has the name and {@code ifNotExists} is set (nothing changes)
     */
    public boolean addIndex(String name, String table, List<String> columns, boolean ifNotExists) {
        if (indexes.containsKey(key(name))) {
            if (ifNotExists) return false;
            throw new SqlException("an index called " + name + " already exists");
        }
        TableDef def = table(table);
        for (String c : columns) def.schema().indexOf(c); // throws naming an unknown column
        indexes.put(key(name), def.name());
        return true;
    }

    /** Drops an index. @return false if there is none of that name */
    public boolean dropIndex(String name) {
        return indexes.remove(key(name)) != null;
    }

    public TableDef table(String name) {
        TableDef t = tables.get(key(name));
        if (t == null) throw new SqlException("unknown table " + name);
        return t;
    }

    public ViewDef view(String name) {
        ViewDef v = views.get(key(name));
        if (v == null) throw new SqlException("unknown view " + name);
        return v;
    }

    /** The schema of the table or view called {@code name}, or null. */
    public Schema relationSchema(String name) {
        TableDef t = tables.get(key(name));
        if (t != null) return t.schema();
        ViewDef v = views.get(key(name));
        return v == null ? null : v.schema();
    }

    /** The canonical name (as created) of the relation called {@code name}, or null. */
    public String relationName(String name) {
        TableDef t = tables.get(key(name));
        if (t != null) return t.name();
        ViewDef v = views.get(key(name));
        return v == null ? null : v.name();
    }

    public List<TableDef> tables() {
        return new ArrayList<>(tables.values());
    }

    /** The append-only tables, by {@link #key}. */
    public java.util.Set<String> appendOnlyTables() {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (TableDef t : tables.values()) {
            if (t.appendOnly()) out.add(key(t.name()));
        }
        return out;
    }

    public List<ViewDef> views() {
        return new ArrayList<>(views.values());
    }

    public List<String> viewNames() {
        List<String> out = new ArrayList<>();
        for (ViewDef v : views.values()) out.add(v.name());
        return out;
    }

    /** All relation names, tables first. */
    public List<String> relationNames() {
        List<String> out = new ArrayList<>();
        for (TableDef t : tables.values()) out.add(t.name());
        out.addAll(viewNames());
        return out;
    }
}
