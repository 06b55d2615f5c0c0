package org.jdbsp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.Input;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.KeyedInputHandle;
import org.jdbsp.circuit.Mode;
import org.jdbsp.circuit.OperatorFailedException;
import org.jdbsp.circuit.Output;
import org.jdbsp.circuit.OutputHandle;
import org.jdbsp.circuit.Stream;
import org.jdbsp.circuit.WorkerCircuit;
import org.jdbsp.circuit.Workers;
import org.jdbsp.operators.aggregate.Agg;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.operators.distinct.Distinct;
import org.jdbsp.operators.join.Joins;
import org.jdbsp.operators.join.Pair;
import org.jdbsp.operators.linear.Linear;
import org.jdbsp.operators.topk.Ranked;
import org.jdbsp.operators.topk.TopK;
import org.jdbsp.operators.window.Session;
import org.jdbsp.operators.window.Watermarked;
import org.jdbsp.operators.window.Watermarks;
import org.jdbsp.operators.window.Windowed;
import org.jdbsp.operators.window.Windows;
import org.jdbsp.zset.Weighted;
import org.jdbsp.zset.ZSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The snippets of {@code docs/guide.md}, one test per section, asserting what the guide says they print. The guide
 * shows {@code System.out.println(x); // output}; here that is {@code assertEquals("output", x.toString())}, and
 * {@code // throws T: message} is {@link #assertFails}. {@link #theGuideShowsTheCodeOfThisClass} checks that every
 * line of code and every output in the guide's Java blocks appears here, so the two stay in sync.
 */
class GuideExamplesTest {

    record Order(long id, long customer, long amount) { }
    record Total(long customer, long total) { }
    record Account(long id, String owner, long balance) { }
    record Item(String sku, long qty) { }
    record Click(String page, long time) { }
    record Customer(long id, String region) { }
    record Region(String name, String manager) { }
    record Sale(String region, long amount) { }
    record Line(String region, long qty, BigDecimal price) { }
    record RegionStats(String region, long lines, long qty, BigDecimal avgPrice) { }
    record Overall(long lines, BigDecimal priceSum) { }
    record Score(String game, String player, long points) { }
    record PageCount(String page, long windowStart, long clicks) { }
    record Visit(String user, long time) { }
    record Edge(String from, String to) { }
    record Largest(long customer, long amount) { }

    /**
     * Asserts that {@code call} throws a {@code type} whose message is {@code message}; an ellipsis ({@code …}) in
     * {@code message} stands for any text.
     */
    private static void assertFails(Class<? extends Throwable> type, String message, Executable call) {
        Throwable e = assertThrows(type, call);
        StringBuilder regex = new StringBuilder();
        for (String piece : message.split("…", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(piece));
        }
        assertTrue(Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(e.getMessage()).matches(),
                "expected message '" + message + "', got '" + e.getMessage() + "'");
    }

    // ---- A first circuit ----------------------------------------------------------------------------------

    @Test
    void firstCircuit() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Order> orders = b.input("orders", Order.class);
        Stream<Order> big = Linear.filter(orders.stream(), o -> o.amount() >= 100);
        Stream<Total> totals = Aggregates.sumByLong(big, Order::customer, Order::amount, Total::new);
        OutputHandle<Total> out = b.output("totals", Total.class, totals);
        Circuit c = b.build();

        orders.insert(new Order(1, 7, 150));
        orders.insert(new Order(2, 7, 40));
        orders.insert(new Order(3, 8, 200));
        c.step();
        assertEquals("{Total[customer=7, total=150] => 1, Total[customer=8, total=200] => 1}", out.delta().toString());

        orders.insert(new Order(4, 7, 100));
        orders.delete(new Order(3, 8, 200));
        c.step();
        assertEquals("{Total[customer=7, total=150] => -1, Total[customer=7, total=250] => 1, Total[customer=8, total=200] => -1}",
                out.delta().toString());
        assertEquals("{Total[customer=7, total=250] => 1}", out.view().toString());
    }

    // ---- Typed inputs and outputs, checked lookups --------------------------------------------------------

    @Test
    void typedInputsAndCheckedLookups() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Order> orders = b.input("orders", Order.class);
        Stream<Order> big = Linear.filter(orders.stream(), o -> o.amount() >= 100);
        Stream<Total> totals = Aggregates.sumByLong(big, Order::customer, Order::amount, Total::new);
        b.output("totals", Total.class, totals);
        Circuit c = b.build();

        Input<Order> input = c.input("orders", Order.class);
        Output<Total> output = c.output("totals", Total.class);
        input.insert(new Order(5, 9, 120));
        c.step();
        assertEquals("{Total[customer=9, total=120] => 1}", output.delta().toString());
        assertFails(IllegalArgumentException.class, "input 'orders' was declared with row type …Order but was looked up with row type …Total; …",
                () -> c.input("orders", Total.class));
        assertFails(IllegalArgumentException.class, "unknown input 'order'; inputs are [orders]",
                () -> c.input("order", Order.class));
    }

    // ---- Keyed inputs -------------------------------------------------------------------------------------

    @Test
    void keyedInputs() {
        CircuitBuilder b = CircuitBuilder.incremental();
        KeyedInputHandle<Long, Account> accounts = b.keyedInput("accounts", Account.class, Account::id);
        OutputHandle<Account> out = b.output("accounts", Account.class, accounts.stream());
        Circuit c = b.build();

        assertEquals("null", String.valueOf(accounts.upsert(new Account(1, "ann", 10))));
        accounts.upsert(new Account(2, "bob", 20));
        c.step();
        assertEquals("Account[id=1, owner=ann, balance=10]", String.valueOf(accounts.upsert(new Account(1, "ann", 15))));
        assertEquals("Account[id=1, owner=ann, balance=15]", String.valueOf(accounts.get(1L)));
        assertEquals("{Account[id=1, owner=ann, balance=10] => -1, Account[id=1, owner=ann, balance=15] => 1}",
                accounts.pending().toString());
        assertFails(IllegalArgumentException.class, "input 'accounts': key 1 already has row Account[id=1, owner=ann, balance=15]; insert of Account[id=1, owner=ann, balance=99] rejected (upsert replaces a row)",
                () -> accounts.insert(new Account(1, "ann", 99)));
        accounts.deleteKey(2L);
        accounts.update(new Account(1, "ann", 15), new Account(1, "ann", 5));
        assertEquals("1", String.valueOf(accounts.size()));
        c.step();
        assertEquals("{Account[id=1, owner=ann, balance=10] => -1, Account[id=1, owner=ann, balance=5] => 1, Account[id=2, owner=bob, balance=20] => -1}",
                out.delta().toString());
    }

    // ---- Strict inputs ------------------------------------------------------------------------------------

    @Test
    void strictInputs() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Item> stock = b.strictInput("stock", Item.class);
        b.output("stock", Item.class, stock.stream());
        b.build();

        stock.insert(new Item("apple", 3));
        assertFails(IllegalArgumentException.class, "input 'stock' is strict: cannot delete row Item[sku=pear, qty=1]: it is not present (committed and pending)",
                () -> stock.delete(new Item("pear", 1)));
        assertFails(IllegalArgumentException.class, "input 'stock' is strict: cannot delete 2 copies of row Item[sku=apple, qty=3]: only 1 present (committed and pending)",
                () -> stock.push(new Item("apple", 3), -2));
        assertEquals("{Item[sku=apple, qty=3] => 1}", stock.pending().toString());
    }

    // ---- Append-only inputs -------------------------------------------------------------------------------

    @Test
    void appendOnlyInputs() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Click> clicks = b.appendOnlyInput("clicks", Click.class);
        b.output("clicks", Click.class, clicks.stream());
        b.build();

        assertEquals("true", String.valueOf(clicks.stream().isAppendOnly()));
        assertFails(IllegalArgumentException.class, "input 'clicks' is append-only: weight -1 for Click[page=home, time=1000] rejected",
                () -> clicks.delete(new Click("home", 1_000)));
    }

    // ---- Reading views and changes ------------------------------------------------------------------------

    @Test
    void readingViewsAndChanges() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Order> orders = b.input("orders", Order.class);
        OutputHandle<Order> out = b.output("orders", Order.class, orders.stream());
        Circuit c = b.build();
        orders.insert(new Order(1, 7, 30));
        orders.insert(new Order(2, 7, 50));
        orders.insert(new Order(3, 8, 200));
        c.step();
        orders.delete(new Order(1, 7, 30));
        orders.insert(new Order(4, 9, 80));
        c.step();

        assertEquals("{Order[id=1, customer=7, amount=30] => -1, Order[id=4, customer=9, amount=80] => 1}",
                out.delta().toString());
        ZSet<Order> view = out.view();
        long revenue = 0;
        for (Weighted<Order> w : view) {
            revenue += w.element().amount() * w.weight();
        }
        assertEquals("330", String.valueOf(revenue));
        assertEquals("2", String.valueOf(view.stream().filter(w -> w.element().amount() < 100).count()));
        assertEquals("[Order[id=3, customer=8, amount=200] => 1, Order[id=4, customer=9, amount=80] => 1, Order[id=2, customer=7, amount=50] => 1]",
                view.toSortedList(Comparator.comparingLong(Order::amount).reversed()).toString());
        assertEquals("3 3 2", view.size() + " " + out.viewSize() + " " + out.deltaSize());
    }

    // ---- Naming operators and reading the schedule --------------------------------------------------------

    @Test
    void namingOperators() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Order> orders = b.input("orders", Order.class);
        Stream<Order> big = Linear.filter(orders.stream(), o -> o.amount() >= 100).named("bigOrders");
        Stream<Long> ids = Linear.map(big, Order::id).named("bigOrderIds");
        b.output("ids", Long.class, ids);
        Stream<Total> totals = Aggregates.sumByLong(orders.stream(), Order::customer, Order::amount, Total::new)
                .named("perCustomer");
        b.output("totals", Total.class, totals);
        Circuit c = b.build();
        assertEquals("[input:orders#0, fused[bigOrders -> bigOrderIds], perCustomer, output:ids#3, output:totals#5]",
                c.schedule().toString());
        orders.insert(new Order(1, 7, 150));
        orders.insert(new Order(2, 8, 20));
        c.step();
        assertEquals("2", String.valueOf(c.stateRowsByOperator().get("perCustomer")));
    }

    // ---- Joins --------------------------------------------------------------------------------------------

    @Test
    void joins() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Order> orders = b.input("orders", Order.class);
        InputHandle<Customer> customers = b.input("customers", Customer.class);
        InputHandle<Region> regions = b.input("regions", Region.class);
        Stream<Sale> sales = Joins.joinOnLong(orders.stream(), customers.stream(),
                Order::customer, Customer::id, (o, cu) -> new Sale(cu.region(), o.amount()));
        Stream<Pair<Sale, Region>> managed = Joins.join(sales, regions.stream(), Sale::region, Region::name);
        Stream<Customer> idle = Joins.antijoinOnLong(customers.stream(), orders.stream(), Customer::id, Order::customer);
        OutputHandle<Pair<Sale, Region>> managedOut = b.output("managed", managed);
        OutputHandle<Customer> idleOut = b.output("idle", Customer.class, idle);
        Circuit c = b.build();

        customers.insert(new Customer(1, "EU"));
        customers.insert(new Customer(2, "US"));
        regions.insert(new Region("EU", "eva"));
        orders.insert(new Order(100, 1, 30));
        c.step();
        assertEquals("{(Sale[region=EU, amount=30], Region[name=EU, manager=eva]) => 1}", managedOut.delta().toString());
        assertEquals("{Customer[id=2, region=US] => 1}", idleOut.delta().toString());

        orders.insert(new Order(101, 2, 50));
        regions.insert(new Region("US", "uma"));
        c.step();
        assertEquals("{(Sale[region=US, amount=50], Region[name=US, manager=uma]) => 1}", managedOut.delta().toString());
        assertEquals("{Customer[id=2, region=US] => -1}", idleOut.delta().toString());
    }

    // ---- Aggregates ---------------------------------------------------------------------------------------

    @Test
    void aggregates() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Line> lines = b.input("lines", Line.class);
        Stream<RegionStats> stats = Aggregates.aggregate(lines.stream(), Line::region,
                (region, v) -> new RegionStats(region, v.getLong(0), v.getLong(1), (BigDecimal) v.get(2)),
                Agg.count(), Agg.sum(Line::qty), Agg.avgDecimal(Line::price, 2));
        Stream<Overall> overall = Aggregates.aggregateAll(lines.stream(),
                v -> new Overall(v.getLong(0), v.isNull(1) ? null : v.getDecimal(1)),
                Agg.count(), Agg.sumDecimal(Line::price));
        OutputHandle<RegionStats> statsOut = b.output("stats", RegionStats.class, stats);
        OutputHandle<Overall> overallOut = b.output("overall", Overall.class, overall);
        Circuit c = b.build();

        c.step();
        assertEquals("{Overall[lines=0, priceSum=null] => 1}", overallOut.view().toString());
        lines.insert(new Line("EU", 2, new BigDecimal("10.00")));
        lines.insert(new Line("EU", 1, null));
        lines.insert(new Line("EU", 3, new BigDecimal("5.5")));
        lines.insert(new Line("US", 1, null));
        c.step();
        assertEquals("{RegionStats[region=EU, lines=3, qty=6, avgPrice=7.75] => 1, RegionStats[region=US, lines=1, qty=1, avgPrice=null] => 1}",
                statsOut.delta().toString());
        assertEquals("{Overall[lines=4, priceSum=15.50] => 1}", overallOut.view().toString());
    }

    // ---- Top-k and ranking --------------------------------------------------------------------------------

    @Test
    void topK() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Score> scores = b.input("scores", Score.class);
        Comparator<Score> best = Comparator.comparingLong(Score::points).reversed().thenComparing(Score::player);
        OutputHandle<Score> top2 = b.output("top2", TopK.topK(scores.stream(), Score::game, best, 2));
        OutputHandle<Ranked<Score>> numbered = b.output("numbered", TopK.rowNumber(scores.stream(), Score::game, best, 3));
        OutputHandle<Ranked<Score>> ranked = b.output("ranked", TopK.rank(scores.stream(), Score::game, best, 3));
        Circuit c = b.build();

        scores.insert(new Score("chess", "ann", 900));
        scores.insert(new Score("chess", "bob", 700));
        scores.insert(new Score("chess", "cy", 500));
        c.step();
        scores.insert(new Score("chess", "dan", 800));
        c.step();
        assertEquals("{Score[game=chess, player=bob, points=700] => -1, Score[game=chess, player=dan, points=800] => 1}",
                top2.delta().toString());
        scores.insert(new Score("chess", "ann", 900));
        c.step();
        assertEquals("{Ranked[row=Score[game=chess, player=ann, points=900], rank=1] => 1, Ranked[row=Score[game=chess, player=ann, points=900], rank=2] => 1, Ranked[row=Score[game=chess, player=dan, points=800], rank=3] => 1}",
                numbered.view().toString());
        assertEquals("{Ranked[row=Score[game=chess, player=ann, points=900], rank=1] => 2, Ranked[row=Score[game=chess, player=dan, points=800], rank=3] => 1}",
                ranked.view().toString());
    }

    // ---- Windows and watermarks ---------------------------------------------------------------------------

    @Test
    void windowsAndWatermarks() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Click> clicks = b.input("clicks", Click.class);
        Watermarked<Click> onTime = Watermarks.withLateness(clicks.stream(), Click::time, 1_000);
        Stream<Windowed<Click>> minutes = Windows.tumbling(onTime.stream(), Click::time, 60_000);
        Stream<PageCount> perMinute = Aggregates.perWindow(minutes, Click::page, onTime.watermark(),
                (start, end, page, v) -> new PageCount(page, start, v.getLong(0)), Agg.count()).named("clicksPerMinute");
        OutputHandle<PageCount> out = b.output("perMinute", PageCount.class, perMinute);
        Circuit c = b.build();

        clicks.insert(new Click("home", 10_000));
        clicks.insert(new Click("home", 20_000));
        clicks.insert(new Click("home", 65_000));
        c.step();
        assertEquals("{PageCount[page=home, windowStart=0, clicks=2] => 1, PageCount[page=home, windowStart=60000, clicks=1] => 1}",
                out.delta().toString());
        assertEquals("64000", String.valueOf(onTime.watermark().current()));

        clicks.insert(new Click("home", 30_000));
        clicks.insert(new Click("home", 70_000));
        c.step();
        assertEquals("{PageCount[page=home, windowStart=60000, clicks=1] => -1, PageCount[page=home, windowStart=60000, clicks=2] => 1}",
                out.delta().toString());
        assertEquals("1", String.valueOf(onTime.lateRecords()));
        assertEquals("1", String.valueOf(c.stateRowsByOperator().get("clicksPerMinute")));
    }

    // ---- Sessions -----------------------------------------------------------------------------------------

    @Test
    void sessions() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Visit> visits = b.input("visits", Visit.class);
        Stream<Session<String>> sessions = Windows.session(visits.stream(), Visit::user, Visit::time, 30_000);
        OutputHandle<Session<String>> out = b.output("sessions", sessions);
        Circuit c = b.build();

        visits.insert(new Visit("ann", 0));
        visits.insert(new Visit("ann", 20_000));
        visits.insert(new Visit("ann", 70_000));
        c.step();
        assertEquals("{Session[key=ann, start=0, end=50000, count=2] => 1, Session[key=ann, start=70000, end=100000, count=1] => 1}",
                out.delta().toString());
        visits.insert(new Visit("ann", 45_000));
        c.step();
        assertEquals("{Session[key=ann, start=0, end=100000, count=4] => 1, Session[key=ann, start=0, end=50000, count=2] => -1, Session[key=ann, start=70000, end=100000, count=1] => -1}",
                out.delta().toString());
    }

    // ---- Distinct -----------------------------------------------------------------------------------------

    @Test
    void distinct() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Order> orders = b.input("orders", Order.class);
        Stream<Long> buyers = Distinct.distinct(Linear.map(orders.stream(), Order::customer));
        OutputHandle<Long> out = b.output("buyers", Long.class, buyers);
        Circuit c = b.build();

        orders.insert(new Order(1, 7, 10));
        orders.insert(new Order(2, 7, 20));
        c.step();
        assertEquals("{7 => 1}", out.delta().toString());
        orders.delete(new Order(1, 7, 10));
        c.step();
        assertEquals("{}", out.delta().toString());
        orders.delete(new Order(2, 7, 20));
        c.step();
        assertEquals("{7 => -1}", out.delta().toString());
    }

    // ---- Recursion ----------------------------------------------------------------------------------------

    @Test
    void recursion() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Edge> edges = b.input("edges", Edge.class);
        Stream<Edge> reach = b.recursive("reach", (inner, self) -> {
            Stream<Edge> e = inner.enter(edges.stream());
            Stream<Edge> longer = Joins.join(self, e, Edge::to, Edge::from, (p, q) -> new Edge(p.from(), q.to()));
            return Distinct.distinct(Linear.union(e, longer));
        });
        OutputHandle<Edge> out = b.output("reach", Edge.class, reach);
        Circuit c = b.build();

        edges.insert(new Edge("a", "b"));
        edges.insert(new Edge("b", "c"));
        c.step();
        assertEquals("{Edge[from=a, to=b] => 1, Edge[from=a, to=c] => 1, Edge[from=b, to=c] => 1}", out.delta().toString());
        edges.insert(new Edge("c", "d"));
        c.step();
        assertEquals("{Edge[from=a, to=d] => 1, Edge[from=b, to=d] => 1, Edge[from=c, to=d] => 1}", out.delta().toString());
        edges.delete(new Edge("b", "c"));
        c.step();
        assertEquals("{Edge[from=a, to=c] => -1, Edge[from=a, to=d] => -1, Edge[from=b, to=c] => -1, Edge[from=b, to=d] => -1}",
                out.delta().toString());
    }

    // ---- When something goes wrong ------------------------------------------------------------------------

    @Test
    void errors() {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Order> orders = b.input("orders", Order.class);
        Stream<Long> perMille = Linear.map(orders.stream(), o -> 1000 / o.amount()).named("perMille");
        OutputHandle<Long> out = b.output("perMille", Long.class, perMille);
        Stream<Total> totals = Aggregates.sumByLong(orders.stream(), Order::customer, Order::amount, Total::new)
                .named("perCustomer");
        OutputHandle<Total> totalsOut = b.output("totals", Total.class, totals);
        Circuit c = b.build();

        orders.insert(new Order(1, 7, 250));
        c.step();
        orders.insert(new Order(2, 7, 0));
        assertFails(OperatorFailedException.class, "operator perMille failed at step 1: java.lang.ArithmeticException: / by zero",
                c::step);
        assertEquals("{4 => 1}", out.view().toString());
        assertEquals("{Order[id=2, customer=7, amount=0] => 1}", orders.pending().toString());
        orders.delete(new Order(2, 7, 0));
        c.step();

        orders.push(new Order(3, 8, Long.MAX_VALUE / 2 + 1), 2);
        assertFails(OperatorFailedException.class, "operator perCustomer failed at step 2: java.lang.ArithmeticException: long overflow: 4611686018427387904 * 2 at row Order[id=3, customer=8, amount=4611686018427387904]",
                c::step);
        orders.clearPending();

        c.close();
        assertFails(IllegalStateException.class, "input 'orders': insert rejected, the circuit is closed",
                () -> orders.insert(new Order(4, 7, 10)));
        assertEquals("{Total[customer=7, total=250] => 1}", totalsOut.view().toString());
    }

    // ---- Naive mode ---------------------------------------------------------------------------------------

    @Test
    void naiveModeIsTheReference() {
        List<String> printed = new ArrayList<>();
        for (CircuitBuilder b : List.of(CircuitBuilder.incremental(), CircuitBuilder.naive())) {
            InputHandle<Order> orders = b.input("orders", Order.class);
            OutputHandle<Total> out = b.output("totals", Total.class,
                    Aggregates.sumByLong(orders.stream(), Order::customer, Order::amount, Total::new));
            Circuit c = b.build();
            orders.insert(new Order(1, 7, 30));
            orders.insert(new Order(2, 7, 50));
            c.step();
            orders.delete(new Order(1, 7, 30));
            c.step();
            printed.add(c.mode() + " " + out.delta());
        }
        assertEquals(List.of("INCREMENTAL {Total[customer=7, total=50] => 1, Total[customer=7, total=80] => -1}",
                "NAIVE {Total[customer=7, total=50] => 1, Total[customer=7, total=80] => -1}"), printed);
    }

    // ---- Several workers ----------------------------------------------------------------------------------

    @Test
    void severalWorkers() {
        try (WorkerCircuit<Void> c = Workers.build(2, Mode.INCREMENTAL, b -> {
            InputHandle<Order> orders = b.input("orders", Order.class);
            b.output("totals", Total.class,
                    Aggregates.sumByLong(orders.stream(), Order::customer, Order::amount, Total::new));
            b.output("largest", Largest.class,
                    Aggregates.maxByLongLocalGlobal(orders.stream(), Order::customer, Order::amount, Largest::new));
        })) {
            Input<Order> orders = c.input("orders", Order.class);
            orders.insert(new Order(1, 7, 30));
            orders.insert(new Order(2, 7, 50));
            orders.insert(new Order(3, 8, 20));
            c.step();
            assertEquals("{Total[customer=7, total=80] => 1, Total[customer=8, total=20] => 1}",
                    c.output("totals", Total.class).view().toString());
            orders.delete(new Order(2, 7, 50));
            c.step();
            assertEquals("{Largest[customer=7, amount=30] => 1, Largest[customer=7, amount=50] => -1}",
                    c.output("largest", Largest.class).delta().toString());
        }
    }

    // ---- the guide and this class -------------------------------------------------------------------------

    private static final Pattern PRINT = Pattern.compile("System\\.out\\.println\\((.*)\\);");
    private static final Pattern THROWS = Pattern.compile("throws (\\w+): (.*)");

    /**
     * Every Java block of docs/guide.md is code of this class: each line of code appears here (whitespace aside),
     * each output shown after a {@code System.out.println} is a string literal here, and each
     * {@code // throws T: message} is a literal here next to {@code T.class}.
     */
    @Test
    void theGuideShowsTheCodeOfThisClass() throws IOException {
        List<String> guide = Files.readAllLines(locate("docs/guide.md"), StandardCharsets.UTF_8);
        String self = collapse(Files.readString(locate("examples/src/test/java/org/jdbsp/examples/GuideExamplesTest.java"),
                StandardCharsets.UTF_8));
        List<String> missing = new ArrayList<>();
        boolean inJava = false;
        boolean afterPrint = false;
        int blocks = 0;
        for (int n = 0; n < guide.size(); n++) {
            String line = guide.get(n);
            if (line.startsWith("```")) {
                inJava = !inJava && line.equals("```java");
                blocks += inJava ? 1 : 0;
                afterPrint = false;
                continue;
            }
            if (!inJava) {
                continue;
            }
            String where = "guide.md:" + (n + 1) + ": ";
            int slash = commentStart(line);
            String code = collapse(slash < 0 ? line : line.substring(0, slash)).trim();
            String comment = slash < 0 ? null : line.substring(slash + 2).trim();
            if (!code.isEmpty()) {
                Matcher print = PRINT.matcher(code);
                // a statement whose outcome the test asserts appears there as an expression (no ';')
                String expected = print.matches() ? print.group(1)
                        : code.endsWith(";") ? code.substring(0, code.length() - 1) : code;
                if (!self.contains(collapse(expected))) {
                    missing.add(where + "code not in the test: " + expected);
                }
                afterPrint = print.matches();
            } else if (comment == null) {
                afterPrint = false;
                continue;
            }
            if (comment == null) {
                continue;
            }
            Matcher t = THROWS.matcher(comment);
            if (t.matches()) {
                if (!self.contains(t.group(1) + ".class") || !self.contains(collapse(literal(t.group(2))))) {
                    missing.add(where + "exception not asserted by the test: " + comment);
                }
            } else if (afterPrint && !self.contains(collapse(literal(comment)))) {
                missing.add(where + "output not asserted by the test: " + comment);
            }
        }
        assertTrue(blocks >= 10, "found only " + blocks + " Java blocks in the guide");
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    /** Where {@code //} starts a comment in {@code line} (outside string literals), or -1. */
    private static int commentStart(String line) {
        boolean inString = false;
        for (int i = 0; i + 1 < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
                inString = !inString;
            } else if (!inString && ch == '/' && line.charAt(i + 1) == '/') {
                return i;
            }
        }
        return -1;
    }

    private static String literal(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String collapse(String s) {
        return s.replaceAll("\\s+", " ");
    }

    /** {@code relative} to the repository root, from the module's directory (Maven) or the root (an IDE). */
    private static Path locate(String relative) {
        for (Path root = Path.of("").toAbsolutePath(); root != null; root = root.getParent()) {
            Path p = root.resolve(relative);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new AssertionError(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
