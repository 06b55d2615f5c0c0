package org.jdbsp.sql.cli;

import java.io.BufferedOutputStream;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bin/sql}: runs SQL scripts ({@code bin/sql FILE.sql}, {@code bin/sql -e "SQL"}) or an interactive prompt
 * ({@code bin/sql}) on one jdbsp {@link org.jdbsp.sql.SqlProgram}. {@link #run} does the work on given streams;
 * {@link #main} binds it to the process's and exits with its status. See {@link ShellOptions#USAGE}.
 */
public final class SqlShell {
    /** Exit status: every statement ran. */
    public static final int OK = 0;
    /** Exit status: a statement failed. */
    public static final int FAILED = 1;
    /** Exit status: a bad command line or an unreadable file. */
    public static final int USAGE = 2;

    private SqlShell() {
    }

    /** Runs {@code bin/sql} on the process's standard streams (UTF-8) and exits with {@link #run}'s status. */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        Reader in = new InputStreamReader(System.in, StandardCharsets.UTF_8);
        quietSlf4j();
        int status = run(args, in, isTerminal(System.console()), out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /**
     * Runs the command line {@code args}: the files and {@code -e} strings in order, each stopping at its first
     * error, then (when there are none, or with {@code -i}) the lines of {@code stdin}, going on after errors;
     * {@code terminal} says whether to prompt.
     *
     * @return {@link #OK}, {@link #FAILED} when a statement failed, {@link #USAGE} for a bad command line or an
     *         unreadable file
     */
    public static int run(String[] args, Reader stdin, boolean terminal, PrintStream out, PrintStream err) {
        ShellOptions options;
        try {
            options = ShellOptions.parse(args);
        } catch (ShellOptions.UsageException e) {
            err.println("bin/sql: " + e.getMessage() + " (bin/sql --help lists the options)");
            return USAGE;
        }
        if (options.help()) {
            out.print(ShellOptions.USAGE);
            out.flush();
            return OK;
        }
        try (Shell shell = new Shell(options, out, err)) {
            for (ShellOptions.Source source : options.sources()) {
                String script;
                if (source.file()) {
                    try {
                        script = Files.readString(Path.of(source.value()), StandardCharsets.UTF_8);
                    } catch (IOException | UncheckedIOException | java.nio.file.InvalidPathException e) {
                        out.flush();
                        err.println("bin/sql: cannot read " + source.value() + ": " + describe(e));
                        return USAGE;
                    }
                } else {
                    script = source.value();
                }
                if (!shell.runScript(script)) return FAILED;
                if (shell.quitRequested()) return OK;
            }
            if (!options.interactive()) return OK;
            if (terminal) {
                out.println("jdbsp SQL shell: statements end with ';', HELP; lists the commands, QUIT; leaves.");
            }
            boolean ok;
            try {
                ok = shell.runInput(stdin, terminal);
            } catch (IOException e) {
                out.flush();
                err.println("bin/sql: cannot read standard input: " + describe(e));
                return FAILED;
            }
            if (terminal && !shell.quitRequested()) out.println();
            return ok ? OK : FAILED;
        } finally {
            out.flush();
        }
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.charset.MalformedInputException) return "not UTF-8 text";
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /**
     * Initialises SLF4J (which Calcite logs through) with standard error muted, so that SLF4J 1.7's note that it
     * found no logger binding and falls back to none does not precede every run's output.
     */
    private static void quietSlf4j() {
        PrintStream saved = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        try {
            Class.forName("org.slf4j.LoggerFactory").getMethod("getILoggerFactory").invoke(null);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // no SLF4J, or it failed: Calcite will report it, if anything, when it first logs
        } finally {
            System.setErr(saved);
        }
    }

    /**
     * Whether the process talks to a terminal: {@code System.console()} is not null (before JDK 22 only when
     * standard input and output both are terminals), and on JDK 22+ {@code Console.isTerminal()} says so.
     */
    static boolean isTerminal(Console console) {
        if (console == null) return false;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return true;
        }
    }
}
