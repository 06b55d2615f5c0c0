package org.jdbsp.sql.slt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The sqllogictest files of {@code net.hydromatic:sql-logic-test}, read as classpath resources under {@code test/}
 * and named relative to it ({@code select1.test}, {@code random/groupby/slt_good_0.test}).
 */
final class SltSuite {
    static final String ROOT = "test/";

    private SltSuite() {
    }

    /** Whether the suite holds the file {@code name}. */
    static boolean exists(String name) {
        return loader().getResource(ROOT + name) != null;
    }

    /** The records of the suite's file {@code name}. */
    static List<SltRecord> read(String name) {
        InputStream in = loader().getResourceAsStream(ROOT + name);
        if (in == null) throw new IllegalArgumentException("no sqllogictest file " + name + " on the classpath");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return SltParser.parse(name, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The records of a file on disk. */
    static List<SltRecord> read(Path path) {
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return SltParser.parse(path.toString(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file of the suite, in natural order (numbers within names compared as numbers). */
    static List<String> all() {
        URL anchor = loader().getResource(ROOT + "select1.test");
        if (anchor == null) throw new IllegalStateException("net.hydromatic:sql-logic-test is not on the classpath");
        List<String> names = new ArrayList<>();
        try {
            if (anchor.getProtocol().equals("jar")) {
                JarURLConnection c = (JarURLConnection) anchor.openConnection();
                c.setUseCaches(false);
                try (JarFile jar = new JarFile(Paths.get(c.getJarFileURL().toURI()).toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        String n = e.nextElement().getName();
                        if (n.startsWith(ROOT) && n.endsWith(".test")) names.add(n.substring(ROOT.length()));
                    }
                }
            } else {
                Path root = Paths.get(anchor.toURI()).getParent();
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(p -> p.toString().endsWith(".test"))
                            .forEach(p -> names.add(root.relativize(p).toString().replace('\\', '/')));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        names.sort(SltSuite::naturalCompare);
        return names;
    }

    /** The suite's files under the directory {@code prefix} ({@code index/between}, {@code random/}). */
    static List<String> under(String prefix) {
        String p = prefix.endsWith("/") ? prefix : prefix + "/";
        List<String> out = new ArrayList<>();
        for (String n : all()) {
            if (n.startsWith(p)) out.add(n);
        }
        return out;
    }

    /** Compares names with runs of digits compared as numbers: {@code slt_good_2} before {@code slt_good_10}. */
    static int naturalCompare(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i), y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int si = i, sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) i++;
                while (j < b.length() && Character.isDigit(b.charAt(j))) j++;
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) return c;
            } else {
                if (x != y) return Character.compare(x, y);
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static ClassLoader loader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : SltSuite.class.getClassLoader();
    }
}
