-- nexmark/nexmark queries/q20.sql: expand bid with auction
-- The hint BROADCAST(A) (Flink's and Spark's syntax) is jdbsp's addition: the auctions go to every worker and
-- the bids stay where they are, as the circuit does (docs/nexmark.md).
CREATE VIEW q20 AS
SELECT /*+ BROADCAST(A) */ auction, bidder, price, channel, url, B.date_time, B.extra,
       itemName, description, initialBid, reserve, A.date_time, expires, seller, category, A.extra
FROM bid AS B INNER JOIN auction AS A ON B.auction = A.id
WHERE A.category = 10;
