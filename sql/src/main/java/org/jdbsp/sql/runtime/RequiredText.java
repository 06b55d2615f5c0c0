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
        if (regex.contains("(?") || regex.indexOf('\\') >= 0) return null;
        String best = "";
        StringBuilder run = new StringBuilder();
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
                    best = longer(best, run);
                    i = end;
                    break;
                }
                case '{': {
                    // a quantifier: it applies to the character before, which is then not required
                    if (run.length() > 0) run.setLength(run.length() - 1);
                    best = longer(best, run);
                    int end = regex.indexOf('}', i);
                    if (end < 0) return null;
                    i = end;
                    break;
                }
                case '?': case '*': case '+':
                    if (run.length() > 0) run.setLength(run.length() - 1);
                    best = longer(best, run);
                    break;
                case '|':
                    if (depth == 0) return null;
                    best = longer(best, run);
                    break;
                case '(':
                    depth++;
                    best = longer(best, run);
                    break;
                case ')':
                    depth--;
                    best = longer(best, run);
                    break;
                case '.': case '^': case '$': case ']': case '}':
                    best = longer(best, run);
                    break;
                default:
                    if (depth == 0) {
                        run.append(c);
                    } else {
                        best = longer(best, run);
                    }
                    break;
            }
        }
        best = longer(best, run);
        return best.length() >= 2 ? best : null;
    }

    /** The longer of {@code best} and the run, which is emptied. */
    private static String longer(String best, StringBuilder run) {
        String r = run.toString();
        run.setLength(0);
        return r.length() > best.length() ? r : best;
    }
}
