package org.jdbsp.nexmark.queries;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Stream;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.zset.ZSet;

/**
 * Nexmark query 21, "add channel id": each bid with a {@code channel_id} column: {@code '0'}..{@code '3'} for
 * the hot channels Apple, Google, Facebook and Baidu (case-insensitive), otherwise the value of the URL's
 * {@code channel_id} query parameter; bids with neither are dropped.
 *
 * <p>SQL (nexmark/nexmark {@code queries/q21.sql}):
 * <pre>{@code
 * INSERT INTO nexmark_q21
 * SELECT
 *     auction, bidder, price, channel,
 *     CASE
 *         WHEN lower(channel) = 'apple' THEN '0'
 *         WHEN lower(channel) = 'google' THEN '1'
 *         WHEN lower(channel) = 'facebook' THEN '2'
 *         WHEN lower(channel) = 'baidu' THEN '3'
 *         ELSE REGEXP_EXTRACT(url, '(&|^)channel_id=([^&]*)', 2)
 *         END
 *     AS channel_id FROM bid
 *     where REGEXP_EXTRACT(url, '(&|^)channel_id=([^&]*)', 2) is not null or
 *           lower(channel) in ('apple', 'google', 'facebook', 'baidu');
 * }</pre>
 *
 * <p>Circuit: one fused flatMap. The regular expression is evaluated by hand, with the same result as the
 * leftmost match of {@code (&|^)channel_id=([^&]*)}: the first occurrence of {@code channel_id=} at the start of
 * the URL or right after a {@code &}, up to the next {@code &} or the end (possibly empty, which is not null).
 * {@code lower} is {@link String#toLowerCase(Locale)} with {@link Locale#ROOT}. The channel id stays a string,
 * as in the SQL. Cost: O(|url|) per bid, no state. The reference uses {@code java.util.regex}.
 */
public final class Q21 implements NexmarkQuery<Q21.Row> {
    private static final String PARAM = "channel_id=";

    /** An output row. */
    public record Row(long auction, long bidder, long price, String channel, String channelId) {
    }

    @Override
    public String name() {
        return "q21";
    }

    @Override
    public String description() {
        return "add channel id: bids with a channel_id from the hot channel's name or the url's channel_id parameter";
    }

    @Override
    public Stream<Row> wire(CircuitBuilder b, NexmarkStreams in) {
        return Linear.flatMap(in.bids(), (Bid bid, java.util.function.Consumer<? super Row> out) -> {
            String id = channelId(bid.channel(), bid.url());
            if (id != null) {
                out.accept(new Row(bid.auction(), bid.bidder(), bid.price(), bid.channel(), id));
            }
        });
    }

    /** The channel id of a bid, or null when the row is filtered out. */
    static String channelId(String channel, String url) {
        String hot = hotId(channel);
        return hot != null ? hot : extract(url);
    }

    private static String hotId(String channel) {
        // Cheap length test before lower-casing: the hot names have 5, 6, 8 and 5 characters.
        int n = channel.length();
        if (n != 5 && n != 6 && n != 8) {
            return null;
        }
        return switch (channel.toLowerCase(Locale.ROOT)) {
            case "apple" -> "0";
            case "google" -> "1";
            case "facebook" -> "2";
            case "baidu" -> "3";
            default -> null;
        };
    }

    /** {@code REGEXP_EXTRACT(url, '(&|^)channel_id=([^&]*)', 2)} without a regex engine. */
    static String extract(String url) {
        int from = 0;
        while (true) {
            int i = url.indexOf(PARAM, from);
            if (i < 0) {
                return null;
            }
            if (i == 0 || url.charAt(i - 1) == '&') {
                int start = i + PARAM.length();
                int end = url.indexOf('&', start);
                return url.substring(start, end < 0 ? url.length() : end);
            }
            from = i + 1;
        }
    }

    @Override
    public ZSet<Row> reference(List<Event> history) {
        Pattern p = Pattern.compile("(&|^)channel_id=([^&]*)");
        ZSet<Row> out = new ZSet<>();
        for (Event e : history) {
            if (e instanceof Bid bid) {
                Matcher m = p.matcher(bid.url());
                String extracted = m.find() ? m.group(2) : null;
                String lower = bid.channel().toLowerCase(Locale.ROOT);
                String id = switch (lower) {
                    case "apple" -> "0";
                    case "google" -> "1";
                    case "facebook" -> "2";
                    case "baidu" -> "3";
                    default -> extracted;
                };
                if (id != null) {
                    out.add(new Row(bid.auction(), bid.bidder(), bid.price(), bid.channel(), id), 1);
                }
            }
        }
        return out;
    }
}
