package org.jdbsp.sql.compiler;

import org.jdbsp.sql.SqlException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small tokenizer for the statements jdbsp parses itself (DDL, which Calcite's core parser does not take):
 * words (unquoted ones folded to lower case), quoted identifiers, numbers, string literals and punctuation,
 * each with its offset in the statement. O(length).
 */
final class Tokens {
    enum Type { WORD, QUOTED, NUMBER, STRING, PUNCT, END }

    record Token(Type type, String text, int offset) {
        boolean is(String word) {
            return (type == Type.WORD || type == Type.PUNCT) && text.equals(word);
        }
    }

    private final String source;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    Tokens(String source) {
        this.source = source;
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && source.charAt(i + 1) == '-') {
                while (i < n && source.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (Character.isLetter(c) || c == '_') {
                int s = i;
                while (i < n && (Character.isLetterOrDigit(source.charAt(i)) || source.charAt(i) == '_'
                        || source.charAt(i) == '$')) i++;
                tokens.add(new Token(Type.WORD, source.substring(s, i).toLowerCase(Locale.ROOT), s));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(source.charAt(i + 1)))) {
                int s = i;
                while (i < n && (Character.isDigit(source.charAt(i)) || source.charAt(i) == '.')) i++;
                tokens.add(new Token(Type.NUMBER, source.substring(s, i), s));
            } else if (c == '"' || c == '\'' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                int s = i;
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) throw new SqlException("unclosed quote at offset " + s);
                    char d = source.charAt(i);
                    if (d == close) {
                        if (close != ']' && i + 1 < n && source.charAt(i + 1) == close) {
                            sb.append(d);
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.append(d);
                    i++;
                }
                tokens.add(new Token(c == '\'' ? Type.STRING : Type.QUOTED, sb.toString(), s));
            } else {
                tokens.add(new Token(Type.PUNCT, String.valueOf(c), i));
                i++;
            }
        }
        tokens.add(new Token(Type.END, "", n));
    }

    String source() {
        return source;
    }

    Token peek() {
        return tokens.get(pos);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(pos);
        if (t.type() != Type.END) pos++;
        return t;
    }

    boolean accept(String word) {
        if (peek().is(word)) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(String word) {
        Token t = next();
        if (!t.is(word)) throw error(t, "expected " + word + " but found " + describe(t));
    }

    /** An identifier: an unquoted word (lower case) or a quoted name (as written). */
    String identifier(String what) {
        Token t = next();
        if (t.type() == Type.WORD || t.type() == Type.QUOTED) return t.text();
        throw error(t, "expected " + what + " but found " + describe(t));
    }

    /** A possibly qualified name ({@code schema.table}); only the last part is kept. */
    String qualifiedName(String what) {
        String name = identifier(what);
        while (accept(".")) name = identifier(what);
        return name;
    }

    int integer(String what) {
        Token t = next();
        if (t.type() != Type.NUMBER) throw error(t, "expected " + what + " but found " + describe(t));
        try {
            return Integer.parseInt(t.text());
        } catch (NumberFormatException e) {
            throw error(t, "expected " + what + " but found " + t.text());
        }
    }

    boolean atEnd() {
        return peek().type() == Type.END;
    }

    /** The source text from token {@code t} to the end. */
    String rest(Token t) {
        return source.substring(t.offset());
    }

    SqlException error(Token t, String message) {
        return new SqlException(Positions.describe(source, t.offset()) + ": " + message);
    }

    static String describe(Token t) {
        return t.type() == Type.END ? "the end of the statement" : "'" + t.text() + "'";
    }
}
