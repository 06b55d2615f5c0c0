package org.jdbsp.sql.compiler;

/** Line and column of an offset in a statement, for error messages ({@code line 2, column 7}). */
final class Positions {
    private Positions() {
    }

    static String describe(String text, int offset) {
        int line = 1, col = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return "line " + line + ", column " + col;
    }
}
