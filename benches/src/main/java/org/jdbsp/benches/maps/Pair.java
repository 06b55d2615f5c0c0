package org.jdbsp.benches.maps;

/** A typical small relational row used as an object key: two {@code long} columns, record equals/hashCode. */
public record Pair(long a, long b) {
}
