package org.jdbsp.propertytests.families;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.aggregate.Agg;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.operators.join.IntervalExpiry;
import org.jdbsp.operators.join.JoinExpiry;
import org.jdbsp.operators.join.Joins;
import org.jdbsp.operators.topk.TopK;
import org.jdbsp.operators.window.Expiry;
import org.jdbsp.operators.window.Watermarked;
import org.jdbsp.operators.window.Watermarks;
import org.jdbsp.operators.window.Windowed;
import org.jdbsp.operators.window.Windows;
import org.jdbsp.propertytests.families.Twin.Fact;
import org.jdbsp.propertytests.families.Twin.Plan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Window aggregates over tumbling and hopping windows and session windows, with and without a lateness watermark
 * that drops the state of closed windows and sessions, by {@code long} and by object key, and a window join that drops
 * the windows both watermarks passed, and a window top-N that drops the windows the watermark passed: incremental
 * against naive
 * (which keeps everything) over runs of about 12,000 events whose times mostly increase, some late.
 */
class WindowFamilyProperties {
    @ParameterizedTest(name = "{0} windows, watermark {1}, long keys {2}")
    @CsvSource({"tumbling,true,true", "tumbling,false,false", "hopping,true,false", "hopping,false,true"})
    void windowAggregates(String kind, boolean watermark, boolean longKeys) {
        int peak = Twin.check(kind + " window aggregate", watermark ? 3 : 4, Plan.of(1),
                windowAggregate(kind, watermark, longKeys));
        assertTrue(peak > 1000, "many (window, key) groups, peak " + peak);
    }

    @ParameterizedTest(name = "window aggregate over rows carrying their window, watermark {0}, key determines window {1}")
    @CsvSource({"true,false", "false,false", "true,true", "false,true"})
    void windowAggregatesOfRowsCarryingTheirWindow(boolean watermark, boolean byKey) {
        int peak = Twin.check("window aggregate of rows", (watermark ? 13 : 14) + (byKey ? 10 : 0), Plan.of(1),
                rowsCarryingTheirWindow(watermark, byKey));
        assertTrue(peak > 1000, "many (window, key) groups, peak " + peak);
    }

    /** The start of a row's 3-second tumbling window. */
    static long start(Fact f) {
        return Math.floorDiv(f.time(), 3000) * 3000;
    }

    @ParameterizedTest(name = "window join dropping passed windows, long keys {0}")
    @CsvSource({"true", "false"})
    void windowJoins(boolean longKeys) {
        int peak = Twin.check("window join", longKeys ? 9 : 10, Plan.of(2), windowJoin(longKeys));
        assertTrue(peak > 1000, "many joined pairs, peak " + peak);
    }

    @ParameterizedTest(name = "interval join dropping rows no future row can match, long keys {0}")
    @CsvSource({"true", "false"})
    void intervalJoins(boolean longKeys) {
        int peak = Twin.check("interval join", longKeys ? 15 : 16, Plan.of(2), intervalJoin(longKeys));
        assertTrue(peak > 1000, "many pairs, peak " + peak);
    }

    @ParameterizedTest(name = "window top-N dropping passed windows, row numbers {0}")
    @CsvSource({"false", "true"})
    void windowTopN(boolean rowNumbers) {
        int peak = Twin.check("window top-N", rowNumbers ? 11 : 12, Plan.of(1), windowTopNOf(rowNumbers));
        assertTrue(peak > 100, "many windows' top rows, peak " + peak);
    }

    @ParameterizedTest(name = "sessions, watermark {0}, long keys {1}, input {2}")
    @CsvSource({"true,true,multiset", "false,false,multiset", "false,true,negative", "true,false,multiset"})
    void sessions(boolean watermark, boolean longKeys, String input) {
        Plan plan = input.equals("negative") ? Plan.of(1).withNegative() : Plan.of(1);
        Twin.check("session", watermark ? 7 : 8, plan, session(watermark, longKeys));
    }

    /** The wiring of {@link #windowAggregates}, shared with the checkpoint properties. */
    static Twin.Wiring windowAggregate(String kind, boolean watermark, boolean longKeys) {
        return (b, in) -> {
            Stream<Fact> rows = in.get(0);
            Watermarked<Fact> late = watermark ? Watermarks.withLateness(rows, Fact::time, 2000) : null;
            if (late != null) {
                rows = late.stream();
            }
            Stream<Windowed<Fact>> win = kind.equals("tumbling") ? Windows.tumbling(rows, Fact::time, 3000)
                    : Windows.hopping(rows, Fact::time, 4000, 1000);
            Agg<Fact>[] aggs = AggregateFamilyProperties.ALL;
            return longKeys
                    ? Aggregates.perWindowByLong(win, Fact::key, late == null ? null : late.watermark(),
                            (s, e, k, v) -> AggregateFamilyProperties.values(s + "/" + e + "/" + k, v), aggs)
                    : Aggregates.perWindow(win, Fact::pair, late == null ? null : late.watermark(),
                            (s, e, k, v) -> AggregateFamilyProperties.values(s + "/" + e + "/" + k, v), aggs);
        };
    }

    /** The wiring of {@link #windowAggregatesOfRowsCarryingTheirWindow}, shared with the checkpoint properties. */
    static Twin.Wiring rowsCarryingTheirWindow(boolean watermark, boolean byKey) {
        return (b, in) -> {
            Stream<Fact> rows = in.get(0);
            Watermarked<Fact> late = watermark ? Watermarks.withLateness(rows, Fact::time, 2000) : null;
            if (late != null) {
                rows = late.stream();
            }
            if (byKey) { // the key holds the window's start: the key determines the window, as SQL's day groups
                return Aggregates.perKeyWindowOf(rows, WindowFamilyProperties::start, f -> start(f) + 3000,
                        f -> java.util.List.of(f.pair(), start(f)), late == null ? null : late.watermark(),
                        (s, e, k, v) -> AggregateFamilyProperties.values(s + "/" + e + "/" + k, v),
                        AggregateFamilyProperties.ALL);
            }
            return Aggregates.perWindowOf(rows, WindowFamilyProperties::start, f -> start(f) + 3000, Fact::pair,
                    late == null ? null : late.watermark(),
                    (s, e, k, v) -> AggregateFamilyProperties.values(s + "/" + e + "/" + k, v),
                    AggregateFamilyProperties.ALL);
        };
    }

    /** The wiring of {@link #windowJoins}, shared with the checkpoint properties. */
    static Twin.Wiring windowJoin(boolean longKeys) {
        return (b, in) -> {
            Watermarked<Fact> l = Watermarks.withLateness(in.get(0), Fact::time, 2000);
            Watermarked<Fact> r = Watermarks.withLateness(in.get(1), Fact::time, 2000);
            // a window's start lies at most 2,999 ms before its rows' times, which the watermarks bound
            JoinExpiry<Fact, Fact> expiry = JoinExpiry.of(
                    Expiry.<Fact>of(WindowFamilyProperties::start, l.watermark(), -2999),
                    Expiry.<Fact>of(WindowFamilyProperties::start, r.watermark(), -2999));
            return longKeys
                    ? Joins.joinOnLong(l.stream(), r.stream(), f -> start(f) * 64 + (f.key() & 63),
                            f -> start(f) * 64 + (f.key() & 63), (x, y) -> x.id() + "|" + y.id(), expiry)
                    : Joins.join(l.stream(), r.stream(), f -> java.util.List.of(start(f), f.key()),
                            f -> java.util.List.of(start(f), f.key()), (x, y) -> x.id() + "|" + y.id(), expiry);
        };
    }

    /** The wiring of {@link #intervalJoins}, shared with the checkpoint properties. */
    static Twin.Wiring intervalJoin(boolean longKeys) {
        return (b, in) -> {
            Watermarked<Fact> l = Watermarks.withLateness(in.get(0), Fact::time, 2000);
            Watermarked<Fact> r = Watermarks.withLateness(in.get(1), Fact::time, 1000);
            // pairs with r.time - l.time in [-1500, 500]
            IntervalExpiry<Fact, Fact> interval = IntervalExpiry.of(Expiry.<Fact>of(Fact::time, l.watermark(), 0),
                    Expiry.<Fact>of(Fact::time, r.watermark(), 0), -1500, 500);
            Stream<Fact[]> pairs = longKeys
                    ? Joins.joinOnLong(l.stream(), r.stream(), Fact::key, Fact::key,
                            (x, y) -> new Fact[] {x, y}, interval)
                    : Joins.join(l.stream(), r.stream(), Fact::key, Fact::key,
                            (x, y) -> new Fact[] {x, y}, interval);
            return org.jdbsp.operators.linear.Linear.map(org.jdbsp.operators.linear.Linear.filter(pairs,
                    p -> p[1].time() - p[0].time() >= -1500 && p[1].time() - p[0].time() <= 500),
                    p -> p[0].id() + "|" + p[1].id());
        };
    }

    /** The wiring of {@link #windowTopN}, shared with the checkpoint properties. */
    static Twin.Wiring windowTopNOf(boolean rowNumbers) {
        return (b, in) -> {
            Watermarked<Fact> late = Watermarks.withLateness(in.get(0), Fact::time, 2000);
            Expiry<Fact> expiry = Expiry.of(WindowFamilyProperties::start, late.watermark(), -2999);
            java.util.Comparator<Fact> byValue = java.util.Comparator.comparingLong(Fact::val)
                    .thenComparingLong(Fact::id);
            java.util.function.Function<Fact, Object> group = f -> java.util.List.of(start(f), f.key() % 7);
            return rowNumbers ? TopK.rowNumber(late.stream(), group, byValue, 3, expiry)
                    : TopK.topK(late.stream(), group, byValue, 3, expiry);
        };
    }

    /** The wiring of {@link #sessions}, shared with the checkpoint properties. */
    static Twin.Wiring session(boolean watermark, boolean longKeys) {
        return (b, in) -> {
            Stream<Fact> rows = in.get(0);
            Watermarked<Fact> late = watermark ? Watermarks.withLateness(rows, Fact::time, 2000) : null;
            if (late != null) {
                rows = late.stream();
            }
            return longKeys
                    ? Windows.sessionByLong(rows, Fact::key, Fact::time, 700, late == null ? null : late.watermark())
                    : Windows.session(rows, Fact::pair, Fact::time, 700, late == null ? null : late.watermark());
        };
    }
}
