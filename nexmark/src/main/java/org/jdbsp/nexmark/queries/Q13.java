package org.jdbsp.nexmark.queries;

import java.util.List;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.operators.join.Joins;
import org.jdbsp.zset.ZSet;

/**
 * Nexmark query 13, "bounded side input join": each bid enriched with the value of a fixed side table at key
 * {@code auction mod 10000}.
 *
 * <p>SQL (nexmark/nexmark {@code queries/q13.sql}):
 * <pre>{@code
 * CREATE TABLE side_input (
 *   key BIGINT,
 *   `value` VARCHAR
 * ) WITH (
 *   'connector.type' = 'filesystem',
 *   'connector.path' = 'file://${FLINK_HOME}/data/side_input.txt',
 *   'format.type' = 'csv'
 * );
 * INSERT INTO nexmark_q13
 * SELECT
 *     B.auction,
 *     B.bidder,
 *     B.price,
 *     B.dateTime,
 *     S.`value`
 * FROM (SELECT *, PROCTIME() as p_time FROM bid) B
 * JOIN side_input FOR SYSTEM_TIME AS OF B.p_time AS S
 * ON mod(B.auction, 10000) = S.key;
 * }</pre>
 *
 * <p>The side table: nexmark's {@code SideInputGenerator} writes the file {@code side_input.txt} with the lines
 * {@code i,i} for {@code i} in {@code [0, 10000)} (value = the key's decimal string); Feldera's q13 test expects
 * the same ({@code 1005 -> "1005"}). Here the table is generated in code with the same content,
 * {@link #sideInput()}, and enters the circuit as a constant source inside {@link #wire}
 * ({@code CircuitBuilder.constant}), which publishes the whole table at the first step (incremental mode; nothing
 * afterwards) or at every step (naive mode, where streams carry snapshots); with several workers only worker 0's
 * replica publishes it.
 * The temporal join {@code FOR SYSTEM_TIME AS OF p_time} against a table
 * that never changes is an ordinary inner join; {@code mod} is SQL's (sign of the dividend, Java's {@code %}), so
 * a negative auction id matches no key. Circuit: {@link Joins#joinOnLong} on {@code auction % 10000} and the key.
 * State: the bids indexed by key plus the 10,000 side rows. Cost per bid: one hash lookup and one output row.
 */
public final class Q13 implements NexmarkQuery<Q13.Row> {
    /** Number of side table rows (keys {@code 0 .. SIDE_ROWS - 1}). */
    public static final int SIDE_ROWS = 10_000;

    /** A row of the side table. */
    public record Side(long key, String value) {
    }

    /** An output row. */
    public record Row(long auction, long bidder, long price, long dateTime, String value) {
    }

    @Override
    public String name() {
        return "q13";
    }

    @Override
    public String description() {
        return "bounded side input join: bids joined with a fixed 10,000-row table on auction mod 10000";
    }

    /** The side table: {@code (k, String.valueOf(k))} for {@code k} in {@code [0, 10000)}. */
    public static ZSet<Side> sideInput() {
        ZSet<Side> t = new ZSet<>(SIDE_ROWS);
        for (int k = 0; k < SIDE_ROWS; k++) {
            t.add(new Side(k, Integer.toString(k)), 1);
        }
        return t;
    }

    @Override
    public Stream<Row> wire(CircuitBuilder b, NexmarkStreams in) {
        // the constant table (see the class comment): with several workers only worker 0 publishes it, and the join
        // moves each side row to the worker owning its key
        Stream<Side> side = b.constant("constant", sideInput());
        return Joins.joinOnLong(in.bids(), side, bid -> bid.auction() % SIDE_ROWS, Side::key,
                (bid, s) -> new Row(bid.auction(), bid.bidder(), bid.price(), bid.dateTime(), s.value()));
    }

    @Override
    public ZSet<Row> reference(List<Event> history) {
        ZSet<Row> out = new ZSet<>();
        for (Event e : history) {
            if (e instanceof Bid bid) {
                long key = bid.auction() % SIDE_ROWS;
                if (key >= 0) {
                    out.add(new Row(bid.auction(), bid.bidder(), bid.price(), bid.dateTime(), String.valueOf(key)),
                            1);
                }
            }
        }
        return out;
    }
}
