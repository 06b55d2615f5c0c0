package org.jdbsp.sql.pg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for tests: {@code initdb} into a fresh directory under the module's
 * {@code target/} (trust authentication, C locale, UTF-8), started by {@code pg_ctl} on a free TCP port of
 * 127.0.0.1 with its unix socket inside that directory and fsync off. {@link #close()} stops it
 * ({@code pg_ctl stop -m immediate}) and deletes the directory; a shutdown hook does the same if the JVM exits
 * first.
 *
 * <p>PostgreSQL refuses to run as root. When the JVM is root, the server's commands run as the {@code postgres}
 * user (through {@code runuser}, else {@code su}) and the directory is given to that user; when it cannot reach
 * a directory under {@code target/} (a parent directory it may not traverse, as {@code /root} is), the cluster
 * goes to a directory under {@code /tmp} instead, removed on close all the same.
 *
 * <p>The binaries are looked for in the system property {@code jdbsp.pg.bin}, the environment variable
 * {@code PG_BIN}, {@code /usr/lib/postgresql/<version>/bin} (15 first, then the newest) and {@code pg_config
 * --bindir}.
 */
public final class PgCluster implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String USER = "postgres";

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final Path log;
    private final boolean asPostgres;
    private final int port;
    private final Thread hook;
    private volatile boolean closed;

    private PgCluster(Path bin, Path dir, boolean asPostgres) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.log = dir.resolve("server.log");
        this.asPostgres = asPostgres;
        this.hook = new Thread(this::stopAndDelete, "pg-cluster-cleanup " + dir);
        Runtime.getRuntime().addShutdownHook(hook);
        int started = -1;
        try {
            run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", USER,
                    "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"), 120);
            IOException last = null;
            for (int attempt = 0; attempt < 3 && started < 0; attempt++) {
                int p = freePort();
                try {
                    start(p);
                    started = p;
                } catch (IOException e) {
                    last = e;
                }
            }
            if (started < 0) throw last;
        } catch (IOException | RuntimeException e) {
            stopAndDelete();
            removeHook();
            throw new IllegalStateException("could not start a PostgreSQL cluster in " + dir + ": " + e.getMessage(), e);
        }
        this.port = started;
    }

    /** Starts a fresh cluster; the caller closes it. */
    public static PgCluster start() {
        Path bin = findBinaries();
        boolean root = isRoot();
        Path dir = makeDirectory(root);
        return new PgCluster(bin, dir, root);
    }

    /** The TCP port the server listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The cluster's directory (data directory, log and socket inside). */
    public Path directory() {
        return dir;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** A new connection to the {@code postgres} database as user {@code postgres}, in autocommit. */
    public Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl(), USER, "");
        c.setAutoCommit(true);
        return c;
    }

    @Override
    public void close() {
        stopAndDelete();
        removeHook();
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs or has run
        }
    }

    private void start(int p) throws IOException {
        String socketDir = dir.toString();
        // a unix socket path is limited to 107 bytes: without room for it, TCP alone
        if (socketDir.length() + "/.s.PGSQL.65535".length() > 100) socketDir = "";
        String options = "-c listen_addresses=127.0.0.1 -p " + p
                + " -c unix_socket_directories='" + socketDir + "'"
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                + " -c max_connections=20 -c shared_buffers=32MB";
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w", "-t", "60",
                "-o", options, "start"), 90);
    }

    private synchronized void stopAndDelete() {
        if (closed) return;
        closed = true;
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w",
                        "-t", "30", "stop"), 60);
            } catch (IOException | RuntimeException e) {
                System.err.println("PgCluster: could not stop the server in " + data + ": " + e.getMessage());
            }
        }
        deleteRecursively(dir);
    }

    /** Runs a server command (as postgres when we are root), failing with its output when it fails. */
    private void run(List<String> command, int timeoutSeconds) throws IOException {
        List<String> full = asPostgres ? asPostgresUser(command) : command;
        Path out = Files.createTempFile("pgcluster", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            Map<String, String> env = pb.environment();
            env.put("LANG", "C");
            env.put("LC_ALL", "C");
            env.keySet().removeIf(k -> k.startsWith("PG"));
            Process proc = pb.start();
            proc.getOutputStream().close();
            boolean done;
            try {
                done = proc.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                proc.destroyForcibly();
                throw new IOException("interrupted running " + command.get(0));
            }
            if (!done) {
                proc.destroyForcibly();
                throw new IOException(String.join(" ", full) + " did not finish in " + timeoutSeconds + " s\n"
                        + tail(out) + tail(log));
            }
            if (proc.exitValue() != 0) {
                throw new IOException(String.join(" ", full) + " failed with exit code " + proc.exitValue() + "\n"
                        + tail(out) + tail(log));
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** {@code command} run as the postgres user: through runuser where there is one, else su. */
    private static List<String> asPostgresUser(List<String> command) {
        List<String> full = new ArrayList<>();
        for (String runuser : new String[] {"/usr/sbin/runuser", "/sbin/runuser"}) {
            if (Files.isExecutable(Paths.get(runuser))) {
                full.addAll(List.of(runuser, "-u", USER, "--"));
                full.addAll(command);
                return full;
            }
        }
        full.addAll(List.of("su", USER, "-s", "/bin/sh", "-c", shellJoin(command)));
        return full;
    }

    private static String tail(Path file) {
        try {
            if (!Files.exists(file)) return "";
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())) + "\n";
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private static String shellJoin(List<String> command) {
        StringBuilder sb = new StringBuilder();
        for (String s : command) {
            if (sb.length() > 0) sb.append(' ');
            sb.append('\'').append(s.replace("'", "'\\''")).append('\'');
        }
        return sb.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Paths.get("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The directory with initdb, pg_ctl and postgres. */
    static Path findBinaries() {
        List<String> looked = new ArrayList<>();
        for (String configured : new String[] {System.getProperty("jdbsp.pg.bin"), System.getenv("PG_BIN")}) {
            if (configured != null && !configured.isBlank()) {
                Path p = Paths.get(configured);
                if (hasServer(p)) return p;
                looked.add(configured);
            }
        }
        Path debian = Paths.get("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            List<Path> versions = new ArrayList<>();
            try (Stream<Path> s = Files.list(debian)) {
                s.forEach(versions::add);
            } catch (IOException e) {
                // fall through to the other places
            }
            versions.sort(Comparator.comparing((Path v) -> !v.getFileName().toString().equals("15"))
                    .thenComparing(v -> -versionNumber(v.getFileName().toString())));
            for (Path v : versions) {
                if (hasServer(v.resolve("bin"))) return v.resolve("bin");
                looked.add(v.resolve("bin").toString());
            }
        } else {
            looked.add("/usr/lib/postgresql/*/bin");
        }
        try {
            Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() == 0 && hasServer(Paths.get(out))) return Paths.get(out);
            looked.add("pg_config --bindir");
        } catch (IOException e) {
            looked.add("pg_config (not on the PATH)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl, postgres) not found; looked in "
                + looked + ". Install them (Debian: apt-get install -y postgresql-15, or run "
                + "sql/src/test/resources/pg/install-postgres.sh), or point -Djdbsp.pg.bin / PG_BIN at their directory.");
    }

    private static int versionNumber(String s) {
        try {
            return Integer.parseInt(s.replaceAll("[^0-9].*$", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean hasServer(Path bin) {
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"))
                && Files.isExecutable(bin.resolve("postgres"));
    }

    private static Path makeDirectory(boolean root) {
        String name = "pg-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        String base = System.getProperty("basedir");
        Path target = (base != null ? Paths.get(base) : Paths.get("")).toAbsolutePath().resolve("target");
        try {
            Files.createDirectories(target);
            Path dir = Files.createDirectory(target.resolve(name));
            if (!root || giveToPostgres(dir)) return dir;
            deleteRecursively(dir);
        } catch (IOException e) {
            // fall back to /tmp
        }
        try {
            Path dir = Files.createTempDirectory("jdbsp-" + name + "-");
            if (root && !giveToPostgres(dir)) {
                deleteRecursively(dir);
                throw new IllegalStateException("the postgres user cannot use " + dir
                        + " (is there a postgres user? PostgreSQL does not run as root)");
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a directory for a PostgreSQL cluster", e);
        }
    }

    /** Gives {@code dir} to the postgres user and checks that it can reach it (every parent traversable). */
    private static boolean giveToPostgres(Path dir) {
        try {
            Process chown = new ProcessBuilder("chown", USER + ":", dir.toString()).redirectErrorStream(true).start();
            chown.getInputStream().readAllBytes();
            if (chown.waitFor() != 0) return false;
            Process check = new ProcessBuilder(asPostgresUser(List.of("test", "-w", dir.toString(), "-a", "-x",
                    dir.toString()))).directory(new java.io.File("/")).redirectErrorStream(true).start();
            check.getInputStream().readAllBytes();
            return check.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL on 127.0.0.1:" + port + " in " + dir;
    }
}
