package org.jdbsp.sql.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * A regular expression of the shape that pulls a value out of a query string or a log line, matched without a
 * regular-expression engine: an optional <em>lead</em> ({@code ^}, or a group of one-character alternatives and
 * {@code ^}, such as {@code (&|^)}), a literal key ({@code channel_id=}), and a last group that takes a run of
 * one character class ({@code ([^&]*)}, {@code (\d+)}, {@code (.*)}). Nexmark q21's
 * {@code (&|^)channel_id=([^&]*)} is one.
 *
 * <p>It finds what {@link java.util.regex.Matcher#find()} finds, the same groups included: the leftmost start
 * whose alternatives, tried in order, lead to a match; the run greedy, so the longest (nothing follows it to
 * backtrack for). A match must contain the key, so only the one or two starts next to each occurrence of the key
 * ({@code String.indexOf}) are tried. Cost: one {@code indexOf} and a scan of the run, about a third of
 * {@code java.util.regex}'s time for q21's expression; no allocation but the group's substring.
 *
 * <p>{@link #parse} accepts only this shape, in a plain spelling (no inline flags, no Unicode classes, ASCII class
 * members), and returns null for anything else, which the caller then hands to {@code java.util.regex}.
 */
final class KeyValueRegex {
    /** A lead alternative that matches no character, only at the start of the input ({@code ^}). */
    private static final char AT_START = '\uFFFF';

    /** The lead's alternatives in order: a character it consumes, or {@link #AT_START}; empty without a lead. */
    private final char[] lead;
    /** Whether the lead is a capturing group (group 1, the value's group then 2). */
    private final boolean leadCaptures;
    private final String key;
    /** Which ASCII characters the run takes. */
    private final boolean[] ascii;
    /** Whether the run takes characters from U+0080 up (but {@link #notDot}'s when {@link #dot}). */
    private final boolean others;
    /** Whether the class is {@code .}: line terminators above ASCII excluded. */
    private final boolean dot;
    /** Whether the run must take at least one character ({@code +}). */
    private final boolean atLeastOne;
    /** Whether every match starts at the input's start (the lead is only {@code ^}). */
    private final boolean onlyAtStart;
    /** How many characters a match may have before its key: 1 with a lead character, else 0. */
    private final int maxLead;

    private KeyValueRegex(char[] lead, boolean leadCaptures, String key, boolean[] ascii, boolean others,
            boolean dot, boolean atLeastOne) {
        this.lead = lead;
        this.leadCaptures = leadCaptures;
        this.key = key;
        this.ascii = ascii;
        this.others = others;
        this.dot = dot;
        this.atLeastOne = atLeastOne;
        boolean startOnly = lead.length > 0;
        for (char c : lead) startOnly &= c == AT_START;
        this.onlyAtStart = startOnly;
        this.maxLead = lead.length == 0 || startOnly ? 0 : 1;
    }

    /** The number of capturing groups. */
    int groups() {
        return leadCaptures ? 2 : 1;
    }

    /**
     * Group {@code group} (0: the whole match) of the leftmost match in {@code s}, or null when there is none.
     *
     * @param group from 0 to {@link #groups()}
     */
    String group(String s, int group) {
        int n = s.length();
        int checked = -1; // starts up to here were tried
        for (int from = 0; ; ) {
            int k = s.indexOf(key, from);
            if (k < 0 || (onlyAtStart && k > 0)) return null;
            for (int p = Math.max(k - maxLead, checked + 1); p <= k; p++) {
                checked = p;
                String found = at(s, n, p, group);
                if (found != null) return found;
            }
            from = k + 1;
        }
    }

    /**
     * The group of the match starting at {@code p}, the lead's alternatives tried in order, or null when none
     * leads to one. Returns {@code ""} rather than null for an empty group: a match was found.
     */
    private String at(String s, int n, int p, int group) {
        if (lead.length == 0) return run(s, n, p, p, group);
        for (char alt : lead) {
            int q;
            if (alt == AT_START) {
                if (p != 0) continue;
                q = 0;
            } else {
                if (p >= n || s.charAt(p) != alt) continue;
                q = p + 1;
            }
            String found = run(s, n, p, q, group);
            if (found != null) return found;
        }
        return null;
    }

    /** The group of a match starting at {@code p} whose key starts at {@code q}, or null when there is none. */
    private String run(String s, int n, int p, int q, int group) {
        if (!s.startsWith(key, q)) return null;
        int r = q + key.length();
        int e = r;
        while (e < n && takes(s.charAt(e))) e++;
        if (atLeastOne && e == r) return null;
        if (group == 0) return s.substring(p, e);
        if (leadCaptures && group == 1) return s.substring(p, q);
        return s.substring(r, e);
    }

    private boolean takes(char c) {
        if (c < 128) return ascii[c];
        if (dot) return c != '\u0085' && c != '\u2028' && c != '\u2029';
        return others;
    }

    /** The expression read as this shape, or null when it is not one (or uses a spelling this does not read). */
    static KeyValueRegex parse(String regex) {
        try {
            return new Reader(regex).read();
        } catch (IllegalArgumentException notThisShape) {
            return null;
        }
    }

    /** A one-pass reader of the accepted grammar; throws IllegalArgumentException at the first thing outside it. */
    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        KeyValueRegex read() {
            List<Character> lead = new ArrayList<>();
            boolean leadCaptures = false;
            if (peek('^')) {
                at++;
                lead.add(AT_START);
            } else if (peek('(') && !isValueGroupAt(at)) {
                at++;
                if (peek('?')) {
                    expect('?');
                    expect(':');
                } else {
                    leadCaptures = true;
                }
                do {
                    if (peek('^')) {
                        at++;
                        lead.add(AT_START);
                    } else {
                        lead.add(literal());
                    }
                } while (accept('|'));
                expect(')');
            }
            StringBuilder key = new StringBuilder();
            while (!peek('(')) key.append(literal());
            if (key.length() == 0) fail();
            expect('(');
            boolean[] ascii = new boolean[128];
            boolean others = false;
            boolean dot = false;
            if (accept('.')) {
                dot = true;
                for (int c = 0; c < 128; c++) ascii[c] = c != '\n' && c != '\r';
                others = true;
            } else if (accept('[')) {
                boolean negated = accept('^');
                boolean any = false;
                while (!accept(']')) {
                    classItem(ascii);
                    any = true;
                }
                if (!any) fail();
                if (negated) {
                    for (int c = 0; c < 128; c++) ascii[c] = !ascii[c];
                    others = true;
                }
            } else if (peek('\\')) {
                shorthand(ascii);
            } else {
                fail();
            }
            boolean atLeastOne;
            if (accept('*')) {
                atLeastOne = false;
            } else if (accept('+')) {
                atLeastOne = true;
            } else {
                throw fail();
            }
            expect(')');
            if (at != text.length()) fail();
            char[] alts = new char[lead.size()];
            for (int i = 0; i < alts.length; i++) alts[i] = lead.get(i);
            return new KeyValueRegex(alts, leadCaptures, key.toString(), ascii, others, dot, atLeastOne);
        }

        /** Whether the group opening at {@code i} is the value's group (the key is then empty). */
        private boolean isValueGroupAt(int i) {
            int close = text.indexOf(')', i);
            return close == text.length() - 1;
        }

        /** One literal character outside a class: a plain character, or a backslash and a punctuation mark. */
        private char literal() {
            if (at >= text.length()) throw fail();
            char c = text.charAt(at++);
            if (c == '\\') return escaped();
            if ("^$.|?*+()[]{}".indexOf(c) >= 0 || Character.isSurrogate(c)) throw fail();
            return c;
        }

        /** The character after a backslash: an ASCII character that is not a letter or a digit, taken as it is. */
        private char escaped() {
            if (at >= text.length()) throw fail();
            char c = text.charAt(at++);
            if (c >= 128 || Character.isLetterOrDigit(c)) throw fail();
            return c;
        }

        /** One member of a class: an ASCII character, a range of them, or {@code \d}, {@code \w}, {@code \s}. */
        private void classItem(boolean[] ascii) {
            if (peek('\\') && at + 1 < text.length() && Character.isLetter(text.charAt(at + 1))) {
                shorthand(ascii);
                return;
            }
            char from = classChar();
            if (peek('-') && at + 1 < text.length() && text.charAt(at + 1) != ']') {
                at++;
                char to = classChar();
                if (to < from) throw fail();
                for (char c = from; c <= to; c++) ascii[c] = true;
            } else {
                ascii[from] = true;
            }
        }

        private char classChar() {
            if (at >= text.length()) throw fail();
            char c = text.charAt(at++);
            if (c == '\\') return escaped();
            if (c == '[' || c == ']' || (c == '&' && peek('&'))) {
                throw fail(); // a nested class, an empty one, or an intersection
            }
            if (c >= 128) throw fail();
            return c;
        }

        /** {@code \d}, {@code \w} or {@code \s}: their ASCII meaning, Java's without UNICODE_CHARACTER_CLASS. */
        private void shorthand(boolean[] ascii) {
            expect('\\');
            if (at >= text.length()) throw fail();
            char c = text.charAt(at++);
            String members;
            switch (c) {
                case 'd': members = "0123456789"; break;
                case 'w': members = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_"; break;
                case 's': members = " \t\n\u000B\f\r"; break;
                default: throw fail();
            }
            for (int i = 0; i < members.length(); i++) ascii[members.charAt(i)] = true;
        }

        private boolean peek(char c) {
            return at < text.length() && text.charAt(at) == c;
        }

        private boolean accept(char c) {
            if (!peek(c)) return false;
            at++;
            return true;
        }

        private void expect(char c) {
            if (!accept(c)) fail();
        }

        private static IllegalArgumentException fail() {
            throw new IllegalArgumentException("not a key-value expression");
        }
    }
}
