package org.jdbsp.nexmark.queries;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.zset.ZSet;

/**
 * Nexmark query 14, "calculation": bids whose converted price {@code 0.908 * price} lies strictly between
 * 1,000,000 and 50,000,000, with that price, the time of day of the bid (day, night or other) and the number of
 * {@code 'c'} characters in {@code extra} (a user-defined function in Flink).
 *
 * <p>SQL (nexmark/nexmark {@code queries/q14.sql}):
 * <pre>{@code
 * CREATE FUNCTION count_char AS 'com.github.nexmark.flink.udf.CountChar';
 * -- sink: auction BIGINT, bidder BIGINT, price DECIMAL(23, 3), bidTimeType VARCHAR, dateTime TIMESTAMP(3),
 * --       extra VARCHAR, c_counts BIGINT
 * INSERT INTO nexmark_q14
 * SELECT
 *     auction,
 *     bidder,
 *     0.908 * price as price,
 *     CASE
 *         WHEN HOUR(dateTime) >= 8 AND HOUR(dateTime) <= 18 THEN 'dayTime'
 *         WHEN HOUR(dateTime) <= 6 OR HOUR(dateTime) >= 20 THEN 'nightTime'
 *         ELSE 'otherTime'
 *     END AS bidTimeType,
 *     dateTime,
 *     extra,
 *     count_char(extra, 'c') AS c_counts
 * FROM bid
 * WHERE 0.908 * price > 1000000 AND 0.908 * price < 50000000;
 * }</pre>
 *
 * <p>Numbers: the converted price is the sink's {@code DECIMAL(23, 3)}, exact: a {@link BigDecimal} of scale
 * 3, {@code 908 * price} thousandths (made only for the rows that pass the filter). The filter compares the exact product
 * ({@code 1,000,000,000 < 908 * price < 50,000,000,000}); a price whose product would overflow is outside the
 * range. {@code HOUR} is the UTC hour of {@code dateTime}. {@code count_char(s, c)} counts the UTF-16 chars of
 * {@code s} equal to {@code c}, like nexmark's {@code CountChar}. Circuit: one fused flatMap, no state.
 */
public final class Q14 implements NexmarkQuery<Q14.Row> {
    private static final long LOW = 1_000_000_000L;
    private static final long HIGH = 50_000_000_000L;
    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 86_400_000L;

    /** An output row; {@code price} is {@code 0.908 * price} of the bid, exact, scale 3. */
    public record Row(long auction, long bidder, BigDecimal price, String bidTimeType, long dateTime,
                      String extra, long cCounts) {
        @Override
        public String toString() {
            return "Row[auction=" + auction + ", bidder=" + bidder + ", price=" + price.toPlainString()
                    + ", bidTimeType=" + bidTimeType + ", dateTime=" + dateTime + ", extra=" + extra
                    + ", cCounts=" + cCounts + "]";
        }
    }

    @Override
    public String name() {
        return "q14";
    }

    @Override
    public String description() {
        return "calculation: bids with 1e6 < 0.908*price < 5e7, their time-of-day type and count of 'c' in extra";
    }

    @Override
    public Stream<Row> wire(CircuitBuilder b, NexmarkStreams in) {
        return Linear.flatMap(in.bids(), (Bid bid, Consumer<? super Row> out) -> {
            long p = bid.price();
            if (p <= 0 || p > HIGH / 908) {
                return;
            }
            long millis = p * 908;
            if (millis > LOW && millis < HIGH) {
                out.accept(new Row(bid.auction(), bid.bidder(), BigDecimal.valueOf(millis, 3), timeType(bid.dateTime()),
                        bid.dateTime(), bid.extra(), countChar(bid.extra(), 'c')));
            }
        });
    }

    static String timeType(long dateTime) {
        int hour = (int) (Math.floorMod(dateTime, DAY_MS) / HOUR_MS);
        if (hour >= 8 && hour <= 18) {
            return "dayTime";
        }
        if (hour <= 6 || hour >= 20) {
            return "nightTime";
        }
        return "otherTime";
    }

    static long countChar(String s, char c) {
        long n = 0;
        for (int i = 0, len = s.length(); i < len; i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    @Override
    public ZSet<Row> reference(List<Event> history) {
        BigDecimal rate = new BigDecimal("0.908");
        BigDecimal low = BigDecimal.valueOf(1_000_000);
        BigDecimal high = BigDecimal.valueOf(50_000_000);
        ZSet<Row> out = new ZSet<>();
        for (Event e : history) {
            if (e instanceof Bid bid) {
                BigDecimal price = rate.multiply(BigDecimal.valueOf(bid.price()));
                if (price.compareTo(low) <= 0 || price.compareTo(high) >= 0) {
                    continue;
                }
                int hour = Instant.ofEpochMilli(bid.dateTime()).atZone(ZoneOffset.UTC).getHour();
                String type = hour >= 8 && hour <= 18 ? "dayTime"
                        : hour <= 6 || hour >= 20 ? "nightTime" : "otherTime";
                long cs = bid.extra().chars().filter(ch -> ch == 'c').count();
                out.add(new Row(bid.auction(), bid.bidder(), price.setScale(3), type,
                        bid.dateTime(), bid.extra(), cs), 1);
            }
        }
        return out;
    }
}
