package org.jdbsp.benches.nexmark;

import java.util.concurrent.TimeUnit;

import org.jdbsp.nexmark.generator.NexmarkConfig;
import org.jdbsp.nexmark.generator.NexmarkGenerator;
import org.jdbsp.nexmark.model.Event;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Nexmark generator alone on one core, default configuration: one op is one event, generated into a reused
 * array in batches of {@value #BATCH}, as the harness does. The score is events per second; {@code -prof gc} gives
 * the bytes allocated per event (the event objects and their strings). The generator is endless here: a new one
 * starts when {@value #PER_GENERATOR} events are drawn, so event ids stay in the range a 100M-event run uses.
 *
 * <pre>bin/bench 'nexmark.GeneratorBench'</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Xms2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GeneratorBench {
    static final int BATCH = 4096;
    static final long PER_GENERATOR = 100_000_000L;

    private final Event[] batch = new Event[BATCH];
    private NexmarkGenerator generator;

    @Setup
    public void setup() {
        generator = fresh();
    }

    private static NexmarkGenerator fresh() {
        return new NexmarkGenerator(NexmarkConfig.builder().numEvents(PER_GENERATOR).build());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long fill() {
        if (generator.fill(batch, 0, BATCH) < BATCH) {
            generator = fresh();
            generator.fill(batch, 0, BATCH);
        }
        return batch[BATCH - 1].dateTime();
    }
}
