package org.jdbsp.sql.runtime;

import org.apache.calcite.linq4j.function.Strict;

/**
 * Lengths of text computed without making the text: what the compiler calls in place of
 * {@code CHAR_LENGTH(REPLACE(s, t, ''))}, the SQL way to count the occurrences of {@code t} in {@code s} (Nexmark
 * q14's {@code count_char}). Called by generated code, never with NULL (the generated code checks it). Cost: one
 * pass over {@code s}, nothing allocated, where {@code REPLACE} copies the string.
 */
public final class TextCounts {
    private TextCounts() {
    }

    /**
     * {@code CHAR_LENGTH(REPLACE(s, t, ''))}: the length of {@code s} less that of the non-overlapping occurrences
     * of {@code t}, found from the left as {@code REPLACE} finds them ({@code t} not empty).
     */
    @Strict
    public static int lengthWithout(String s, String t) {
        int n = 0;
        for (int i = s.indexOf(t); i >= 0; i = s.indexOf(t, i + t.length())) {
            n++;
        }
        return s.length() - n * t.length();
    }
}
