-- nexmark/nexmark queries/q2.sql: selection
CREATE VIEW q2 AS SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0;
