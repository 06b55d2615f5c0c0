package org.jdbsp.benches.nexmark;

import org.jdbsp.nexmark.generator.NexmarkConfig;
import org.jdbsp.nexmark.generator.NexmarkGenerator;
import org.jdbsp.nexmark.model.Event;

/** Pre-generated default Nexmark events (generation is never timed). */
public final class NexmarkEvents {
    private NexmarkEvents() {
    }

    /** The first {@code n} events of the default configuration (Beam's defaults, {@code numEvents = n}). */
    public static Event[] generate(int n) {
        Event[] events = new Event[n];
        NexmarkGenerator g = new NexmarkGenerator(NexmarkConfig.builder().numEvents(n).build());
        int got = g.fill(events, 0, n);
        if (got != n) {
            throw new IllegalStateException("generator gave " + got + " of " + n + " events");
        }
        return events;
    }
}
