-- nexmark/nexmark queries/q1.sql: currency conversion
CREATE VIEW q1 AS SELECT auction, bidder, 0.908 * price AS price, date_time, extra FROM bid;
