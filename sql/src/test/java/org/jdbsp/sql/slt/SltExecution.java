package org.jdbsp.sql.slt;

import org.jdbsp.sql.slt.SltRunner.Attempt;
import org.jdbsp.sql.slt.SltRunner.FileResult;
import org.jdbsp.sql.slt.SltRunner.Failure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs files, each on its own thread, up to {@code jobs} at a time, under a watchdog: a statement or query that
 * runs longer than the timeout fails, its thread is abandoned (interrupted, then stopped), and the file resumes
 * after it on a fresh program (the statements before it run again, uncounted, to load the same data). A thread
 * that dies of an error is treated the same way. A file gives up after {@code maxRestarts} such restarts.
 */
final class SltExecution {
    private static final long STOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Function<String, SltRunner> runners;
    private final SltRunner.Listener listener;
    private final int jobs;
    private final long timeoutNanos;
    private final int maxRestarts;
    private final int keepFailures;
    private final Object lock = new Object();

    /**
     * @param runners      the runner of each file (files may differ in their sample)
     * @param listener     told of the failures the watchdog decides (the runners have their own listener)
     * @param jobs         how many files run at once
     * @param timeoutSecs  the longest a statement or query may run, 0 for no limit
     * @param maxRestarts  how many times a file restarts after a timeout or a crash before giving up
     * @param keepFailures how many failures each file keeps for the report
     */
    SltExecution(Function<String, SltRunner> runners, SltRunner.Listener listener, int jobs, double timeoutSecs,
                 int maxRestarts, int keepFailures) {
        if (jobs < 1) throw new IllegalArgumentException("jobs must be at least 1");
        this.runners = runners;
        this.listener = listener;
        this.jobs = jobs;
        this.timeoutNanos = (long) (timeoutSecs * 1e9);
        this.maxRestarts = maxRestarts;
        this.keepFailures = keepFailures;
    }

    /** The records of {@code name}: a file of the suite, or else a file on disk. */
    static List<SltRecord> load(String name) {
        if (SltSuite.exists(name)) return SltSuite.read(name);
        Path p = Paths.get(name);
        if (Files.isRegularFile(p)) return SltSuite.read(p);
        throw new IllegalArgumentException("no sqllogictest file " + name);
    }

    /**
     * Runs the files; calls {@code tick} on this thread about every 100 ms and {@code done} as each file ends.
     * Returns the results in the order of {@code files}.
     */
    List<FileResult> run(List<String> files, Runnable tick, Consumer<FileResult> done) {
        FileResult[] results = new FileResult[files.size()];
        List<Running> running = new ArrayList<>();
        List<Thread> stuck = new ArrayList<>();
        List<Long> stuckSince = new ArrayList<>();
        int next = 0;
        while (next < files.size() || !running.isEmpty()) {
            while (running.size() < jobs && next < files.size()) {
                Running r = new Running(next, new FileResult(files.get(next), keepFailures));
                next++;
                r.start(0);
                running.add(r);
            }
            synchronized (lock) {
                try {
                    lock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            for (Iterator<Running> it = running.iterator(); it.hasNext(); ) {
                Running r = it.next();
                boolean finished = false;
                if (!r.thread.isAlive()) {
                    // ended; if it crashed (abandoned), resume after the record it crashed at
                    finished = !r.attempt.abandoned() || !r.restart();
                } else if (timeoutNanos > 0 && r.attempt.currentNanos() > timeoutNanos) {
                    Failure f = r.result.abandon(r.attempt, String.format(java.util.Locale.ROOT,
                            "timed out after %.0f s", timeoutNanos / 1e9));
                    if (f != null) {
                        listener.failure(f);
                        if (!f.statement()) listener.query(f.file(), SltRunner.Outcome.FAILED);
                    }
                    r.thread.interrupt();
                    stuck.add(r.thread);
                    stuckSince.add(System.nanoTime());
                    finished = !r.restart();
                }
                if (finished) {
                    it.remove();
                    r.result.setNanos(System.nanoTime() - r.started);
                    results[r.index] = r.result;
                    done.accept(r.result);
                }
            }
            for (int i = stuck.size() - 1; i >= 0; i--) {
                Thread t = stuck.get(i);
                if (!t.isAlive()) {
                    stuck.remove(i);
                    stuckSince.remove(i);
                } else if (System.nanoTime() - stuckSince.get(i) > STOP_GRACE_NANOS) {
                    stop(t);
                    stuck.remove(i);
                    stuckSince.remove(i);
                }
            }
            tick.run();
        }
        return Arrays.asList(results);
    }

    /** Stops a thread that ignored its interrupt: its program is abandoned, nothing it holds is used again. */
    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread t) {
        try {
            t.stop();
        } catch (UnsupportedOperationException e) {
            // newer JDKs cannot stop a thread: it runs on as a daemon until it ends
        }
    }

    /** A file being run, on its current attempt's thread. */
    private final class Running {
        final int index;
        final FileResult result;
        final long started = System.nanoTime();
        volatile List<SltRecord> records;
        Attempt attempt;
        Thread thread;
        int restarts;

        Running(int index, FileResult result) {
            this.index = index;
            this.result = result;
        }

        void start(int resumeAfter) {
            Attempt a = new Attempt(resumeAfter);
            attempt = a;
            SltRunner runner = runners.apply(result.file);
            thread = new Thread(() -> {
                try {
                    if (records == null) {
                        try {
                            records = load(result.file);
                        } catch (RuntimeException e) {
                            result.error("cannot read: " + e.getMessage());
                            return;
                        }
                    }
                    runner.run(records, result, a);
                } catch (Throwable e) {
                    Failure f = result.abandon(a, "crashed: " + SltRunner.describe(e));
                    if (f != null) {
                        listener.failure(f);
                        if (!f.statement()) listener.query(f.file(), SltRunner.Outcome.FAILED);
                    }
                } finally {
                    synchronized (lock) {
                        lock.notifyAll();
                    }
                }
            }, "slt-" + result.file);
            thread.setDaemon(true);
            thread.start();
        }

        /** Starts a new attempt after the abandoned one's record; false when the file has restarted too often. */
        boolean restart() {
            int line = attempt.currentLine();
            if (line <= 0 || records == null) return false;
            if (restarts >= maxRestarts) {
                result.error("gave up after " + restarts + " restarts");
                return false;
            }
            restarts++;
            start(line);
            return true;
        }
    }
}
