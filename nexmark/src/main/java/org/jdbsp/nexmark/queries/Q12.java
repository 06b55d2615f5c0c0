package org.jdbsp.nexmark.queries;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.zset.ZSet;

/**
 * Nexmark query 12, "processing time windows": the number of bids of each bidder in 10-second tumbling windows
 * of processing time.
 *
 * <p>SQL (nexmark/nexmark {@code queries/q12.sql}):
 * <pre>{@code
 * CREATE VIEW B AS SELECT *, PROCTIME() as p_time FROM bid;
 * INSERT INTO discard_sink
 * SELECT
 *     bidder,
 *     count(*) as bid_count,
 *     window_start AS starttime,
 *     window_end AS endtime
 * FROM TABLE(
 *         TUMBLE(TABLE B, DESCRIPTOR(p_time), INTERVAL '10' SECOND))
 * GROUP BY bidder, window_start, window_end;
 * }</pre>
 *
 * <p><b>Processing time, made deterministic.</b> In Flink {@code PROCTIME()} is the wall clock of the machine
 * when the operator sees the row, so the result depends on the run's speed and is not reproducible (Feldera's
 * q12 also reads the wall clock; comparison harnesses skip q12). Here the processing time of a bid is a
 * simulated wall clock: the generator's emission clock, which is the bid's {@code dateTime}. The generator
 * stamps event number {@code n} at {@code baseTime + n * interEventDelay} (10 ms per event with the default
 * configuration: 10,000 events/s over 100 logical generators), exactly the time at which a real-time source
 * running at the configured rate would emit it; so {@code p_time = dateTime} is the processing time of a system
 * that keeps up with the source and has no processing lag. It is a function of the event alone, so the circuit
 * and the reference agree whatever the batching. Consequences: unlike Flink, the result does not depend on the
 * throughput, and with these generated (in-order) events q12 coincides with an event-time tumbling count per
 * bidder; an input whose {@code dateTime} is not the emission clock (e.g. out-of-order events read from a file)
 * is windowed by its {@code dateTime} all the same. Windows are {@code [start, start + 10 s)}, aligned to the
 * epoch ({@code start = dateTime - floorMod(dateTime, 10 s)}), in epoch milliseconds.
 *
 * <p>Circuit: an incremental {@link Aggregates#count} keyed by (bidder, window start); state one counter per
 * (bidder, window); cost O(1) per bid plus one retraction and one insertion per changed group and tick.
 * The final view holds every window (windows are never closed: the benchmark's output is the view).
 */
public final class Q12 implements NexmarkQuery<Q12.Row> {
    /** The window size, milliseconds. */
    public static final long WINDOW_MS = 10_000L;

    /** An output row: {@code bidCount} bids of {@code bidder} in {@code [startTime, endTime)}. */
    public record Row(long bidder, long bidCount, long startTime, long endTime) {
    }

    /** Group key. */
    record Key(long bidder, long start) {
        @Override
        public int hashCode() {
            return Q15.hash(bidder, start);
        }
    }

    @Override
    public String name() {
        return "q12";
    }

    @Override
    public String description() {
        return "processing time windows: bids per bidder in 10 s tumbling windows of (simulated) processing time";
    }

    /** The simulated processing time of a bid: its dateTime, the generator's emission clock. */
    static long processingTime(Bid bid) {
        return bid.dateTime();
    }

    @Override
    public Stream<Row> wire(CircuitBuilder b, NexmarkStreams in) {
        return Aggregates.count(in.bids(), bid -> {
            long p = processingTime(bid);
            return new Key(bid.bidder(), p - Math.floorMod(p, WINDOW_MS));
        }, (k, c) -> new Row(k.bidder(), c, k.start(), k.start() + WINDOW_MS));
    }

    @Override
    public ZSet<Row> reference(List<Event> history) {
        Map<List<Long>, Long> counts = new HashMap<>();
        for (Event e : history) {
            if (e instanceof Bid bid) {
                long start = Math.floorDiv(bid.dateTime(), WINDOW_MS) * WINDOW_MS;
                counts.merge(List.of(bid.bidder(), start), 1L, Long::sum);
            }
        }
        ZSet<Row> out = new ZSet<>();
        counts.forEach((k, c) -> out.add(new Row(k.get(0), c, k.get(1), k.get(1) + WINDOW_MS), 1));
        return out;
    }
}
