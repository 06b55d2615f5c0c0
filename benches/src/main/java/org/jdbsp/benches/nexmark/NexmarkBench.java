package org.jdbsp.benches.nexmark;

import java.util.concurrent.TimeUnit;

import org.jdbsp.circuit.Mode;
import org.jdbsp.nexmark.model.Event;
import org.jdbsp.nexmark.queries.Queries;
import org.jdbsp.nexmark.queries.QueryCircuit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nexmark throughput per query on one core: the harness's {@link QueryCircuit} (incremental, one worker) fed
 * pre-generated default events. One op = push the next {@code batch} events and step. The score is ops/s; the
 * secondary metric {@code events} is events/s. Each iteration starts from a fresh circuit; when the
 * {@code events} pre-generated events are used up the circuit is replaced by a fresh one inside the op (one op in
 * {@code events / batch}), so state never grows past {@code events} events of history.
 *
 * <pre>bin/bench 'nexmark.NexmarkBench' -p query=q0,q4</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Xms2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class NexmarkBench {
    @Param({"q0", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "q11", "q12", "q13", "q14", "q15",
            "q16", "q17", "q18", "q19", "q20", "q21", "q22"})
    public String query;

    @Param({"10000"})
    public int batch;

    @Param({"1000000"})
    public int events;

    private Event[] ev;
    private QueryCircuit<?> circuit;
    private int cursor;

    /** Events processed, reported by JMH as a rate (events/s). */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        public long events;

        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
        }
    }

    @Setup(Level.Trial)
    public void generate() {
        ev = NexmarkEvents.generate(events);
    }

    @Setup(Level.Iteration)
    public void fresh() {
        close();
        circuit = QueryCircuit.of(Queries.byName(query), Mode.INCREMENTAL, 1);
        cursor = 0;
    }

    @TearDown(Level.Iteration)
    public void close() {
        if (circuit != null) {
            circuit.close();
            circuit = null;
        }
    }

    @Benchmark
    public int step(Counters c) {
        if (cursor + batch > ev.length) {
            circuit.close();
            circuit = QueryCircuit.of(Queries.byName(query), Mode.INCREMENTAL, 1);
            cursor = 0;
        }
        circuit.push(ev, cursor, batch);
        circuit.step();
        cursor += batch;
        c.events += batch;
        return circuit.output().deltaSize();
    }
}
