package org.jdbsp.nexmark.harness;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.OperatorProfile;
import org.jdbsp.circuit.WorkerTimings;
import org.jdbsp.nexmark.model.Auction;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.EventsByType;
import org.jdbsp.nexmark.model.Person;
import org.jdbsp.nexmark.queries.NexmarkQuery;
import org.jdbsp.nexmark.queries.Q13;
import org.jdbsp.sql.Row;
import org.jdbsp.sql.RowBatch;
import org.jdbsp.sql.RowWriter;
import org.jdbsp.sql.Rows;
import org.jdbsp.sql.Sql;
import org.jdbsp.sql.SqlOptions;
import org.jdbsp.sql.SqlProgram;
import org.jdbsp.sql.SqlTable;
import org.jdbsp.zset.ZSet;

/**
 * A Nexmark query run from its SQL text ({@code bin/nexmark --engine sql}): the three inputs as SQL tables
 * ({@code org/jdbsp/nexmark/sql/tables.sql}), the query as a view ({@code qN.sql}: nexmark/nexmark's text with
 * the changes noted in its comments), compiled by {@link Sql}. Events become rows with one {@link RowWriter} per
 * table, without boxing, into a {@link RowBatch} per table between steps ({@link #prepare}, outside the timed
 * work, as the circuits' events are made by the generator outside it); a push inserts the batches. The view's
 * contents are converted to the circuit query's row record for {@code --check}, column by column (a TIMESTAMP to
 * epoch milliseconds, a DATE to its ISO text).
 *
 * <p>The tables are append-only (they keep no rows), and the view keeps its contents only when {@code --check} or
 * {@code --dump-output} reads them, as the circuits' outputs.
 */
final class SqlEngine implements QueryEngine {
    private final NexmarkQuery<?> query;
    private final SqlProgram program;
    private final Inputs inputs;
    /** The events whose rows the batches hold ({@link #prepare}), or null. */
    private EventsByType prepared;
    private int preparedOff;
    private int preparedLen;

    SqlEngine(NexmarkQuery<?> query, Mode mode, int workers, boolean keepView) {
        this.query = query;
        String text = text(query.name());
        if (text == null) {
            throw new IllegalArgumentException(query.name() + " has no SQL text yet (--engine sql runs "
                    + String.join(", ", available()) + ")");
        }
        SqlOptions options = (mode == Mode.NAIVE ? SqlOptions.naive() : SqlOptions.incremental()).withWorkers(workers)
                .withViewContents(keepView);
        program = Sql.compile(text("tables") + "\n" + text, options);
        inputs = new Inputs(program);
        if (program.tableNames().stream().anyMatch(t -> t.equalsIgnoreCase("side_input"))) {
            // q13's side input: nexmark's side_input.txt, the rows the circuit's query generates too
            RowWriter side = program.table("side_input").writer();
            ZSet<Q13.Side> rows = Q13.sideInput();
            for (int s = rows.nextSlot(0); s >= 0; s = rows.nextSlot(s + 1)) {
                Q13.Side row = rows.elementAt(s);
                side.set(0, row.key()).set(1, row.value()).insert();
            }
        }
    }

    /** The queries with a SQL text. */
    static java.util.List<String> available() {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i <= 22; i++) {
            if (text("q" + i) != null) {
                names.add("q" + i);
            }
        }
        return names;
    }

    /** The text of resource {@code name}.sql, or null. */
    static String text(String name) {
        try (InputStream in = SqlEngine.class.getResourceAsStream("/org/jdbsp/nexmark/sql/" + name + ".sql")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the SQL text " + name + ".sql", e);
        }
    }

    /**
     * Makes the tables' rows of the events at {@code [off, off + len)}: the SQL engine's input, as the events are
     * the circuits'. The harness calls it between steps, outside the timed work, as it generates the events.
     */
    @Override
    public void prepare(EventsByType events, int off, int len) {
        prepared = null;
        inputs.prepare(events, off, len);
        prepared = events;
        preparedOff = off;
        preparedLen = len;
    }

    /** Inserts the rows {@link #prepare}d for these events (preparing them first if they were not). */
    @Override
    public void push(EventsByType events, int off, int len) {
        if (prepared != events || preparedOff != off || preparedLen != len) {
            prepare(events, off, len);
        }
        prepared = null; // inserted once
        inputs.insert();
    }

    /** Inserts the events at {@code [off, off + len)} into the tables person, auction and bid of {@code program}. */
    static void insert(EventsByType events, int off, int len, SqlProgram program) {
        Inputs in = new Inputs(program);
        in.prepare(events, off, len);
        in.insert();
    }

    /**
     * The tables person, auction and bid of tables.sql, each with a {@link RowWriter} and a {@link RowBatch}: the
     * rows of some events are made into the batches, then inserted.
     */
    private static final class Inputs {
        private final SqlTable personTable;
        private final SqlTable auctionTable;
        private final SqlTable bidTable;
        private final RowWriter persons;
        private final RowWriter auctions;
        private final RowWriter bids;
        private final RowBatch personRows;
        private final RowBatch auctionRows;
        private final RowBatch bidRows;

        Inputs(SqlProgram program) {
            personTable = program.table("person");
            auctionTable = program.table("auction");
            bidTable = program.table("bid");
            persons = personTable.writer();
            auctions = auctionTable.writer();
            bids = bidTable.writer();
            personRows = personTable.newBatch();
            auctionRows = auctionTable.newBatch();
            bidRows = bidTable.newBatch();
        }

        /** Makes the rows of the events at {@code [off, off + len)} into the batches, replacing what they held. */
        void prepare(EventsByType events, int off, int len) {
            personRows.clear();
            auctionRows.clear();
            bidRows.clear();
            Person[] ps = events.persons();
            for (int i = events.first(0, off), end = i + events.count(0, off, len); i < end; i++) {
                person(persons, ps[i]).addTo(personRows);
            }
            Auction[] as = events.auctions();
            for (int i = events.first(1, off), end = i + events.count(1, off, len); i < end; i++) {
                auction(auctions, as[i]).addTo(auctionRows);
            }
            Bid[] bs = events.bids();
            for (int i = events.first(2, off), end = i + events.count(2, off, len); i < end; i++) {
                bid(bids, bs[i]).addTo(bidRows);
            }
        }

        /** Inserts the batches' rows into their tables. */
        void insert() {
            personTable.insert(personRows);
            auctionTable.insert(auctionRows);
            bidTable.insert(bidRows);
        }
    }

    /** {@code w} set to person {@code p}'s row of table person. */
    private static RowWriter person(RowWriter w, Person p) {
        return w.set(0, p.id()).set(1, p.name()).set(2, p.emailAddress()).set(3, p.creditCard())
                .set(4, p.city()).set(5, p.state()).setTimestamp(6, p.dateTime()).set(7, p.extra());
    }

    /** {@code w} set to auction {@code a}'s row of table auction. */
    private static RowWriter auction(RowWriter w, Auction a) {
        return w.set(0, a.id()).set(1, a.itemName()).set(2, a.description()).set(3, a.initialBid())
                .set(4, a.reserve()).setTimestamp(5, a.dateTime()).setTimestamp(6, a.expires())
                .set(7, a.seller()).set(8, a.category()).set(9, a.extra());
    }

    /** {@code w} set to bid {@code b}'s row of table bid. */
    private static RowWriter bid(RowWriter w, Bid b) {
        return w.set(0, b.auction()).set(1, b.bidder()).set(2, b.price()).set(3, b.channel()).set(4, b.url())
                .setTimestamp(5, b.dateTime()).set(6, b.extra());
    }

    @Override
    public void step() {
        program.step();
    }

    @Override
    public int outputDeltaSize() {
        return program.view(query.name()).changeCount();
    }

    @Override
    public ZSet<?> view() {
        Class<?> type = Main.rowType(query);
        if (type == null || !type.isRecord()) {
            throw new IllegalStateException(query.name() + ": its row type is not a record; cannot compare");
        }
        Rows rows = program.view(query.name()).contents();
        ZSet<Object> out = new ZSet<>();
        for (int i = 0; i < rows.size(); i++) {
            out.add(record(type, rows.get(i)), rows.weight(i));
        }
        return out;
    }

    /** The SQL row as the circuit query's row record: same columns, in order. */
    static Object record(Class<?> type, Row row) {
        RecordComponent[] cs = type.getRecordComponents();
        if (cs.length != row.size()) {
            throw new IllegalStateException(type.getSimpleName() + " has " + cs.length + " columns, the SQL view "
                    + row.size());
        }
        Object[] args = new Object[cs.length];
        Class<?>[] types = new Class<?>[cs.length];
        for (int c = 0; c < cs.length; c++) {
            types[c] = cs[c].getType();
            args[c] = convert(row.get(c), types[c], type.getSimpleName() + "." + cs[c].getName());
        }
        try {
            Constructor<?> k = type.getDeclaredConstructor(types);
            k.setAccessible(true);
            return k.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + type.getSimpleName() + " of " + row, e);
        }
    }

    private static Object convert(Object v, Class<?> to, String where) {
        if (v == null) {
            if (to.isPrimitive()) {
                throw new IllegalStateException(where + ": NULL for a " + to);
            }
            return null;
        }
        if (to == long.class || to == Long.class) {
            if (v instanceof LocalDateTime t) {
                return t.toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            if (v instanceof Number n && !(v instanceof BigDecimal)) {
                return n.longValue();
            }
        } else if (to == String.class) {
            if (v instanceof String || v instanceof LocalDate) {
                return v.toString();
            }
        } else if (to == BigDecimal.class && v instanceof BigDecimal) {
            return v;
        } else if (to == double.class && v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalStateException(where + ": a " + v.getClass().getSimpleName() + " (" + v + ") for a " + to);
    }

    @Override
    public long stateRows() {
        return program.stateRows();
    }

    @Override
    public WorkerTimings timings() {
        return null;
    }

    @Override
    public void startProfile() {
        program.profile(true);
    }

    @Override
    public OperatorProfile profile() {
        return program.profile();
    }

    @Override
    public org.jdbsp.circuit.CheckpointStore.Saved checkpoint(org.jdbsp.circuit.CheckpointStore store) {
        return program.checkpoint(store);
    }

    @Override
    public int workers() {
        return program.options().workers();
    }

    /**
     * Closes the program, first warning when a table ignored events as late (tables.sql declares nexmark's watermark,
     * 4 s behind the highest time; generated events are in order, but a replayed file may not be), since the
     * query's result then leaves them out while the circuit's and the reference's do not.
     */
    @Override
    public void close() {
        long late = 0;
        for (String t : program.tableNames()) {
            late += program.table(t).lateRows();
        }
        if (late > 0) {
            System.err.println("nexmark: warning: " + query.name() + " (sql): " + late + " events arrived more than 4 s"
                    + " behind the latest event time and were ignored as late (the tables' watermark)");
        }
        program.close();
    }
}
