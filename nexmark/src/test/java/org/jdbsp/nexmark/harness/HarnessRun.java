package org.jdbsp.nexmark.harness;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.jdbsp.nexmark.queries.NexmarkQuery;
import org.jdbsp.nexmark.queries.Queries;

/** Runs the harness in-process and captures its exit status, stdout and stderr. */
record HarnessRun(int status, String out, String err) {

    static HarnessRun run(String... args) {
        return run(Queries::byName, args);
    }

    static HarnessRun run(Function<String, NexmarkQuery<?>> resolver, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = new Main(o, e, resolver, false).run(args);
        }
        return new HarnessRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
