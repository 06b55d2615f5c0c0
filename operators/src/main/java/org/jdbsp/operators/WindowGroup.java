package org.jdbsp.operators;

/** A (window, key) group of a windowed aggregate. */
record WindowGroup<K>(long start, long end, K key) {
}
