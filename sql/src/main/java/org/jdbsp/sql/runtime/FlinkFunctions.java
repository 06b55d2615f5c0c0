package org.jdbsp.sql.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Functions of Flink SQL that streaming texts (the Nexmark queries among them) use and standard SQL lacks,
 * registered in every program's schema as {@code SPLIT_INDEX}, {@code REGEXP_EXTRACT} and {@code DATE_FORMAT}.
 * Called by generated code; NULL in, NULL out. Cost: one pass over the string; a regular expression or a date
 * pattern is compiled once per distinct pattern (kept in a small shared cache), and each thread remembers its
 * last {@code REGEXP_EXTRACT}, which a row's condition and columns often both compute. An expression that pulls
 * a value after a literal key ({@code (&|^)channel_id=([^&]*)}) is matched without the regex engine
 * ({@link KeyValueRegex}).
 */
public final class FlinkFunctions {
    private static final int MAX_PATTERNS = 256;
    private static final Map<String, Regex> PATTERNS = new ConcurrentHashMap<>();

    /**
     * A compiled expression, its number of groups, the text every match contains and the most characters a match
     * has before it, or -1 ({@link RequiredText}), and its matcher without a regex engine when it has the shape of
     * one ({@link KeyValueRegex}), else null.
     */
    private record Regex(Pattern pattern, int groups, String required, int lead, KeyValueRegex keyValue) {
    }
    private static final Map<String, DatePattern> FORMATS = new ConcurrentHashMap<>();

    private FlinkFunctions() {
    }

    /**
     * {@code SPLIT_INDEX(s, delimiter, index)}: the {@code index}-th (from 0) piece of {@code s} split at every
     * occurrence of {@code delimiter}, empty pieces kept ({@code https://host/a} is {@code https:}, {@code ""},
     * {@code host}, {@code a}); NULL when there are not that many pieces, when {@code s} is empty or the
     * delimiter is, or for a negative index.
     */
    public static String splitIndex(String s, String delimiter, Integer index) {
        if (s == null || delimiter == null || index == null || s.isEmpty() || delimiter.isEmpty() || index < 0) {
            return null;
        }
        int start = 0;
        for (int i = 0; i < index; i++) {
            int at = s.indexOf(delimiter, start);
            if (at < 0) {
                return null;
            }
            start = at + delimiter.length();
        }
        int end = s.indexOf(delimiter, start);
        return s.substring(start, end < 0 ? s.length() : end);
    }

    /**
     * {@code REGEXP_EXTRACT(s, regex, group)}: group {@code group} of the leftmost match of the Java regular
     * expression {@code regex} in {@code s}; NULL when nothing matches, the group did not take part, or an
     * argument is NULL.
     *
     * @throws IllegalArgumentException for an invalid expression or a group it does not have
     */
    public static String regexpExtract(String s, String regex, Integer group) {
        if (s == null || regex == null || group == null) {
            return null;
        }
        LastExtract last = LAST_EXTRACT.get();
        if (last.s == s && last.regex == regex && last.group == group) {
            return last.result; // the same row's value again (a view that filters on it and projects it)
        }
        Regex r = PATTERNS.get(regex);
        if (r == null) {
            Pattern p = Pattern.compile(regex);
            int groups = p.matcher("").groupCount();
            KeyValueRegex keyValue = KeyValueRegex.parse(regex);
            r = new Regex(p, groups, RequiredText.of(regex), RequiredText.lead(regex),
                    keyValue != null && keyValue.groups() == groups ? keyValue : null);
            if (PATTERNS.size() < MAX_PATTERNS) {
                PATTERNS.put(regex, r);
            }
        }
        if (group < 0 || group > r.groups()) {
            throw new IllegalArgumentException("REGEXP_EXTRACT: the expression " + regex + " has no group " + group);
        }
        String result;
        if (r.keyValue() != null) {
            result = r.keyValue().group(s, group);
        } else {
            result = engineExtract(r, s, group, last);
        }
        last.s = s;
        last.regex = regex;
        last.group = group;
        last.result = result;
        return result;
    }

    /** {@link #regexpExtract} by {@code java.util.regex}, with the thread's matcher of {@code last}. */
    private static String engineExtract(Regex r, String s, int group, LastExtract last) {
        String result;
        int at = r.required() == null ? -1 : s.indexOf(r.required());
        if (r.required() != null && at < 0) {
            result = null; // no match can lack it
        } else {
            Matcher m = last.matcher;
            if (m == null || m.pattern() != r.pattern()) {
                m = r.pattern().matcher(s);
                last.matcher = m; // kept for the next call with this expression: reset, not made again
            } else {
                m.reset(s);
            }
            if (r.lead() >= 0 && at > r.lead()) {
                // no match starts before: look from there (anchors and lookbehind still see the whole string)
                m.useTransparentBounds(true).useAnchoringBounds(false).region(at - r.lead(), s.length());
            }
            result = m.find() ? m.group(group) : null;
        }
        return result;
    }

    /**
     * Each thread's last {@code REGEXP_EXTRACT}, by the identity of its string and expression: generated code
     * evaluates a view's condition and its columns separately, so a view that filters on an extraction and
     * returns it (Nexmark q21) would otherwise match each row twice.
     */
    private static final ThreadLocal<LastExtract> LAST_EXTRACT = ThreadLocal.withInitial(LastExtract::new);

    private static final class LastExtract {
        String s;
        String regex;
        int group = -1;
        String result;
        /** The thread's last matcher (of its last expression); a reset keeps its group arrays. */
        Matcher matcher;
    }

    /**
     * {@code DATE_FORMAT(ts, pattern)}: the TIMESTAMP {@code ts} as text in the {@link java.time.format.DateTimeFormatter} pattern
     * {@code pattern} ({@code 'yyyy-MM-dd'}, {@code 'HH:mm'}; for these the letters mean what they mean in Flink's
     * {@code SimpleDateFormat}). A TIMESTAMP has no time zone: its fields are written as they are.
     *
     * @param ts the value as Calcite's generated code passes a TIMESTAMP to a function
     * @throws IllegalArgumentException for a pattern that is not valid
     */
    public static String dateFormat(java.sql.Timestamp ts, String pattern) {
        if (ts == null || pattern == null) {
            return null;
        }
        // the inverse of the conversion the generated code applied to the internal value (epoch millis of the
        // fields read as UTC)
        return dateFormatMillis(org.apache.calcite.runtime.SqlFunctions.toLong(ts), pattern);
    }

    /**
     * {@link #dateFormat} of a TIMESTAMP given as it is held, {@code ms} milliseconds after 1970-01-01 00:00:00
     * (no time zone): what generated code calls for a NOT NULL TIMESTAMP.
     */
    public static String dateFormatMillis(long ms, String pattern) {
        if (pattern == null) {
            return null;
        }
        DatePattern f = FORMATS.get(pattern);
        if (f == null) {
            try {
                f = DatePattern.of(pattern);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("DATE_FORMAT: '" + pattern + "' is not a valid date pattern: "
                        + e.getMessage());
            }
            if (FORMATS.size() < MAX_PATTERNS) {
                FORMATS.put(pattern, f);
            }
        }
        return f.format(ms);
    }
}
