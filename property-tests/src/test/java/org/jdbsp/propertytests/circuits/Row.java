package org.jdbsp.propertytests.circuits;

/** A two-column row with small value ranges, so that keys collide, joins match and changes cancel. */
public record Row(long a, long b) {
    @Override
    public String toString() {
        return "(" + a + "," + b + ")";
    }
}
