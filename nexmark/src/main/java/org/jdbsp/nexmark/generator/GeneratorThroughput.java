package org.jdbsp.nexmark.generator;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.jdbsp.nexmark.model.Event;

/**
 * Command-line measurement of the generator alone: fills a reusable array with the default
 * configuration's events and prints events per second for each of several rounds, by wall clock
 * and by this thread's CPU time (steadier on a shared machine). Usage: {@code
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
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < rounds; round++) {
      NexmarkGenerator generator =
          new NexmarkGenerator(NexmarkConfig.builder().numEvents(perRound).build());
      long start = System.nanoTime();
      long cpuStart = threads.getCurrentThreadCpuTime();
      int n;
      while ((n = generator.fill(batch, 0, batch.length)) > 0) {
        sink += batch[n - 1].dateTime();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      System.out.printf(
          "round %d: %,d events in %.3f s = %,.0f events/s (%,.0f per CPU-second of this thread)%n",
          round, perRound, seconds, perRound / seconds, perRound / cpuSeconds);
    }
    System.out.println("(checksum " + sink + ")");
  }
}
