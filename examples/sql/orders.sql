-- Revenue per region over a join and a grouped sum, kept up to date as orders come in and customers move.
-- Run it with: bin/sql examples/sql/orders.sql   (bin/sql --help lists the commands)

CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, region VARCHAR(10) NOT NULL);
CREATE TABLE orders (id INT PRIMARY KEY, customer INT NOT NULL, amount DECIMAL(10,2) NOT NULL);

CREATE VIEW revenue AS
  SELECT c.region, SUM(o.amount) AS total, COUNT(*) AS n
  FROM orders o JOIN customers c ON o.customer = c.id
  GROUP BY c.region;

CREATE VIEW big_spenders AS
  SELECT c.name, SUM(o.amount) AS spent
  FROM orders o JOIN customers c ON o.customer = c.id
  GROUP BY c.name
  HAVING SUM(o.amount) >= 50;

-- step 1: the first customers and orders
INSERT INTO customers VALUES (1, 'Ada', 'EU'), (2, 'Bob', 'US'), (3, 'Cyd', 'US');
INSERT INTO orders VALUES (100, 1, 30), (101, 2, 50), (102, 3, 12.50);
STEP;
SELECT * FROM revenue;

-- step 2: a new order, a customer moves to the EU, an order is cancelled
INSERT INTO orders VALUES (103, 1, 20);
UPDATE customers SET region = 'EU' WHERE id = 2;
DELETE FROM orders WHERE id = 102;
CHANGES revenue;
CHANGES big_spenders;
SELECT * FROM revenue ORDER BY total DESC;

-- a one-off query over the views and tables as of the last step
SELECT b.name, b.spent, c.region FROM big_spenders b JOIN customers c ON b.name = c.name ORDER BY b.spent DESC, b.name;
