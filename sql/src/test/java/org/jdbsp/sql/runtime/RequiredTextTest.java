package org.jdbsp.sql.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text every match contains: what it finds in the expressions streaming queries use, nothing where a
 * construct makes it unsure, and never a text that some match lacks (random strings against the matcher).
 */
class RequiredTextTest {
    private static final String[] PATTERNS = {"(&|^)channel_id=([^&]*)", "abc", "a(b|c)d", "x|yz", "ab?cd", "a{2}bcd",
            "[a-z]+=(b+)", "(?i)abc", "a.bc", "foo(bar)?baz", "^id=([a-c]+)$", "ab{1,2}cd", "a*bcd", "(ab)*cd",
            "(a|b)c=", "[^=]*=cd", "abc+", "a+?bc", "c=(a|b|)&", "(xy|[a-c]{1,3}z?)?cd=(.)", "^(a|bb)cd(x*)",
            "(&|^)id=([^&]*)", "a??x{0,2}?cd(.?)", "(a|)(b|c)?fo"};

    @Test
    void findsTheLiteralRunsOfTheTopLevel() {
        assertEquals("channel_id=", RequiredText.of("(&|^)channel_id=([^&]*)"));
        assertEquals("abc", RequiredText.of("abc"));
        assertEquals("cd", RequiredText.of("ab?cd"));
        assertEquals("foo", RequiredText.of("foo(bar)?baz"));
        assertEquals("id=", RequiredText.of("^id=([a-c]+)$"));
        assertNull(RequiredText.of("x|yz"), "top-level alternation");
        assertNull(RequiredText.of("(?i)abc"), "inline flags");
        assertNull(RequiredText.of("a\\.bc"), "escapes");
        assertNull(RequiredText.of("a"), "too short to help");
        assertEquals(1, RequiredText.lead("(&|^)channel_id=([^&]*)"));
        assertEquals(0, RequiredText.lead("abc"));
        assertEquals(2, RequiredText.lead("ab?cd"));
        assertEquals(2, RequiredText.lead("a{2}bcd"));
        assertEquals(4, RequiredText.lead("(xy|[a-c]{1,3}z?)?cd="));
        assertEquals(-1, RequiredText.lead("a*bcd"), "unbounded");
        assertEquals(-1, RequiredText.lead("(ab)+cd"), "unbounded");
        assertEquals(-1, RequiredText.lead("a{2,}bcd"), "unbounded");
        assertEquals(-1, RequiredText.lead("x|yz"), "no required text");
    }

    @Test
    void noMatchLacksIt() {
        long seed = 71207L;
        Random r = new Random(seed);
        String alphabet = "abcdxyz=&_ifoorchnel";
        for (String regex : PATTERNS) {
            String required = RequiredText.of(regex);
            Pattern p = Pattern.compile(regex);
            for (int i = 0; i < 3000; i++) {
                StringBuilder sb = new StringBuilder();
                int n = r.nextInt(16);
                for (int k = 0; k < n; k++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
                if (r.nextInt(3) == 0 && required != null) sb.insert(r.nextInt(sb.length() + 1), required);
                if (r.nextInt(4) == 0) sb.insert(r.nextInt(sb.length() + 1), regex.replaceAll("[^a-z=&_]", ""));
                String s = sb.toString();
                Matcher m = p.matcher(s);
                if (m.find() && required != null) {
                    assertTrue(m.group().contains(required), regex + " matched '" + m.group() + "' in '" + s
                            + "' without '" + required + "' (seed " + seed + ")");
                }
                Matcher whole = p.matcher(s);
                assertEquals(whole.find() ? whole.group() : null, FlinkFunctions.regexpExtract(s, regex, 0),
                        regex + " on '" + s + "' (seed " + seed + ")");
                if (p.matcher("").groupCount() >= 1) {
                    String expected = p.matcher(s).find() ? firstGroup(p, s) : null;
                    assertEquals(expected, FlinkFunctions.regexpExtract(s, regex, 1), regex + " on '" + s + "'");
                }
            }
        }
    }

    private static String firstGroup(Pattern p, String s) {
        Matcher m = p.matcher(s);
        m.find();
        return m.group(1);
    }
}
