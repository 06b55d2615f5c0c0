package org.jdbsp.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Stream;

/** A join by nested loops, the reference the join tests compare views of "(left id, right id)" rows with. */
final class NestedLoopJoin {
    private NestedLoopJoin() {
    }

    /**
     * The rows of {@code type} (INNER, LEFT, RIGHT, FULL) join of {@code as} and {@code bs} on {@code on}, one line
     * per copy, "(aid, bid)" with NULL for a padded side, sorted.
     */
    static <A, B> List<String> rows(String type, List<A> as, List<B> bs, BiPredicate<A, B> on,
                                    Function<A, Object> aid, Function<B, Object> bid) {
        List<String> out = new ArrayList<>();
        boolean[] bMatched = new boolean[bs.size()];
        for (A a : as) {
            boolean matched = false;
            for (int j = 0; j < bs.size(); j++) {
                if (on.test(a, bs.get(j))) {
                    out.add("(" + aid.apply(a) + ", " + bid.apply(bs.get(j)) + ")");
                    matched = true;
                    bMatched[j] = true;
                }
            }
            if (!matched && (type.equals("LEFT") || type.equals("FULL"))) out.add("(" + aid.apply(a) + ", NULL)");
        }
        if (type.equals("RIGHT") || type.equals("FULL")) {
            for (int j = 0; j < bs.size(); j++) if (!bMatched[j]) out.add("(NULL, " + bid.apply(bs.get(j)) + ")");
        }
        out.sort(null);
        return out;
    }

    /** A view's line "row xN" as N lines "row". */
    static Stream<String> expand(String line) {
        int x = line.lastIndexOf(" x");
        return Collections.nCopies(Integer.parseInt(line.substring(x + 2)), line.substring(0, x)).stream();
    }
}
