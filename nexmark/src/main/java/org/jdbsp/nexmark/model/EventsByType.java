package org.jdbsp.nexmark.model;

import java.util.Objects;

/**
 * A sequence of events split by type once, so that any range of it can be pushed into the three Nexmark inputs
 * with one bulk call per type, without reading the events again: the persons, auctions and bids in their
 * original order, and for every position {@code i} of the sequence how many of each came before it.
 *
 * <p>Pushing a range this way gives the same Z-sets as pushing its events one by one (a batch is a set:
 * the order inside it does not matter). Cost: O(n) time and 12 bytes per event to build (three prefix
 * counts), O(1) per range.
 */
public final class EventsByType {
    private final Person[] persons;
    private final Auction[] auctions;
    private final Bid[] bids;
    /** {@code before[t][i]}: events of type {@code t} among the first {@code i} of the sequence. */
    private final int[][] before;

    /** Splits {@code events} (none null). */
    public EventsByType(Event[] events) {
        this(events, events.length);
    }

    /** Splits the first {@code n} of {@code events} (none null); the array is not kept. */
    public EventsByType(Event[] events, int n) {
        Objects.checkFromIndexSize(0, n, events.length);
        int[][] b = new int[3][n + 1];
        for (int i = 0; i < n; i++) {
            Event e = events[i];
            if (e == null) {
                throw new NullPointerException("null event at index " + i);
            }
            int t = e.eventType();
            b[0][i + 1] = b[0][i];
            b[1][i + 1] = b[1][i];
            b[2][i + 1] = b[2][i];
            b[t][i + 1]++;
        }
        persons = new Person[b[0][n]];
        auctions = new Auction[b[1][n]];
        bids = new Bid[b[2][n]];
        for (int i = 0; i < n; i++) {
            Event e = events[i];
            switch (e.eventType()) {
                case Event.PERSON -> persons[b[0][i]] = (Person) e;
                case Event.AUCTION -> auctions[b[1][i]] = (Auction) e;
                default -> bids[b[2][i]] = (Bid) e;
            }
        }
        before = b;
    }

    /** Events in the sequence. */
    public int size() {
        return before[0].length - 1;
    }

    /** Every person of the sequence, in order; {@link #first} and {@link #count} index it. */
    public Person[] persons() {
        return persons;
    }

    /** Every auction of the sequence, in order. */
    public Auction[] auctions() {
        return auctions;
    }

    /** Every bid of the sequence, in order. */
    public Bid[] bids() {
        return bids;
    }

    /** Index in its type's array of the first event of type {@code type} at or after position {@code off}. */
    public int first(int type, int off) {
        return before[type][off];
    }

    /** Events of type {@code type} among positions {@code [off, off + len)}. */
    public int count(int type, int off, int len) {
        Objects.checkFromIndexSize(off, len, size());
        return before[type][off + len] - before[type][off];
    }

    /**
     * Copies the events into {@code into} from {@code off}, in the order of the sequence; returns
     * {@code off + size()}.
     */
    public int copyInOrder(Event[] into, int off) {
        int n = size();
        Objects.checkFromIndexSize(off, n, into.length);
        int[] p = before[Event.PERSON];
        int[] a = before[Event.AUCTION];
        for (int i = 0; i < n; i++) {
            into[off + i] = p[i + 1] > p[i] ? persons[p[i]] : a[i + 1] > a[i] ? auctions[a[i]] : bids[i - p[i] - a[i]];
        }
        return off + n;
    }
}
