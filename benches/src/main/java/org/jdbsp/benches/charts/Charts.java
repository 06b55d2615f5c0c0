package org.jdbsp.benches.charts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * Turns benchmark JSON into charts (PNG, via XChart) and Markdown tables (stdout), for docs/benchmarks.md:
 * {@code bin/charts results/a.json results/b.json ...}. Recognised inputs: JMH results of {@code ivm.IvmBench}
 * (speed-up over naive against change fraction, one chart per state size), {@code ivm.Scenario50k},
 * {@code ivm.SingleRowUpdate}, {@code nexmark.NexmarkBench} (events/s per core beside the published Flink and
 * Feldera per-core figures) and the JSON written by {@code ivm.Footprint} (bytes per state row).
 * Option {@code --out DIR} (default docs/img).
 */
public final class Charts {
    private Charts() {
    }

    /** One JMH result row. */
    record Result(String benchmark, Map<String, String> params, double score, double error, String unit,
                  double allocNorm, double events) {
        String p(String k) {
            return params.get(k);
        }
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path out = Path.of("docs/img");
        List<Result> jmh = new ArrayList<>();
        List<Map<String, Object>> footprint = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out")) {
                out = Path.of(args[++i]);
                continue;
            }
            Object doc = Json.parse(Files.readString(Path.of(args[i]), StandardCharsets.UTF_8));
            if (doc instanceof Map<?, ?> m && "footprint".equals(m.get("kind"))) {
                for (Object o : (List<?>) m.get("rows")) {
                    footprint.add(cast(o));
                }
            } else {
                for (Object o : (List<?>) doc) {
                    jmh.add(result(cast(o)));
                }
            }
        }
        Files.createDirectories(out);
        ivm(jmh, out);
        scenarios(jmh);
        nexmark(jmh, out);
        if (!footprint.isEmpty()) {
            footprint(footprint, out);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }

    private static Result result(Map<String, Object> r) {
        Map<String, String> params = new LinkedHashMap<>();
        if (r.get("params") instanceof Map<?, ?> p) {
            p.forEach((k, v) -> params.put((String) k, String.valueOf(v)));
        }
        Map<String, Object> pm = cast(r.get("primaryMetric"));
        Map<String, Object> sec = r.get("secondaryMetrics") == null ? Map.of() : cast(r.get("secondaryMetrics"));
        double alloc = sec.get("gc.alloc.rate.norm") == null ? Double.NaN
                : ((Double) cast(sec.get("gc.alloc.rate.norm")).get("score"));
        double events = sec.get("events") == null ? Double.NaN : ((Double) cast(sec.get("events")).get("score"));
        double err = pm.get("scoreError") instanceof Double d ? d : Double.NaN;
        String bench = (String) r.get("benchmark");
        return new Result(bench.substring(bench.indexOf("benches.") + 8), params, (Double) pm.get("score"), err,
                (String) pm.get("scoreUnit"), alloc, events);
    }

    private static double changeFraction(String change, int size) {
        return change.endsWith("%") ? Double.parseDouble(change.substring(0, change.length() - 1)) / 100
                : Double.parseDouble(change) / size;
    }

    // ---- incremental vs naive --------------------------------------------------------------------------------

    private static void ivm(List<Result> all, Path out) throws IOException {
        Map<String, Result> byKey = new TreeMap<>();
        TreeSet<Integer> sizes = new TreeSet<>();
        for (Result r : all) {
            if (r.benchmark.startsWith("ivm.IvmBench")) {
                byKey.put(r.p("view") + "|" + r.p("size") + "|" + r.p("change") + "|" + r.p("mode"), r);
                sizes.add(Integer.parseInt(r.p("size")));
            }
        }
        if (byKey.isEmpty()) {
            return;
        }
        System.out.println("### Incremental vs naive (ivm.IvmBench)\n");
        System.out.println("| view | state rows | change/step | incremental us/step | naive us/step | speed-up "
                + "| incremental B/step | naive B/step |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        Map<Integer, Map<String, List<double[]>>> series = new TreeMap<>();
        for (Map.Entry<String, Result> e : byKey.entrySet()) {
            if (!e.getKey().endsWith("|incremental")) {
                continue;
            }
            Result inc = e.getValue();
            Result naive = byKey.get(e.getKey().replace("|incremental", "|naive"));
            int size = Integer.parseInt(inc.p("size"));
            double speedup = naive == null ? Double.NaN : naive.score / inc.score;
            System.out.printf(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s | %s | %s |%n", inc.p("view"), size,
                    inc.p("change"), num(inc.score), naive == null ? "-" : num(naive.score),
                    naive == null ? "-" : String.format(Locale.ROOT, "%.1fx", speedup), bytes(inc.allocNorm),
                    naive == null ? "-" : bytes(naive.allocNorm));
            if (naive != null) {
                series.computeIfAbsent(size, k -> new TreeMap<>()).computeIfAbsent(inc.p("view"), k -> new ArrayList<>())
                        .add(new double[] {changeFraction(inc.p("change"), size), speedup});
            }
        }
        System.out.println();
        for (Map.Entry<Integer, Map<String, List<double[]>>> bySize : series.entrySet()) {
            XYChart c = new XYChartBuilder().width(760).height(460)
                    .title(String.format(Locale.ROOT, "Speed-up of incremental over naive, %,d state rows",
                            bySize.getKey()))
                    .xAxisTitle("rows changed per step / state rows").yAxisTitle("naive time / incremental time")
                    .build();
            c.getStyler().setXAxisLogarithmic(true);
            c.getStyler().setYAxisLogarithmic(true);
            c.getStyler().setMarkerSize(6);
            c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            for (Map.Entry<String, List<double[]>> s : bySize.getValue().entrySet()) {
                List<double[]> pts = s.getValue();
                pts.sort((a, b) -> Double.compare(a[0], b[0]));
                double[] x = new double[pts.size()];
                double[] y = new double[pts.size()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = pts.get(i)[0];
                    y[i] = pts.get(i)[1];
                }
                c.addSeries(s.getKey().toLowerCase(Locale.ROOT), x, y);
            }
            save(c, out.resolve("ivm-speedup-" + bySize.getKey()));
        }
    }

    private static void scenarios(List<Result> all) {
        List<Result> rows = all.stream()
                .filter(r -> r.benchmark.startsWith("ivm.Scenario50k") || r.benchmark.startsWith("ivm.SingleRowUpdate"))
                .toList();
        if (rows.isEmpty()) {
            return;
        }
        System.out.println("### Scenarios\n");
        System.out.println("| benchmark | params | us/step | +- | B/step |");
        System.out.println("|---|---|---:|---:|---:|");
        for (Result r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", r.benchmark, r.params, num(r.score),
                    num(r.error), bytes(r.allocNorm));
        }
        Result inc = null;
        Result naive = null;
        for (Result r : rows) {
            if (r.benchmark.startsWith("ivm.Scenario50k")) {
                if ("incremental".equals(r.p("mode"))) {
                    inc = r;
                } else {
                    naive = r;
                }
            }
        }
        if (inc != null && naive != null) {
            System.out.printf(Locale.ROOT, "%nScenario50k: incremental is %.1fx faster than naive%n",
                    naive.score / inc.score);
        }
        System.out.println();
    }

    // ---- Nexmark ---------------------------------------------------------------------------------------------

    private static void nexmark(List<Result> all, Path out) throws IOException {
        List<Result> rows = new ArrayList<>();
        for (Result r : all) {
            if (r.benchmark.startsWith("nexmark.NexmarkBench")) {
                rows.add(r);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        rows.sort((a, b) -> Integer.compare(qn(a.p("query")), qn(b.p("query"))));
        Map<String, double[]> published = published();
        System.out.println("### Nexmark, events/s per core\n");
        System.out.println("| query | jdbsp events/s (1 core) | steps/s | B/event | Feldera per core | Flink per core "
                + "| jdbsp / Feldera | jdbsp / Flink |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        List<String> names = new ArrayList<>();
        List<Number> ours = new ArrayList<>();
        List<Number> feldera = new ArrayList<>();
        List<Number> flink = new ArrayList<>();
        for (Result r : rows) {
            String q = r.p("query");
            int batch = Integer.parseInt(r.p("batch"));
            double ev = Double.isNaN(r.events) ? r.score * batch : r.events;
            double[] pub = published.getOrDefault(q, new double[] {Double.NaN, Double.NaN});
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.1f | %s | %s | %s | %s | %s |%n", q, ev, r.score,
                    bytes(r.allocNorm / batch), pubNum(pub[0]), pubNum(pub[1]), ratio(ev, pub[0]), ratio(ev, pub[1]));
            names.add(q);
            ours.add(ev);
            feldera.add(Double.isNaN(pub[0]) ? MISSING : pub[0]); // log axis: no zero or null
            flink.add(Double.isNaN(pub[1]) ? MISSING : pub[1]);
        }
        System.out.println();
        CategoryChart c = new CategoryChartBuilder().width(1000).height(460)
                .title("Nexmark events/s per core (published figures: other hardware; no bar: no figure)")
                .xAxisTitle("query").yAxisTitle("events/s per core").build();
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setYAxisMin(AXIS_MIN);
        c.getStyler().setAvailableSpaceFill(0.8);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.addSeries("jdbsp (this machine, 1 thread)", names, ours);
        c.addSeries("Feldera 16-core / 16 (published)", names, feldera);
        c.addSeries("Flink nexmark reference per core (published)", names, flink);
        save(c, out.resolve("nexmark-per-core"));
    }

    /** Bottom of the Nexmark chart's log axis; a missing published figure is drawn as a bar below it (none). */
    private static final double AXIS_MIN = 10_000;
    private static final double MISSING = 1;

    private static int qn(String q) {
        return Integer.parseInt(q.substring(1));
    }

    private static Map<String, double[]> published() throws IOException {
        Map<String, double[]> m = new LinkedHashMap<>();
        try (InputStream in = Charts.class.getResourceAsStream("nexmark-published.csv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.startsWith("#") || line.startsWith("query") || line.isBlank()) {
                    continue;
                }
                String[] c = line.split(",", -1);
                m.put(c[0], new double[] {c[1].isEmpty() ? Double.NaN : Double.parseDouble(c[1]),
                        c[2].isEmpty() ? Double.NaN : Double.parseDouble(c[2])});
            }
        }
        return m;
    }

    // ---- state footprint -------------------------------------------------------------------------------------

    private static void footprint(List<Map<String, Object>> rows, Path out) throws IOException {
        System.out.println("### Bytes per state row\n");
        System.out.println("| view | mode | input rows | state rows | heap bytes | bytes/state row | bytes/input row |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        List<String> names = new ArrayList<>();
        List<Number> perRow = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            double bytes = (Double) r.get("bytes");
            double state = (Double) r.get("stateRows");
            double size = (Double) r.get("size");
            System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %,.0f | %.0f | %.0f |%n", r.get("view"),
                    r.get("mode"), size, state, bytes, bytes / state, bytes / size);
            if ("incremental".equals(r.get("mode"))) {
                names.add(((String) r.get("view")).toLowerCase(Locale.ROOT));
                perRow.add(bytes / state);
            }
        }
        System.out.println();
        CategoryChart c = new CategoryChartBuilder().width(760).height(400)
                .title("Heap bytes per state row (incremental, 100,000 input rows)")
                .xAxisTitle("view").yAxisTitle("bytes / circuit.stateRows()").build();
        c.getStyler().setLegendVisible(false);
        c.addSeries("bytes per state row", names, perRow);
        save(c, out.resolve("state-bytes-per-row"));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static void save(Chart<?, ?> c, Path base) throws IOException {
        BitmapEncoder.saveBitmap(c, base.toString(), BitmapEncoder.BitmapFormat.PNG);
        System.err.println("charts: wrote " + base + ".png");
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String bytes(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String pubNum(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(b) ? "-" : String.format(Locale.ROOT, "%.2f", a / b);
    }
}
