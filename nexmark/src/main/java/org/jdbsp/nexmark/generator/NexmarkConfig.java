package org.jdbsp.nexmark.generator;

/**
 * What {@link NexmarkGenerator} generates: an immutable value whose {@link #DEFAULT} equals the
 * defaults of Beam's {@code NexmarkConfiguration} with the event clock starting at Beam's base
 * time. Build variations with {@link #builder()} or {@link #toBuilder()}.
 *
 * <p>Event {@code i} (counting from {@link #firstEventNumber()}) is stamped {@code baseTime +
 * i * interEventDelay}, where the delay comes from the rates: with the defaults 10,000 events/s
 * spread over 100 generators, so each generator emits one event per 10 ms of event time.
 *
 * @param numEvents events to generate; 0 for unbounded
 * @param numEventGenerators number of generators the rate is shared between (only scales the
 *     inter-event delay; one {@link NexmarkGenerator} is one of them)
 * @param rateShape how the rate moves between {@code firstEventRate} and {@code nextEventRate}
 * @param firstEventRate initial total event rate
 * @param nextEventRate rate the shape moves to
 * @param rateUnit unit of the two rates
 * @param ratePeriodSec length of one full cycle of the rate shape
 * @param personProportion persons in each block of {@code person+auction+bid} events
 * @param auctionProportion auctions in each block
 * @param bidProportion bids in each block
 * @param avgPersonByteSize average person size the {@code extra} field pads to
 * @param avgAuctionByteSize average auction size the {@code extra} field pads to
 * @param avgBidByteSize average bid size the {@code extra} field pads to
 * @param hotAuctionRatio a bid is for a hot auction with probability {@code 1 - 1/ratio}
 * @param hotSellersRatio an auction is by a hot seller with probability {@code 1 - 1/ratio}
 * @param hotBiddersRatio a bid is by a hot bidder with probability {@code 1 - 1/ratio}
 * @param numInFlightAuctions auctions open at a time (bids target these; sets auction lengths)
 * @param numActivePeople persons that sellers and bidders are drawn from
 * @param outOfOrderGroupSize events are shuffled within groups of this size (1: in order)
 * @param baseTime event time of event number 0, epoch milliseconds
 * @param firstEventId added to the event number to give the id that seeds each event
 * @param firstEventNumber event number of the first generated event
 */
public record NexmarkConfig(
    long numEvents,
    int numEventGenerators,
    RateShape rateShape,
    int firstEventRate,
    int nextEventRate,
    RateUnit rateUnit,
    int ratePeriodSec,
    int personProportion,
    int auctionProportion,
    int bidProportion,
    int avgPersonByteSize,
    int avgAuctionByteSize,
    int avgBidByteSize,
    int hotAuctionRatio,
    int hotSellersRatio,
    int hotBiddersRatio,
    int numInFlightAuctions,
    int numActivePeople,
    long outOfOrderGroupSize,
    long baseTime,
    long firstEventId,
    long firstEventNumber) {

  /** 2015-07-15T00:00:00Z, Beam's Nexmark event-time origin. */
  public static final long BEAM_BASE_TIME = 1_436_918_400_000L;

  /** Beam's default configuration with {@code numEvents = 100_000}. */
  public static final NexmarkConfig DEFAULT = new Builder().build();

  /** Checks every field; throws {@link IllegalArgumentException} naming the first bad one. */
  public NexmarkConfig {
    requireNonNegative("numEvents", numEvents);
    requirePositive("numEventGenerators", numEventGenerators);
    if (rateShape == null || rateUnit == null) {
      throw new IllegalArgumentException("rateShape and rateUnit must not be null");
    }
    requirePositive("firstEventRate", firstEventRate);
    requirePositive("nextEventRate", nextEventRate);
    requirePositive("ratePeriodSec", ratePeriodSec);
    requireNonNegative("personProportion", personProportion);
    requireNonNegative("auctionProportion", auctionProportion);
    requireNonNegative("bidProportion", bidProportion);
    if (personProportion == 0 || auctionProportion == 0) {
      // Sellers and bidders are drawn from persons, bids' auctions from auctions.
      throw new IllegalArgumentException("personProportion and auctionProportion must be positive");
    }
    requireNonNegative("avgPersonByteSize", avgPersonByteSize);
    requireNonNegative("avgAuctionByteSize", avgAuctionByteSize);
    requireNonNegative("avgBidByteSize", avgBidByteSize);
    requirePositive("hotAuctionRatio", hotAuctionRatio);
    requirePositive("hotSellersRatio", hotSellersRatio);
    requirePositive("hotBiddersRatio", hotBiddersRatio);
    requireNonNegative("numInFlightAuctions", numInFlightAuctions);
    requirePositive("numActivePeople", numActivePeople);
    requirePositive("outOfOrderGroupSize", outOfOrderGroupSize);
    requireNonNegative("firstEventId", firstEventId);
    requireNonNegative("firstEventNumber", firstEventNumber);
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Persons + auctions + bids per block of events. */
  public int proportionDenominator() {
    return personProportion + auctionProportion + bidProportion;
  }

  private static void requirePositive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  private static void requireNonNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
  }

  /** Mutable builder for {@link NexmarkConfig}; starts from Beam's defaults. */
  public static final class Builder {
    private long numEvents = 100_000;
    private int numEventGenerators = 100;
    private RateShape rateShape = RateShape.SINE;
    private int firstEventRate = 10_000;
    private int nextEventRate = 10_000;
    private RateUnit rateUnit = RateUnit.PER_SECOND;
    private int ratePeriodSec = 600;
    private int personProportion = 1;
    private int auctionProportion = 3;
    private int bidProportion = 46;
    private int avgPersonByteSize = 200;
    private int avgAuctionByteSize = 500;
    private int avgBidByteSize = 100;
    private int hotAuctionRatio = 2;
    private int hotSellersRatio = 4;
    private int hotBiddersRatio = 4;
    private int numInFlightAuctions = 100;
    private int numActivePeople = 1000;
    private long outOfOrderGroupSize = 1;
    private long baseTime = BEAM_BASE_TIME;
    private long firstEventId = 0;
    private long firstEventNumber = 0;

    private Builder() {}

    private Builder(NexmarkConfig c) {
      numEvents = c.numEvents;
      numEventGenerators = c.numEventGenerators;
      rateShape = c.rateShape;
      firstEventRate = c.firstEventRate;
      nextEventRate = c.nextEventRate;
      rateUnit = c.rateUnit;
      ratePeriodSec = c.ratePeriodSec;
      personProportion = c.personProportion;
      auctionProportion = c.auctionProportion;
      bidProportion = c.bidProportion;
      avgPersonByteSize = c.avgPersonByteSize;
      avgAuctionByteSize = c.avgAuctionByteSize;
      avgBidByteSize = c.avgBidByteSize;
      hotAuctionRatio = c.hotAuctionRatio;
      hotSellersRatio = c.hotSellersRatio;
      hotBiddersRatio = c.hotBiddersRatio;
      numInFlightAuctions = c.numInFlightAuctions;
      numActivePeople = c.numActivePeople;
      outOfOrderGroupSize = c.outOfOrderGroupSize;
      baseTime = c.baseTime;
      firstEventId = c.firstEventId;
      firstEventNumber = c.firstEventNumber;
    }

    /** Sets {@link NexmarkConfig#numEvents()}. */
    public Builder numEvents(long v) {
      numEvents = v;
      return this;
    }

    /** Sets {@link NexmarkConfig#numEventGenerators()}. */
    public Builder numEventGenerators(int v) {
      numEventGenerators = v;
      return this;
    }

    /** Sets {@link NexmarkConfig#rateShape()}. */
    public Builder rateShape(RateShape v) {
      rateShape = v;
      return this;
    }

    /** Sets {@link NexmarkConfig#firstEventRate()}. */
    public Builder firstEventRate(int v) {
      firstEventRate = v;
      return this;
    }

    /** Sets {@link NexmarkConfig#nextEventRate()}. */
    public Builder nextEventRate(int v) {
      nextEventRate = v;
      return this;
    }

    /** Sets both rates, for a constant rate. */
    public Builder eventRate(int v) {
      firstEventRate = v;
      nextEventRate = v;
      return this;
    }

    /** Sets {@link NexmarkConfig#rateUnit()}. */
    public Builder rateUnit(RateUnit v) {
      rateUnit = v;
      return this;
    }

    /** Sets {@link NexmarkConfig#ratePeriodSec()}. */
    public Builder ratePeriodSec(int v) {
      ratePeriodSec = v;
      return this;
    }

    /** Sets the person : auction : bid proportions. */
    public Builder proportions(int persons, int auctions, int bids) {
      personProportion = persons;
      auctionProportion = auctions;
      bidProportion = bids;
      return this;
    }

    /** Sets {@link NexmarkConfig#avgPersonByteSize()}. */
    public Builder avgPersonByteSize(int v) {
      avgPersonByteSize = v;
      return this;
    }

    /** Sets {@link NexmarkConfig#avgAuctionByteSize()}. */
    public Builder avgAuctionByteSize(int v) {
      avgAuctionByteSize = v;
      return this;
    }

    /** Sets {@link NexmarkConfig#avgBidByteSize()}. */
    public Builder avgBidByteSize(int v) {
      avgBidByteSize = v;
      return this;
    }

    /** Sets {@link NexmarkConfig#hotAuctionRatio()}. */
    public Builder hotAuctionRatio(int v) {
      hotAuctionRatio = v;
      return this;
    }

    /** Sets {@link NexmarkConfig#hotSellersRatio()}. */
    public Builder hotSellersRatio(int v) {
      hotSellersRatio = v;
      return this;
    }

    /** Sets {@link NexmarkConfig#hotBiddersRatio()}. */
    public Builder hotBiddersRatio(int v) {
      hotBiddersRatio = v;
      return this;
    }

    /** Sets {@link NexmarkConfig#numInFlightAuctions()}. */
    public Builder numInFlightAuctions(int v) {
      numInFlightAuctions = v;
      return this;
    }

    /** Sets {@link NexmarkConfig#numActivePeople()}. */
    public Builder numActivePeople(int v) {
      numActivePeople = v;
      return this;
    }

    /** Sets {@link NexmarkConfig#outOfOrderGroupSize()}. */
    public Builder outOfOrderGroupSize(long v) {
      outOfOrderGroupSize = v;
      return this;
    }

    /** Sets {@link NexmarkConfig#baseTime()}. */
    public Builder baseTime(long v) {
      baseTime = v;
      return this;
    }

    /** Sets {@link NexmarkConfig#firstEventId()}. */
    public Builder firstEventId(long v) {
      firstEventId = v;
      return this;
    }

    /** Sets {@link NexmarkConfig#firstEventNumber()}. */
    public Builder firstEventNumber(long v) {
      firstEventNumber = v;
      return this;
    }

    /** The configuration; throws {@link IllegalArgumentException} if a field is out of range. */
    public NexmarkConfig build() {
      return new NexmarkConfig(
          numEvents,
          numEventGenerators,
          rateShape,
          firstEventRate,
          nextEventRate,
          rateUnit,
          ratePeriodSec,
          personProportion,
          auctionProportion,
          bidProportion,
          avgPersonByteSize,
          avgAuctionByteSize,
          avgBidByteSize,
          hotAuctionRatio,
          hotSellersRatio,
          hotBiddersRatio,
          numInFlightAuctions,
          numActivePeople,
          outOfOrderGroupSize,
          baseTime,
          firstEventId,
          firstEventNumber);
    }
  }
}
