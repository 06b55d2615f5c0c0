package org.jdbsp.operators.window;

/**
 * One session window of a key (see {@link Windows#session}): events from {@code start} (the first event's
 * time) to {@code end} (the last event's time plus the gap), {@code count} events (weights summed).
 *
 * @param key   the session key
 * @param start time of the first event, inclusive
 * @param end   time of the last event plus the gap, exclusive
 * @param count number of events
 * @param <K>   the key type
 */
public record Session<K>(K key, long start, long end, long count) {
}
