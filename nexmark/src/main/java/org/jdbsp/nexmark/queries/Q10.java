package org.jdbsp.nexmark.queries;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.zset.ZSet;

/**
 * Query 10, log to file system: every bid with its UTC date and hour:minute, the partition columns of a
 * file sink partitioned by {@code (dt, hm)} ({@link Q10Sink} writes the output deltas to such files).
 *
 * <p>SQL (nexmark/nexmark {@code queries/q10.sql}; the sink is Flink's {@code filesystem} connector in CSV,
 * {@code PARTITIONED BY (dt, hm)}):
 * <pre>{@code
 * INSERT INTO nexmark_q10
 * SELECT auction, bidder, price, dateTime, extra,
 *        DATE_FORMAT(dateTime, 'yyyy-MM-dd'), DATE_FORMAT(dateTime, 'HH:mm')
 * FROM bid;
 * }</pre>
 *
 * <p>Definition: one row per bid (the view is the multiset of bids), {@code dt} and {@code hm} formatted in
 * UTC (years 0 to 9999 as four digits). The circuit is a single map; the date text is cached per day (an
 * immutable holder, safe to share), the hour and minute computed arithmetically.
 */
public final class Q10 implements NexmarkQuery<Q10.Row> {
    private static final long DAY_MS = 86_400_000L;

    /** One output row: the bid's columns and its partition, {@code dt = yyyy-MM-dd}, {@code hm = HH:mm}. */
    public record Row(long auction, long bidder, long price, long dateTime, String extra, String dt, String hm) {
        @Override
        public String toString() {
            return "Q10[auction=" + auction + ", bidder=" + bidder + ", price=" + price + ", dateTime=" + dateTime
                    + ", dt=" + dt + ", hm=" + hm + "]";
        }
    }

    /** The last formatted day (immutable: a reader sees a consistent pair). */
    private record DayText(long day, String text) {
    }

    private DayText lastDay = new DayText(Long.MIN_VALUE, "");

    @Override
    public String name() {
        return "q10";
    }

    @Override
    public String description() {
        return "bids with their UTC date and hour:minute partition (file sink: Q10Sink)";
    }

    @Override
    public Stream<Row> wire(CircuitBuilder b, NexmarkStreams in) {
        return Linear.map(in.bids(), bid -> new Row(bid.auction(), bid.bidder(), bid.price(), bid.dateTime(),
                bid.extra(), date(bid.dateTime()), hourMinute(bid.dateTime())));
    }

    /** {@code DATE_FORMAT(t, 'yyyy-MM-dd')} in UTC. */
    String date(long epochMs) {
        long day = Math.floorDiv(epochMs, DAY_MS);
        DayText cached = lastDay;
        if (cached.day() != day) {
            LocalDate d = LocalDate.ofEpochDay(day);
            StringBuilder sb = new StringBuilder(10);
            int y = d.getYear();
            if (y >= 0 && y < 1000) {
                sb.append(y < 10 ? "000" : y < 100 ? "00" : "0");
            }
            sb.append(y).append('-');
            twoDigits(sb, d.getMonthValue()).append('-');
            twoDigits(sb, d.getDayOfMonth());
            cached = new DayText(day, sb.toString());
            lastDay = cached;
        }
        return cached.text();
    }

    /** {@code DATE_FORMAT(t, 'HH:mm')} in UTC. */
    static String hourMinute(long epochMs) {
        long msOfDay = Math.floorMod(epochMs, DAY_MS);
        int h = (int) (msOfDay / 3_600_000L);
        int m = (int) (msOfDay / 60_000L % 60);
        return new String(new char[] {(char) ('0' + h / 10), (char) ('0' + h % 10), ':',
            (char) ('0' + m / 10), (char) ('0' + m % 10)});
    }

    private static StringBuilder twoDigits(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    @Override
    public ZSet<Row> reference(List<Event> history) {
        DateTimeFormatter dt = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
        DateTimeFormatter hm = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
        ZSet<Row> out = new ZSet<>();
        for (Event e : history) {
            if (e instanceof Bid bid) {
                Instant t = Instant.ofEpochMilli(bid.dateTime());
                out.add(new Row(bid.auction(), bid.bidder(), bid.price(), bid.dateTime(), bid.extra(), dt.format(t),
                        hm.format(t)), 1);
            }
        }
        return out;
    }
}
