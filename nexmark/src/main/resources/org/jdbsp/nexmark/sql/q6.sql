-- nexmark/nexmark queries/q6.sql: average selling price by seller. The text averages over an OVER window of rows
-- (ROWS BETWEEN 10 PRECEDING AND CURRENT ROW) of a grouping that leaves B.dateTime undefined; this text computes
-- the reading the circuit follows (docs/nexmark.md, deviations): per seller, the average winning price of the
-- seller's 10 most recent auctions that have a winning bid (by the auction's date_time, then its id, descending),
-- with ROW_NUMBER. AVG of a BIGINT is truncated and cast back as in q4.
CREATE VIEW q6 AS
SELECT seller, CAST(TRUNCATE(AVG(final), 0) AS BIGINT) AS avg_price
FROM (
    SELECT seller, final,
        ROW_NUMBER() OVER (PARTITION BY seller ORDER BY a_date_time DESC, id DESC) AS rn
    FROM (
        SELECT A.id, A.seller, A.date_time AS a_date_time, MAX(B.price) AS final
        FROM auction A, bid B
        WHERE A.id = B.auction AND B.date_time BETWEEN A.date_time AND A.expires
        GROUP BY A.id, A.seller, A.date_time
    ) Q
) R
WHERE rn <= 10
GROUP BY seller;
