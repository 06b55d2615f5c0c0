package org.jdbsp.sql.cli;

import org.jdbsp.sql.SqlOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code bin/sql}, parsed.
 *
 * @param sql         how the program runs: incremental or naive, on how many workers
 * @param sources     the scripts to run, in the order given: files and {@code -e} strings
 * @param interactive whether to read standard input after the scripts (always so when there are none)
 * @param echo        whether to print each statement before its output
 * @param debug       whether an internal error prints its stack trace
 * @param help        whether {@code --help} was asked for
 */
public record ShellOptions(SqlOptions sql, List<Source> sources, boolean interactive, boolean echo, boolean debug,
        boolean help) {
    /** The usage text {@code bin/sql --help} prints. */
    public static final String USAGE = """
            usage: bin/sql [options] [FILE.sql ...]

            Runs SQL on jdbsp, an incremental view maintenance engine: tables take changes, views are kept up to
            date step by step. With no FILE and no -e, reads statements from standard input: an interactive prompt
            (jdbsp> ) on a terminal, a plain script when piped.

            options:
              -e, --execute SQL   run the statements SQL; repeatable, runs in order with the FILEs
              -i, --interactive   read standard input after the FILEs and -e strings
              --naive             recompute every view from the tables at each step (the reference) instead of
                                  maintaining it incrementally
              --workers N         run the circuit on N worker threads (default 1)
              --echo              print each statement, followed by its semicolon, before its output
              --debug             print the stack trace of an internal error
              -h, --help          print this help

            A FILE or -e string stops at its first error (like psql -v ON_ERROR_STOP=1) and bin/sql exits with
            status 1. Standard input goes on after an error and exits with status 1 at the end if any statement
            failed. Errors go to standard error as one line: error: line L, column C: message (lines count from
            the start of the FILE, the -e string or standard input). Status 2: a bad option or an unreadable FILE.
            Input and output are UTF-8. bin/sql builds what it needs on first use; JAVA_OPTS sets the JVM's
            options (default: -XX:TieredStopAtLevel=1 -XX:+UseSerialGC, quick to start).

            """ + Shell.HELP;

    public ShellOptions {
        sources = List.copyOf(sources);
    }

    /** A script to run: a file's path or the text given to {@code -e}. */
    public record Source(boolean file, String value) {
        /** A file to read. */
        public static Source file(String path) {
            return new Source(true, path);
        }

        /** Statements given on the command line. */
        public static Source text(String sql) {
            return new Source(false, sql);
        }
    }

    /** A command line that cannot be understood. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Parses {@code args}.
     *
     * @throws UsageException for an unknown option, a missing or bad option value
     */
    public static ShellOptions parse(String... args) throws UsageException {
        boolean naive = false, interactive = false, echo = false, debug = false, help = false;
        int workers = 1;
        List<Source> sources = new ArrayList<>();
        boolean options = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!options || !a.startsWith("-")) {
                sources.add(Source.file(a));
                continue;
            }
            String name = a, value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            switch (name) {
                case "--":
                    options = false;
                    break;
                case "-e":
                case "--execute":
                    if (value == null) value = next(args, ++i, name);
                    sources.add(Source.text(value));
                    break;
                case "--workers":
                    if (value == null) value = next(args, ++i, name);
                    try {
                        workers = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new UsageException("--workers takes a number, got '" + value + "'");
                    }
                    if (workers < 1) throw new UsageException("--workers must be at least 1, got " + workers);
                    break;
                case "--naive":
                    naive = flag(name, value);
                    break;
                case "-i":
                case "--interactive":
                    interactive = flag(name, value);
                    break;
                case "--echo":
                    echo = flag(name, value);
                    break;
                case "--debug":
                    debug = flag(name, value);
                    break;
                case "-h":
                case "--help":
                    help = flag(name, value);
                    break;
                default:
                    throw new UsageException("unknown option " + a);
            }
        }
        SqlOptions sql = (naive ? SqlOptions.naive() : SqlOptions.incremental()).withWorkers(workers);
        return new ShellOptions(sql, sources, interactive || sources.isEmpty(), echo, debug, help);
    }

    private static String next(String[] args, int i, String name) throws UsageException {
        if (i >= args.length) throw new UsageException(name + " needs a value");
        return args[i];
    }

    private static boolean flag(String name, String value) throws UsageException {
        if (value != null) throw new UsageException(name + " takes no value");
        return true;
    }
}
