package org.jdbsp.nexmark.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class NexmarkConfigTest {

  @Test
  void defaultsAreBeams() {
    NexmarkConfig c = NexmarkConfig.DEFAULT;
    assertEquals(100_000, c.numEvents());
    assertEquals(100, c.numEventGenerators());
    assertEquals(10_000, c.firstEventRate());
    assertEquals(50, c.proportionDenominator());
    assertEquals(1_000, c.numActivePeople());
    assertEquals(100, c.numInFlightAuctions());
    assertEquals(Instant.parse("2015-07-15T00:00:00Z").toEpochMilli(), c.baseTime());
  }

  @Test
  void toBuilderRoundTripsAndBuilderChangesOneField() {
    NexmarkConfig changed = NexmarkConfig.DEFAULT.toBuilder().hotBiddersRatio(9).build();
    assertEquals(NexmarkConfig.DEFAULT, NexmarkConfig.DEFAULT.toBuilder().build());
    assertEquals(9, changed.hotBiddersRatio());
    assertEquals(
        NexmarkConfig.DEFAULT, NexmarkConfig.DEFAULT.toBuilder().hotBiddersRatio(4).build());
  }

  @Test
  void rejectsOutOfRangeFieldsNamingThem() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> NexmarkConfig.builder().hotAuctionRatio(0).build());
    assertTrue(e.getMessage().contains("hotAuctionRatio"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> NexmarkConfig.builder().numEvents(-1).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> NexmarkConfig.builder().proportions(0, 3, 46).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> NexmarkConfig.builder().outOfOrderGroupSize(0).build());
  }
}
