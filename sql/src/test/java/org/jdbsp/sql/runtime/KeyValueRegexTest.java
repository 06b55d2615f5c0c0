package org.jdbsp.sql.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key-value matcher finds what {@code java.util.regex} finds, every group included, for random expressions of
 * its shape over random strings (with the key's characters, line terminators, non-ASCII letters and surrogate
 * pairs), and reads no expression of another shape.
 */
class KeyValueRegexTest {
    private static final String[] LEAD_ALTERNATIVES = {"&", "^", "\\?", "a", ";", "=", "\\.", "-"};
    private static final String[] KEY_CHARACTERS = {"a", "b", "=", "&", "\\.", "-", "é", "\\&", " "};
    private static final String[] RUNS = {".", "[^&]", "[a-b]", "[^=&]", "\\d", "\\w", "\\s", "[\\d&]", "[a-]",
            "[-a]", "[^\\w]", "[a-b-1]", "[\\]a]", "[^\\s;]", "[.]", "[a^]", "[^a-b\\-]"};
    private static final String[] TEXT = {"a", "b", "=", "&", ".", "-", "?", ";", "1", " ", "\n", "\r", "é", "\u2028",
            "\u0085", "\uD83D\uDE00", "\uD83D", "c", "]", "_"};

    @Test
    void readsNexmarkQ21sExpression() {
        KeyValueRegex r = KeyValueRegex.parse("(&|^)channel_id=([^&]*)");
        assertNotNull(r);
        assertEquals(2, r.groups());
        assertEquals("123", r.group("https://www.nexmark.com/a/b/c/item.htm?query=1&channel_id=123", 2));
        assertEquals("&", r.group("https://x?query=1&channel_id=123&y=2", 1));
        assertEquals("&channel_id=123", r.group("https://x?query=1&channel_id=123&y=2", 0));
        assertEquals("7", r.group("channel_id=7", 2));
        assertEquals("", r.group("channel_id=7", 1));
        assertNull(r.group("https://x?channel_id=7", 2), "after '?', neither '&' nor the start");
        assertEquals("", r.group("a&channel_id=", 2), "an empty value is a match");
    }

    @Test
    void findsWhatJavaRegexFinds() {
        long seed = 20261207L;
        Random random = new Random(seed);
        for (int p = 0; p < 3000; p++) {
            String regex = randomExpression(random);
            KeyValueRegex mine = KeyValueRegex.parse(regex);
            assertNotNull(mine, regex + " is of the shape (seed " + seed + ")");
            Pattern pattern = Pattern.compile(regex);
            assertEquals(pattern.matcher("").groupCount(), mine.groups(), regex);
            for (int t = 0; t < 200; t++) {
                String s = randomText(random, regex);
                Matcher m = pattern.matcher(s);
                boolean found = m.find();
                for (int g = 0; g <= mine.groups(); g++) {
                    assertEquals(found ? m.group(g) : null, mine.group(s, g),
                            "group " + g + " of " + regex + " in '" + s + "' (seed " + seed + ")");
                }
            }
        }
    }

    @Test
    void readsNoOtherShape() {
        String[] others = {"(?i)a=([^&]*)", "a=([^&]*)x", "(ab|^)k=(.*)", "k=(a*)", "k=([a&&b]*)", "\\bk=(\\d+)",
            "k=(\\p{L}*)", "k=([^&]{2})", "(&|^)k=([^&]*)|z", "k=(x)", "((a)|^)k=(.*)", "([^&]*)", "k=[^&]*",
            "k=(.*?)", "k=([^&]*+)", "(&|^)(k)=(.*)", "k\\d=(.*)", "k=([é]*)", "k=([]a]*)", "k=([^]a]*)", "k=(\\D*)",
            "(&|$)k=(.*)", "k=([a[b]]*)", "k=(.*)$", "k=((.*))"};
        for (String regex : others) {
            Pattern.compile(regex); // valid Java, only not of this shape
            assertNull(KeyValueRegex.parse(regex), regex);
        }
    }

    private static String randomExpression(Random random) {
        StringBuilder s = new StringBuilder();
        switch (random.nextInt(4)) {
            case 0:
                break;
            case 1:
                s.append('^');
                break;
            default: {
                s.append(random.nextBoolean() ? "(" : "(?:");
                int alternatives = 1 + random.nextInt(3);
                for (int i = 0; i < alternatives; i++) {
                    if (i > 0) s.append('|');
                    s.append(LEAD_ALTERNATIVES[random.nextInt(LEAD_ALTERNATIVES.length)]);
                }
                s.append(')');
            }
        }
        int keyLength = 1 + random.nextInt(3);
        for (int i = 0; i < keyLength; i++) s.append(KEY_CHARACTERS[random.nextInt(KEY_CHARACTERS.length)]);
        s.append('(').append(RUNS[random.nextInt(RUNS.length)]).append(random.nextBoolean() ? '*' : '+')
                .append(')');
        return s.toString();
    }

    /** A random string, half the time with a piece of the expression's key or lead in it. */
    private static String randomText(Random random, String regex) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(16);
        String plain = regex.replaceAll("[()\\[\\]\\\\^*+|?:]", "");
        for (int i = 0; i < n; i++) {
            if (random.nextInt(4) == 0 && !plain.isEmpty()) {
                int from = random.nextInt(plain.length());
                s.append(plain, from, Math.min(plain.length(), from + 1 + random.nextInt(4)));
            } else {
                s.append(TEXT[random.nextInt(TEXT.length)]);
            }
        }
        return s.toString();
    }
}
