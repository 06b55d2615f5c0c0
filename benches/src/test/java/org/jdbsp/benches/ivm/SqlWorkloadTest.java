package org.jdbsp.benches.ivm;

import org.jdbsp.circuit.Mode;
import org.jdbsp.sql.Row;
import org.jdbsp.sql.Rows;
import org.jdbsp.zset.Weighted;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The SQL form of each benchmarked view computes the hand-wired form's rows, step after step. */
class SqlWorkloadTest {
    @ParameterizedTest
    @EnumSource(value = Workload.View.class, names = {"FILTER_MAP", "JOIN", "JOIN_AGG", "DISTINCT", "MIN_MAX", "TOP_K"})
    void sqlViewEqualsHandWiredView(Workload.View view) {
        Workload hand = new Workload(view, Mode.INCREMENTAL, 3_000, 100, Workload.Inject.NONE);
        SqlWorkload sql = new SqlWorkload(view, 3_000, 100);
        for (int step = 0; step <= 5; step++) {
            assertEquals(handRows(hand), sqlRows(sql), view + " after step " + step);
            hand.step();
            sql.step();
        }
    }

    private static Map<List<Long>, Long> handRows(Workload w) {
        Map<List<Long>, Long> out = new HashMap<>();
        for (Weighted<?> e : w.output().view()) out.merge(values(e.element()), e.weight(), Long::sum);
        return out;
    }

    private static Map<List<Long>, Long> sqlRows(SqlWorkload w) {
        Map<List<Long>, Long> out = new HashMap<>();
        Rows rows = w.program().view("v").contents();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            List<Long> v = new ArrayList<>();
            for (int c = 0; c < r.size(); c++) v.add(r.getLong(c));
            out.merge(v, rows.weight(i), Long::sum);
        }
        return out;
    }

    private static List<Long> values(Object row) {
        List<Long> v = new ArrayList<>();
        if (row instanceof Long l) {
            v.add(l);
            return v;
        }
        try {
            for (RecordComponent c : row.getClass().getRecordComponents()) {
                v.add(((Number) c.getAccessor().invoke(row)).longValue());
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return v;
    }
}
