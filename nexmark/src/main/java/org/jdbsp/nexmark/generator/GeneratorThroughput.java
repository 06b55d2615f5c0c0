package org.jdbsp.nexmark.generator;

import org.jdbsp.nexmark.model.Event;

/**
 * Command-line measurement of the generator alone: fills a reusable array with the default
 * configuration's events and prints events per second for each of several rounds. Usage: {@code
 * java -cp nexmark/target/classes org.jdbsp.nexmark.generator.GeneratorThroughput [events per
 * round, default 10,000,000] [rounds, default 5]}.
 */
public final class GeneratorThroughput {
  private GeneratorThroughput() {}

  /** Runs the measurement; see the class comment for the arguments. */
  public static void main(String[] args) {
    long perRound = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Event[] batch = new Event[4096];
    long sink = 0;
    for (int round = 0; round < rounds; round++) {
      NexmarkGenerator generator =
          new NexmarkGenerator(NexmarkConfig.builder().numEvents(perRound).build());
      long start = System.nanoTime();
      int n;
      while ((n = generator.fill(batch, 0, batch.length)) > 0) {
        sink += batch[n - 1].dateTime();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "round %d: %,d events in %.3f s = %,.0f events/s%n",
          round, perRound, seconds, perRound / seconds);
    }
    System.out.println("(checksum " + sink + ")");
  }
}
