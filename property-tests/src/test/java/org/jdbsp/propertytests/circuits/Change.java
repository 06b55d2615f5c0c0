package org.jdbsp.propertytests.circuits;

/** One change to one input: insert or delete a row. */
public record Change(int input, Row row, boolean insert) {
    @Override
    public String toString() {
        return (insert ? "+" : "-") + input + row;
    }
}
