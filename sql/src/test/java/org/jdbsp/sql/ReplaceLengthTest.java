package org.jdbsp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code CHAR_LENGTH(REPLACE(s, t, ''))}, which the compiler computes without making the replaced string, equals
 * Java's {@code s.replace(t, "").length()} for overlapping and repeated patterns, patterns of one and several
 * characters, empty strings, text outside Latin-1 and NULL; a REPLACE with another replacement is computed as
 * before.
 */
class ReplaceLengthTest {
    @Test
    void equalsTheLengthOfTheReplacedString() {
        long seed = 8812L;
        Random r = new Random(seed);
        List<String> texts = new ArrayList<>(List.of("", "c", "cc", "ccc", "aaa", "aaaa", "abcabc", "cacbcc", "xyz",
                "ÿcçc", "日本c語c"));
        String letters = "acbç日";
        for (int i = 0; i < 200; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = r.nextInt(30); n > 0; n--) b.append(letters.charAt(r.nextInt(letters.length())));
            texts.add(b.toString());
        }
        try (SqlProgram p = Sql.compile("""
                CREATE TABLE t (id INT NOT NULL, s VARCHAR);
                CREATE VIEW v AS SELECT id, CHAR_LENGTH(REPLACE(s, 'c', '')) AS c1,
                    CHARACTER_LENGTH(REPLACE(s, 'aa', '')) AS a2, CHAR_LENGTH(REPLACE(s, 'çb', '')) AS u2,
                    CHAR_LENGTH(REPLACE(s, 'c', 'xy')) AS grown FROM t;
                """)) {
            for (int i = 0; i < texts.size(); i++) p.table("t").insert(i, texts.get(i));
            p.table("t").insert(-1, null);
            p.step();
            Rows rows = p.view("v").contents();
            assertEquals(texts.size() + 1, rows.size());
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                int id = ((Number) row.get(0)).intValue();
                String s = id < 0 ? null : texts.get(id);
                String at = "'" + s + "' (seed " + seed + ")";
                assertEquals(s == null ? null : s.replace("c", "").length(), row.get(1), at);
                assertEquals(s == null ? null : s.replace("aa", "").length(), row.get(2), at);
                assertEquals(s == null ? null : s.replace("çb", "").length(), row.get(3), at);
                assertEquals(s == null ? null : s.replace("c", "xy").length(), row.get(4), at);
            }
        }
    }
}
