package org.jdbsp.nexmark.harness;

import java.util.Locale;
import org.jdbsp.nexmark.generator.NexmarkConfig;
import org.jdbsp.nexmark.generator.RateShape;

/**
 * Parses {@code --generator key=value,key=value} into the generator's configuration: the parameters of Beam's
 * {@code NexmarkConfiguration} that shape the events, under dashed names. A bad key or value is a
 * {@link UsageException} naming it.
 */
final class GeneratorOptions {
    private GeneratorOptions() {
    }

    static void apply(NexmarkConfig.Builder b, String spec) throws UsageException {
        for (String pair : spec.split(",", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--generator: expected key=value, got '" + pair + "'");
            }
            String key = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = pair.substring(eq + 1).trim();
            String name = "--generator " + key;
            switch (key) {
                case "event-rate" -> b.eventRate(positiveInt(name, value));
                case "first-event-rate" -> b.firstEventRate(positiveInt(name, value));
                case "next-event-rate" -> b.nextEventRate(positiveInt(name, value));
                case "rate-period-sec" -> b.ratePeriodSec(positiveInt(name, value));
                case "rate-shape" -> b.rateShape(switch (value.toLowerCase(Locale.ROOT)) {
                    case "square" -> RateShape.SQUARE;
                    case "sine" -> RateShape.SINE;
                    default -> throw new UsageException(name + ": expected square or sine, got '" + value + "'");
                });
                case "proportions" -> {
                    String[] p = value.split(":", -1);
                    if (p.length != 3) {
                        throw new UsageException(name + ": expected persons:auctions:bids, got '" + value + "'");
                    }
                    b.proportions(positiveInt(name, p[0]), positiveInt(name, p[1]), positiveInt(name, p[2]));
                }
                case "avg-person-bytes" -> b.avgPersonByteSize(nonNegativeInt(name, value));
                case "avg-auction-bytes" -> b.avgAuctionByteSize(nonNegativeInt(name, value));
                case "avg-bid-bytes" -> b.avgBidByteSize(nonNegativeInt(name, value));
                case "hot-auction-ratio" -> b.hotAuctionRatio(positiveInt(name, value));
                case "hot-sellers-ratio" -> b.hotSellersRatio(positiveInt(name, value));
                case "hot-bidders-ratio" -> b.hotBiddersRatio(positiveInt(name, value));
                case "in-flight-auctions" -> b.numInFlightAuctions(positiveInt(name, value));
                case "active-people" -> b.numActivePeople(positiveInt(name, value));
                case "out-of-order-group-size" -> b.outOfOrderGroupSize(Options.count(name, value, 1));
                case "event-generators" -> b.numEventGenerators(positiveInt(name, value));
                default -> throw new UsageException("--generator: unknown parameter '" + key + "' (see --help)");
            }
        }
    }

    private static int positiveInt(String name, String value) throws UsageException {
        return (int) Math.min(Options.count(name, value, 1), Integer.MAX_VALUE);
    }

    private static int nonNegativeInt(String name, String value) throws UsageException {
        return (int) Math.min(Options.count(name, value, 0), Integer.MAX_VALUE);
    }
}
