package org.jdbsp.sql.slt;

import org.jdbsp.sql.slt.SltRunner.FileResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sqllogictest regression floor: runs the fixed CI subset ({@link SltCi#SUBSET}: all of select1.test and the
 * evidence files, a seeded 1-2% of a dozen others) and checks that every file passes at least as many queries as
 * {@code src/test/resources/slt/baseline.json} says. To raise the baseline after an improvement run
 * {@code bin/slt --ci --write-baseline} (or this test with {@code -Dslt.writeBaseline=true}) and commit the file.
 */
class SltConformanceTest {
    @Test
    void ciSubsetPassesAtLeastTheBaseline() {
        long start = System.nanoTime();
        List<FileResult> results = SltCi.run(System.out, 60);
        long passed = 0, queries = 0;
        for (FileResult r : results) {
            passed += r.passed();
            queries += r.queries();
        }
        System.out.printf(java.util.Locale.ROOT, "slt: %d of %d queries of the CI subset passed in %.1f s%n", passed,
                queries, (System.nanoTime() - start) / 1e9);
        if (Boolean.getBoolean("slt.writeBaseline")) {
            System.out.println("slt: baseline written: " + SltCi.writeBaseline(results));
            return;
        }
        Map<String, Integer> baseline = SltCi.readBaseline();
        List<String> improvements = SltCi.improvements(results, baseline);
        if (!improvements.isEmpty()) {
            System.out.println("slt: above the baseline (raise it with bin/slt --ci --write-baseline):");
            for (String s : improvements) System.out.println("  " + s);
        }
        List<String> regressions = SltCi.regressions(results, baseline);
        assertTrue(regressions.isEmpty(), "sqllogictest files below their baseline:\n  "
                + String.join("\n  ", regressions));
    }
}
