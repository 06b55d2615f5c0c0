package org.jdbsp.nexmark.queries;

import java.util.List;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.zset.ZSet;

/**
 * Nexmark query 22, "get URL directories": each bid with the first three directories of its URL.
 *
 * <p>SQL (nexmark/nexmark {@code queries/q22.sql}, as quoted by Feldera's {@code q22.rs}):
 * <pre>{@code
 * INSERT INTO discard_sink
 * SELECT
 *     auction, bidder, price, channel,
 *     SPLIT_INDEX(url, '/', 3) as dir1,
 *     SPLIT_INDEX(url, '/', 4) as dir2,
 *     SPLIT_INDEX(url, '/', 5) as dir3 FROM bid;
 * }</pre>
 *
 * <p>{@code SPLIT_INDEX(s, '/', i)} is Flink's: the {@code i}-th (0-based) piece of {@code s} split at every
 * {@code '/'}, keeping empty pieces (so {@code https://host/a} is {@code ["https:", "", "host", "a"]}), and
 * {@code null} when there are not enough pieces or {@code s} is empty. For the generator's URLs
 * ({@code https://www.nexmark.com/<a>/<b>/<c>/item.htm?query=1...}, as nexmark/nexmark's) dir1..dir3 are a, b
 * and c. Circuit: one fused map, one pass over the URL per bid, no state.
 */
public final class Q22 implements NexmarkQuery<Q22.Row> {
    /** An output row; the directories are null when the URL has fewer pieces. */
    public record Row(long auction, long bidder, long price, String channel, String dir1, String dir2,
                      String dir3) {
    }

    @Override
    public String name() {
        return "q22";
    }

    @Override
    public String description() {
        return "get URL directories: bids with SPLIT_INDEX(url, '/', 3, 4 and 5)";
    }

    @Override
    public Stream<Row> wire(CircuitBuilder b, NexmarkStreams in) {
        return Linear.map(in.bids(), Q22::row);
    }

    static Row row(Bid bid) {
        String url = bid.url();
        String d1 = null;
        String d2 = null;
        String d3 = null;
        int n = url.length();
        if (n > 0) {
            // Skip the pieces 0..2: three separators.
            int start = 0;
            for (int k = 0; k < 3 && start >= 0; k++) {
                int j = url.indexOf('/', start);
                start = j < 0 ? -1 : j + 1;
            }
            if (start >= 0) {
                int end = url.indexOf('/', start);
                d1 = url.substring(start, end < 0 ? n : end);
                if (end >= 0) {
                    start = end + 1;
                    end = url.indexOf('/', start);
                    d2 = url.substring(start, end < 0 ? n : end);
                    if (end >= 0) {
                        start = end + 1;
                        end = url.indexOf('/', start);
                        d3 = url.substring(start, end < 0 ? n : end);
                    }
                }
            }
        }
        return new Row(bid.auction(), bid.bidder(), bid.price(), bid.channel(), d1, d2, d3);
    }

    @Override
    public ZSet<Row> reference(List<Event> history) {
        ZSet<Row> out = new ZSet<>();
        for (Event e : history) {
            if (e instanceof Bid bid) {
                String[] parts = bid.url().isEmpty() ? new String[0] : bid.url().split("/", -1);
                out.add(new Row(bid.auction(), bid.bidder(), bid.price(), bid.channel(),
                        parts.length > 3 ? parts[3] : null,
                        parts.length > 4 ? parts[4] : null,
                        parts.length > 5 ? parts[5] : null), 1);
            }
        }
        return out;
    }
}
