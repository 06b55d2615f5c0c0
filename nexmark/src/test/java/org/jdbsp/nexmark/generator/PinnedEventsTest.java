package org.jdbsp.nexmark.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jdbsp.nexmark.model.Auction;
import org.jdbsp.nexmark.model.Bid;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.model.Person;
import org.junit.jupiter.api.Test;

/**
 * The first events of the default configuration, literally, as Beam 2.60.0 generates them (plus
 * our bid channel and URL). Independent of the Beam test dependency.
 */
class PinnedEventsTest {

  @Test
  void firstPersonAuctionAndBidOfTheDefaultConfiguration() {
    NexmarkGenerator generator = new NexmarkGenerator(NexmarkConfig.DEFAULT);
    Event[] first = new Event[5];
    assertEquals(5, generator.fill(first, 0, 5));
    assertEquals(
        new Person(
            1000L,
            "Peter Jones",
            "nhd@xcat.com",
            "7241 7320 9143 4888",
            "Portland",
            "WY",
            1436918400000L,
            "WN_HS_bnpkkiwhwana_L^`KZjdgsid`K]MLU[aaOH`ztxbulvlxtkn_ZZ^T\\mqgdjzvlkym"
                + "smfrhkfVYSXK_OY[aVYVKa\\X^]RO]OYguwiduWJNQLLaMLHOTaHY_J[YKWaUOSJN_VHWXZ]"
                + "`SgbnjqeVVQ\\[["),
        first[0]);
    assertEquals(
        new Auction(
            1000L,
            "wkx mgee",
            "eszpqxtdxrvwmmywkmogoahf",
            28873L,
            29448L,
            1436918400010L,
            1436918409425L,
            1000L,
            13L,
            "zcurskufssowmihzpmZHWQM^fnleramznyyqimoheaRSWV^OjtfjhgXRa`[PVHUOMTbrqqzj"
                + "yztfwnhstxbu]\\V_XPldnjuo^^PJQMnwhlsenoniir^aNZI__IP[QLYPROSNW]HYP\\L]W^"
                + "PTkfnbtwuqucwreikflftlgtebaurwml^RMRIPqevmpqsnxmcblfvpfeajfopsHS^U[Jzxwa"
                + "jo_W`RXa[XWI[`VXZOR^lghgmwHITMP[dbwdgtPQJYHLjnubcsjgszqvyzeoeqjcbaazmrqa"
                + "mxoxgrjh`L`]_Y^OQM]ItjxtuwZJS[RTmrkpofsnuysxuvwbuzrqkrkkqpiz"),
        first[1]);
    assertEquals(
        new Bid(
            1000L,
            1001L,
            32530001L,
            "channel-8835",
            "https://www.nexmark.com/xied/ugsy/ucg/item.htm?query=1&channel_id=1052508160",
            1436918400040L,
            "fdiysaV^]NLVsbolvyqwgticfdrwdyiyofziYMU\\Z`UaTQO][NX\\RM]WPYTOuwogvszlxj"
                + "rcNOORM"),
        first[4]);
  }

  @Test
  void firstBlockIsOnePersonThreeAuctionsThenBidsTenMillisecondsApart() {
    NexmarkGenerator generator = new NexmarkGenerator(NexmarkConfig.DEFAULT);
    for (int i = 0; i < 100; i++) {
      Event event = generator.next();
      int offset = i % 50;
      int expectedType = offset < 1 ? Event.PERSON : offset < 4 ? Event.AUCTION : Event.BID;
      assertEquals(expectedType, event.eventType(), "event " + i);
      assertEquals(NexmarkConfig.BEAM_BASE_TIME + 10L * i, event.dateTime(), "event " + i);
    }
  }
}
