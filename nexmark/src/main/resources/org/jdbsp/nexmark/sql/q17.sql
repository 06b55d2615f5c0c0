-- nexmark/nexmark queries/q17.sql: auction statistics report. AVG of a BIGINT is truncated and cast back as in q4.
CREATE VIEW q17 AS
SELECT
    auction,
    DATE_FORMAT(date_time, 'yyyy-MM-dd') AS "day",
    count(*) AS total_bids,
    count(*) filter (where price < 10000) AS rank1_bids,
    count(*) filter (where price >= 10000 and price < 1000000) AS rank2_bids,
    count(*) filter (where price >= 1000000) AS rank3_bids,
    min(price) AS min_price,
    max(price) AS max_price,
    CAST(TRUNCATE(avg(price), 0) AS BIGINT) AS avg_price,
    sum(price) AS sum_price
FROM bid
GROUP BY auction, DATE_FORMAT(date_time, 'yyyy-MM-dd');
