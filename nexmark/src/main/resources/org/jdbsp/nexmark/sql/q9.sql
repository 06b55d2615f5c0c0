-- nexmark/nexmark queries/q9.sql: winning bids
-- The ORDER BY is made total as in the circuit (docs/nexmark.md, deviations): the text leaves ties open.
-- The hint BROADCAST(A) (Flink's and Spark's syntax) is jdbsp's addition: the auctions go to every worker and
-- the bids stay where they are, as the circuit does (docs/nexmark.md).
CREATE VIEW q9 AS
SELECT id, itemName, description, initialBid, reserve, date_time, expires, seller, category, extra,
       auction, bidder, price, bid_dateTime, bid_extra
FROM (
    SELECT /*+ BROADCAST(A) */ A.*, B.auction, B.bidder, B.price, B.date_time AS bid_dateTime, B.extra AS bid_extra,
           ROW_NUMBER() OVER (PARTITION BY A.id ORDER BY B.price DESC, B.date_time ASC, B.bidder, B.channel, B.url, B.extra) AS rownum
    FROM auction A, bid B
    WHERE A.id = B.auction AND B.date_time BETWEEN A.date_time AND A.expires
)
WHERE rownum <= 1;
