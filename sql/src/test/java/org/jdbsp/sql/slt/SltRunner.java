package org.jdbsp.sql.slt;

import org.jdbsp.sql.Row;
import org.jdbsp.sql.Rows;
import org.jdbsp.sql.Sql;
import org.jdbsp.sql.SqlOptions;
import org.jdbsp.sql.SqlProgram;
import org.jdbsp.sql.UnsupportedSqlException;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs the records of one sqllogictest file on a fresh {@link SqlProgram}: each applicable {@code statement} is
 * {@link SqlProgram#execute executed}; before each {@code query} the pending changes are {@link SqlProgram#step
 * stepped}, then the query's rows are written, ordered and compared with the expected values or hash.
 *
 * <p>A query passes, fails (an exception, or a wrong result), or is unsupported (an
 * {@link UnsupportedSqlException}). Statements always run (they load the data); with a sample fraction below 1
 * only that fraction of the queries run, chosen by a random generator seeded from the seed and the file's name,
 * so that a run can be repeated. Records guarded by {@code skipif postgresql}, or by {@code onlyif} another
 * database, do not run.
 */
final class SltRunner {
    /** How a query or statement ended. */
    enum Outcome { PASSED, FAILED, UNSUPPORTED }

    /**
     * A failed or unsupported query or statement.
     *
     * @param file      the file's name
     * @param line      the line of the record's keyword
     * @param statement whether it is a statement (else a query)
     * @param sql       the SQL
     * @param outcome   FAILED or UNSUPPORTED
     * @param message   what went wrong: the expected and actual results, or the exception
     * @param cause     a short key grouping failures of the same cause (exception type and message, digits
     *                  replaced, or "wrong result")
     */
    record Failure(String file, int line, boolean statement, String sql, Outcome outcome, String message,
                   String cause) {
    }

    /** Told of every query's outcome and every failure as they happen, from the thread running the file. */
    interface Listener {
        default void query(String file, Outcome outcome) {
        }

        /** A failed or unsupported query or statement. */
        default void failure(Failure failure) {
        }
    }

    /**
     * The counts of one file. Written by the thread running the file; other threads may read it, and may abandon
     * an {@link Attempt} (a query that takes too long): the counts then ignore that attempt from then on.
     */
    static final class FileResult {
        final String file;
        private final int keepFailures;
        private int passed, failed, unsupported;
        private int statementsOk, statementsFailed, statementsUnsupported;
        private int skipped, notSampled;
        private final List<Failure> failures = new ArrayList<>();
        private String error;
        private long nanos;

        FileResult(String file, int keepFailures) {
            this.file = file;
            this.keepFailures = keepFailures;
        }

        synchronized int passed() {
            return passed;
        }

        synchronized int failed() {
            return failed;
        }

        synchronized int unsupported() {
            return unsupported;
        }

        synchronized int queries() {
            return passed + failed + unsupported;
        }

        synchronized int statementsOk() {
            return statementsOk;
        }

        synchronized int statementsFailed() {
            return statementsFailed;
        }

        synchronized int statementsUnsupported() {
            return statementsUnsupported;
        }

        /** Queries not run: guarded by conditions for another database. */
        synchronized int skipped() {
            return skipped;
        }

        /** Queries not chosen by the sample. */
        synchronized int notSampled() {
            return notSampled;
        }

        /** The first failures (queries and statements, failed or unsupported), at most the number kept. */
        synchronized List<Failure> failures() {
            return List.copyOf(failures);
        }

        /** Why the file stopped early or was interrupted (it could not be read, a query timed out), or null. */
        synchronized String error() {
            return error;
        }

        /** The time spent running the file, in seconds. */
        synchronized double seconds() {
            return nanos / 1e9;
        }

        /**
         * Abandons {@code attempt}: the query it runs (if any) counts as failed with {@code reason}, and nothing
         * the attempt does from now on counts. Returns that failure, or null if no query was running.
         */
        synchronized Failure abandon(Attempt attempt, String reason) {
            if (attempt.abandoned) return null;
            attempt.abandoned = true;
            error("line " + attempt.currentLine + ": " + reason);
            if (attempt.currentStart == 0 || attempt.currentKind == Attempt.REPLAY) return null;
            boolean statement = attempt.currentKind == Attempt.STATEMENT;
            if (statement) statementsFailed++; else failed++;
            Failure f = new Failure(file, attempt.currentLine, statement, attempt.currentSql, Outcome.FAILED,
                    reason, reason.startsWith("timed out") ? "timeout" : reason);
            keep(f);
            return f;
        }

        /** Records why the file stopped early (the first reasons are kept). */
        synchronized void error(String message) {
            if (error == null) error = message;
            else if (error.length() < 1000) error += "; " + message;
        }

        synchronized void addNanos(long n) {
            nanos += n;
        }

        /** Sets the time spent on the file (by every attempt, abandoned or not). */
        synchronized void setNanos(long n) {
            nanos = n;
        }

        /** Counts the attempt's current query, unless the attempt was abandoned (which counted it). */
        private synchronized boolean count(Attempt a, Outcome o) {
            if (a.abandoned) return false;
            a.currentStart = 0;
            switch (o) {
                case PASSED: passed++; break;
                case FAILED: failed++; break;
                default: unsupported++;
            }
            return true;
        }

        private synchronized boolean countStatement(Attempt a, Outcome o) {
            if (a.abandoned) return false;
            a.currentStart = 0;
            switch (o) {
                case PASSED: statementsOk++; break;
                case FAILED: statementsFailed++; break;
                default: statementsUnsupported++;
            }
            return true;
        }

        private synchronized void keep(Failure f) {
            if (failures.size() < keepFailures) failures.add(f);
        }

        private synchronized void skip(Attempt a, boolean bySample) {
            if (a.abandoned) return;
            if (bySample) notSampled++; else skipped++;
        }
    }

    /**
     * One run of a file's records. A watchdog may abandon it (see {@link FileResult#abandon}) and start another
     * attempt that {@link #resumeAfter resumes} after the abandoned query: it runs the statements again, to load
     * the same data, without counting them, and the queries after that line.
     */
    static final class Attempt {
        private static final int QUERY = 1, STATEMENT = 2, REPLAY = 3;
        /**
         * The line of the record an earlier attempt was abandoned at, 0 for the first attempt: that record does
         * not run again; the statements before it run again without being counted, the queries before it do not.
         */
        final int resumeAfter;
        private volatile boolean abandoned;
        private volatile int currentKind;
        private volatile int currentLine;
        private volatile String currentSql;
        private volatile long currentStart;

        Attempt(int resumeAfter) {
            this.resumeAfter = resumeAfter;
        }

        boolean abandoned() {
            return abandoned;
        }

        /** The line of the record running now (valid while {@link #currentNanos} is not -1). */
        int currentLine() {
            return currentLine;
        }

        /** How long the current statement or query has run, in nanoseconds, or -1 when none runs. */
        long currentNanos() {
            long start = currentStart;
            return start == 0 ? -1 : System.nanoTime() - start;
        }
    }

    private final SqlOptions options;
    private final double sample;
    private final long seed;
    private final int keepFailures;
    private final Listener listener;

    /**
     * @param sample       the fraction of each file's queries to run, in (0, 1]
     * @param seed         seeds the choice of queries when {@code sample} is below 1
     * @param keepFailures how many failures each {@link FileResult} keeps
     */
    SltRunner(SqlOptions options, double sample, long seed, int keepFailures, Listener listener) {
        if (!(sample > 0 && sample <= 1)) throw new IllegalArgumentException("sample must be in (0, 1]: " + sample);
        this.options = options;
        this.sample = sample;
        this.seed = seed;
        this.keepFailures = keepFailures;
        this.listener = listener == null ? new Listener() { } : listener;
    }

    /** Reads the suite's file {@code name} and runs it. */
    FileResult run(String name) {
        FileResult result = new FileResult(name, keepFailures);
        List<SltRecord> records;
        try {
            records = SltSuite.read(name);
        } catch (RuntimeException e) {
            result.error("cannot read: " + e.getMessage());
            return result;
        }
        run(records, result, new Attempt(0));
        return result;
    }

    /** Runs the records as {@code attempt}, counting into {@code result}. */
    void run(List<SltRecord> records, FileResult result, Attempt attempt) {
        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + result.file.hashCode());
        SqlProgram program;
        try {
            program = Sql.compile("", options);
        } catch (RuntimeException e) {
            result.error("cannot create a program: " + describe(e));
            return;
        }
        try {
            for (SltRecord r : records) {
                if (attempt.abandoned) break;
                // draw for every query, run or not, so that the choice depends on the file alone
                boolean chosen = !(r instanceof SltRecord.Query) || sample >= 1 || random.nextDouble() < sample;
                if (r.line() == attempt.resumeAfter) continue;
                boolean counted = r.line() > attempt.resumeAfter;
                if (!r.appliesTo(SltRecord.DIALECT)) {
                    if (r instanceof SltRecord.Query && counted) result.skip(attempt, false);
                    continue;
                }
                if (r instanceof SltRecord.Halt) break;
                if (r instanceof SltRecord.Statement s) {
                    statement(program, s, result, attempt, counted);
                } else if (r instanceof SltRecord.Query q && counted) {
                    if (chosen) query(program, q, result, attempt); else result.skip(attempt, true);
                }
            }
        } finally {
            try {
                program.close();
            } catch (RuntimeException ignored) {
                // a failing close must not hide the counts
            }
            if (!attempt.abandoned) result.addNanos(System.nanoTime() - start);
        }
    }

    /**
     * A statement as PostgreSQL runners send it: {@code DROP VIEW v} becomes {@code DROP VIEW v CASCADE}, since
     * SQLite drops a view that other views read and PostgreSQL (like jdbsp) refuses unless told to cascade.
     */
    static String forPostgres(String sql) {
        String t = sql.trim();
        if (t.regionMatches(true, 0, "DROP VIEW", 0, 9) && !t.toLowerCase(java.util.Locale.ROOT).endsWith("cascade")) {
            return t + " CASCADE";
        }
        return sql;
    }

    private void statement(SqlProgram program, SltRecord.Statement s, FileResult result, Attempt attempt,
                           boolean counted) {
        attempt.currentLine = s.line();
        attempt.currentSql = s.sql();
        attempt.currentKind = counted ? Attempt.STATEMENT : Attempt.REPLAY;
        attempt.currentStart = System.nanoTime();
        Outcome outcome;
        String message = null;
        String cause = null;
        try {
            program.execute(forPostgres(s.sql()));
            if (s.expectOk()) {
                outcome = Outcome.PASSED;
            } else {
                outcome = Outcome.FAILED;
                message = "the statement succeeded; an error was expected";
                cause = "statement error succeeded";
            }
        } catch (Throwable e) {
            rethrowFatal(e);
            if (!s.expectOk()) {
                outcome = Outcome.PASSED;
            } else {
                outcome = e instanceof UnsupportedSqlException ? Outcome.UNSUPPORTED : Outcome.FAILED;
                message = describe(e);
                cause = causeOf(e);
            }
        }
        if (!counted) {
            attempt.currentStart = 0;
            return;
        }
        if (!result.countStatement(attempt, outcome)) return;
        if (outcome != Outcome.PASSED) {
            Failure f = new Failure(result.file, s.line(), true, s.sql(), outcome, message, cause);
            result.keep(f);
            listener.failure(f);
        }
    }

    private void query(SqlProgram program, SltRecord.Query q, FileResult result, Attempt attempt) {
        attempt.currentLine = q.line();
        attempt.currentSql = q.sql();
        attempt.currentKind = Attempt.QUERY;
        attempt.currentStart = System.nanoTime();
        Outcome outcome;
        String message = null;
        String cause = null;
        try {
            if (program.hasPendingChanges()) {
                try {
                    program.step();
                } catch (RuntimeException e) {
                    if (e instanceof UnsupportedSqlException) throw e;
                    throw new StepFailed(e);
                }
            }
            Rows rows = program.query(q.sql());
            message = check(q, rows);
            outcome = message == null ? Outcome.PASSED : Outcome.FAILED;
            if (message != null) cause = "wrong result";
        } catch (Throwable e) {
            rethrowFatal(e);
            outcome = e instanceof UnsupportedSqlException ? Outcome.UNSUPPORTED : Outcome.FAILED;
            message = describe(e);
            cause = causeOf(e);
        }
        if (!result.count(attempt, outcome)) return;
        if (outcome != Outcome.PASSED) {
            Failure f = new Failure(result.file, q.line(), false, q.sql(), outcome, message, cause);
            result.keep(f);
            listener.failure(f);
        }
        listener.query(result.file, outcome);
    }

    /** Null when {@code rows} is the expected result, else what differs. */
    static String check(SltRecord.Query q, Rows rows) {
        int width = rows.schema().size();
        if (width != q.columns()) {
            return "expected " + q.columns() + " columns (" + q.types() + "), got " + width + " " + rows.schema();
        }
        long total = 0;
        for (int i = 0; i < rows.size(); i++) {
            long w = rows.weight(i);
            if (w <= 0) return "row " + rows.get(i) + " has weight " + w;
            total += w;
        }
        if (total * width != q.expectedCount()) {
            // do not expand a result of the wrong size: it may be huge
            return "expected " + q.expectedCount() + " values, got " + total * width + " (" + total + " rows)"
                    + (total <= 20 ? ": " + values(q, rows) : "");
        }
        return check(q, values(q, rows));
    }

    /** Null when the written values (in the query's order) are the expected result, else what differs. */
    static String check(SltRecord.Query q, List<List<String>> rows) {
        List<String> actual = SltFormat.arrange(rows, q.sort());
        if (q.hashed()) {
            String hash = SltFormat.md5(actual);
            if (actual.size() == q.expectedCount() && hash.equals(q.expectedHash())) return null;
            return "expected " + q.expectedCount() + " values hashing to " + q.expectedHash() + ", got "
                    + actual.size() + " values hashing to " + hash + ": " + abbreviate(actual);
        }
        if (actual.equals(q.expected())) return null;
        return "expected " + abbreviate(q.expected()) + ", got " + abbreviate(actual);
    }

    private static List<List<String>> values(SltRecord.Query q, Rows rows) {
        List<Object[]> list = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Object[] v = new Object[row.size()];
            for (int c = 0; c < v.length; c++) v[c] = row.get(c);
            for (long w = rows.weight(i); w > 0; w--) list.add(v);
        }
        return SltFormat.format(q.types(), list);
    }

    private static String abbreviate(List<String> values) {
        int max = 24;
        if (values.size() <= max) return values.toString();
        return values.subList(0, max).toString().replaceFirst("]$", ", ... (" + values.size() + " values)]");
    }

    /** The exception as a message: its type, message and, for one that is not a SqlException, where it came from. */
    static String describe(Throwable e) {
        StringBuilder s = new StringBuilder();
        Throwable t = e instanceof StepFailed ? e.getCause() : e;
        if (e instanceof StepFailed) s.append("step failed: ");
        s.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        if (!(t instanceof org.jdbsp.sql.SqlException)) {
            StackTraceElement[] st = t.getStackTrace();
            if (st.length > 0) s.append(" at ").append(st[0]);
        }
        for (Throwable c = t.getCause(); c != null && c != t; c = c.getCause()) {
            // a cause whose message the text already holds (wrapped and re-thrown) adds nothing
            String m = c.getMessage();
            if (m == null || !s.toString().contains(m)) {
                s.append("; caused by ").append(c.getClass().getSimpleName()).append(": ").append(m);
            }
            if (c.getCause() == c) break;
        }
        return s.toString();
    }

    /**
     * A short key for grouping failures: the exception's type and message without the statement's position,
     * digits replaced by {@code N}, at most 120 characters.
     */
    static String causeOf(Throwable e) {
        Throwable t = e instanceof StepFailed ? e.getCause() : e;
        String m = t.getMessage() == null ? "" : t.getMessage();
        int nl = m.indexOf('\n');
        if (nl >= 0) m = m.substring(0, nl);
        m = m.replaceAll("^(line \\d+, column \\d+|(line )?\\d+:\\d+): ", "").replaceAll("\\d+", "N");
        String key = (e instanceof StepFailed ? "step: " : "") + t.getClass().getSimpleName() + ": " + m;
        if (!(t instanceof org.jdbsp.sql.SqlException) && t.getStackTrace().length > 0) {
            StackTraceElement top = t.getStackTrace()[0];
            key += " at " + top.getClassName().replaceAll(".*\\.", "") + "." + top.getMethodName();
        }
        return key.length() > 120 ? key.substring(0, 117) + "..." : key;
    }

    private static void rethrowFatal(Throwable e) {
        if (e instanceof OutOfMemoryError || e instanceof InternalError || e instanceof ThreadDeath) {
            throw (Error) e;
        }
    }

    /** A step before a query failed: reported as that query's failure. */
    private static final class StepFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StepFailed(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
