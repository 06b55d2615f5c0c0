package org.jdbsp.examples;

import org.jdbsp.circuit.Circuit;
import org.jdbsp.circuit.CircuitBuilder;
import org.jdbsp.circuit.InputHandle;
import org.jdbsp.circuit.OutputHandle;
import org.jdbsp.circuit.Stream;
import org.jdbsp.operators.aggregate.Aggregates;
import org.jdbsp.operators.join.Joins;

/**
 * The README's example: revenue per region, {@code SELECT region, SUM(amount) FROM orders JOIN customers
 * USING (customer) GROUP BY region}, kept up to date as orders and customers change.
 */
public final class RevenueByRegion {
    record Order(long id, long customer, long amount) { }
    record Customer(long id, String region) { }
    record Sale(String region, long amount) { }
    record Revenue(String region, long total) { }

    private RevenueByRegion() {
    }

    public static void main(String[] args) {
        CircuitBuilder b = CircuitBuilder.incremental();
        InputHandle<Order> orders = b.input("orders");
        InputHandle<Customer> customers = b.input("customers");
        Stream<Sale> sales = Joins.joinOnLong(orders.stream(), customers.stream(),
                Order::customer, Customer::id, (o, c) -> new Sale(c.region(), o.amount()));
        Stream<Revenue> revenue = Aggregates.sum(sales, Sale::region, Sale::amount, Revenue::new);
        OutputHandle<Revenue> out = b.output("revenue", revenue);
        Circuit circuit = b.build();

        customers.insert(new Customer(1, "EU"));
        customers.insert(new Customer(2, "US"));
        orders.insert(new Order(100, 1, 30));
        orders.insert(new Order(101, 2, 50));
        circuit.step();
        System.out.println("step 1 change: " + out.delta());

        orders.insert(new Order(102, 1, 20));                                  // a new order
        customers.update(new Customer(2, "US"), new Customer(2, "EU"));       // a customer moves
        circuit.step();
        System.out.println("step 2 change: " + out.delta());
        System.out.println("view:          " + out.view());
    }
}
