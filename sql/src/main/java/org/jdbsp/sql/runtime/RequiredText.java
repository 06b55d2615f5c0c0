package org.jdbsp.sql.runtime;

/**
 * The longest run of literal characters that every match of a Java regular expression contains, found without
 * compiling it: characters at the top level (outside groups and classes) of an expression with no top-level
 * alternation, a character followed by a quantifier left out. A string that lacks it cannot match, which
 * {@code String.indexOf} finds faster than the matcher (Nexmark q21's {@code (&|^)channel_id=([^&]*)} scans half
 * of its urls, which carry no {@code channel_id=}). Null when there is none of at least two characters, or the
 * expression uses escapes, inline flags or other constructs this reading does not follow.
 */
final class RequiredText {
    private RequiredText() {
    }

    static String of(String regex) {
        Found f = find(regex);
        return f == null ? null : f.text;
    }

    /**
     * The most characters a match of {@code regex} can have before its required text ({@link #of}), or -1 when
     * there is no required text or no such bound (a {@code *} or {@code +} before it). A matcher may then start
     * looking {@code lead} characters before the first occurrence of the text: no match starts earlier.
     */
    static int lead(String regex) {
        Found f = find(regex);
        return f == null ? -1 : maxLength(regex, 0, f.start);
    }

    /** The required text and where its run starts in the expression. */
    private record Found(String text, int start) {
    }

    private static Found find(String regex) {
        if (regex.contains("(?") || regex.indexOf('\\') >= 0) return null;
        Found best = new Found("", -1);
        StringBuilder run = new StringBuilder();
        int runStart = -1;
        int depth = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            switch (c) {
                case '[': {
                    // a class: skip to its end (a ']' right after '[' or '[^' would be a literal: not followed here)
                    int j = i + 1;
                    if (j < regex.length() && regex.charAt(j) == '^') j++;
                    if (j < regex.length() && regex.charAt(j) == ']') return null;
                    int end = regex.indexOf(']', j);
                    if (end < 0 || regex.indexOf('[', j) >= 0 && regex.indexOf('[', j) < end) return null;
                    best = longer(best, run, runStart);
                    i = end;
                    break;
                }
                case '{': {
                    // a quantifier: it applies to the character before, which is then not required
                    if (run.length() > 0) run.setLength(run.length() - 1);
                    best = longer(best, run, runStart);
                    int end = regex.indexOf('}', i);
                    if (end < 0) return null;
                    i = end;
                    break;
                }
                case '?': case '*': case '+':
                    if (run.length() > 0) run.setLength(run.length() - 1);
                    best = longer(best, run, runStart);
                    break;
                case '|':
                    if (depth == 0) return null;
                    best = longer(best, run, runStart);
                    break;
                case '(':
                    depth++;
                    best = longer(best, run, runStart);
                    break;
                case ')':
                    depth--;
                    best = longer(best, run, runStart);
                    break;
                case '.': case '^': case '$': case ']': case '}':
                    best = longer(best, run, runStart);
                    break;
                default:
                    if (depth == 0) {
                        if (run.length() == 0) runStart = i;
                        run.append(c);
                    } else {
                        best = longer(best, run, runStart);
                    }
                    break;
            }
        }
        best = longer(best, run, runStart);
        return best.text.length() >= 2 ? best : null;
    }

    /**
     * The most characters a match of the sequence {@code regex[from, to)} can take, or -1 when unbounded or not
     * followed (the constructs {@link #find} accepts: literals, {@code .}, classes, anchors, groups with
     * alternatives, {@code ? * + {n,m}} quantifiers, lazy or possessive).
     */
    private static int maxLength(String regex, int from, int to) {
        long total = 0;
        int i = from;
        while (i < to) {
            char c = regex.charAt(i);
            long atom;
            int next;
            if (c == '(') {
                int close = closing(regex, i, to);
                if (close < 0) return -1;
                atom = maxAlternatives(regex, i + 1, close);
                next = close + 1;
            } else if (c == '[') {
                int j = i + 1;
                if (j < to && regex.charAt(j) == '^') j++;
                int end = regex.indexOf(']', j);
                if (end < 0 || end >= to || regex.indexOf('[', j) >= 0 && regex.indexOf('[', j) < end) return -1;
                atom = 1;
                next = end + 1;
            } else if (c == '^' || c == '$') {
                atom = 0;
                next = i + 1;
            } else if (c == ')' || c == '|' || c == '?' || c == '*' || c == '+' || c == '{' || c == ']'
                    || c == '}') {
                return -1;
            } else {
                atom = 1; // a literal or '.'
                next = i + 1;
            }
            if (atom < 0) return -1;
            if (next < to) {
                char q = regex.charAt(next);
                if (q == '*' || q == '+') return -1;
                if (q == '?') {
                    next++;
                } else if (q == '{') {
                    int end = regex.indexOf('}', next);
                    if (end < 0 || end >= to) return -1;
                    String[] bounds = regex.substring(next + 1, end).split(",", -1);
                    try {
                        String max = bounds.length == 1 ? bounds[0] : bounds.length == 2 ? bounds[1] : "";
                        if (max.isEmpty()) return -1;
                        atom *= Integer.parseInt(max);
                    } catch (NumberFormatException e) {
                        return -1;
                    }
                    next = end + 1;
                }
                if (next < to && (regex.charAt(next) == '?' || regex.charAt(next) == '+')
                        && (q == '?' || q == '{')) {
                    next++; // lazy or possessive
                }
            }
            total += atom;
            if (total > Integer.MAX_VALUE) return -1;
            i = next;
        }
        return (int) total;
    }

    /** The most characters any of the alternatives of {@code regex[from, to)} can take, or -1. */
    private static int maxAlternatives(String regex, int from, int to) {
        int best = 0;
        int start = from;
        int depth = 0;
        for (int i = from; i <= to; i++) {
            char c = i < to ? regex.charAt(i) : '|';
            if (c == '[') {
                int end = regex.indexOf(']', i + 1);
                if (end < 0 || end >= to) return -1;
                i = end;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                int len = maxLength(regex, start, i);
                if (len < 0) return -1;
                best = Math.max(best, len);
                start = i + 1;
            }
        }
        return best;
    }

    /** The index of the ')' closing the group opened at {@code open}, classes skipped; -1 if none before {@code to}. */
    private static int closing(String regex, int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            char c = regex.charAt(i);
            if (c == '[') {
                int end = regex.indexOf(']', i + 1);
                if (end < 0) return -1;
                i = end;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The longer of {@code best} and the run, which started at {@code runStart} and is emptied. */
    private static Found longer(Found best, StringBuilder run, int runStart) {
        String r = run.toString();
        run.setLength(0);
        return r.length() > best.text.length() ? new Found(r, runStart) : best;
    }
}
