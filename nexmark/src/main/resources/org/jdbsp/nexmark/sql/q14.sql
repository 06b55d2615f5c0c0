-- nexmark/nexmark queries/q14.sql: calculation. The benchmark's user function count_char(extra, 'c') (it counts
-- the 'c's) is written as CHAR_LENGTH(extra) - CHAR_LENGTH(REPLACE(extra, 'c', '')), the same number.
CREATE VIEW q14 AS
SELECT
    auction,
    bidder,
    0.908 * price AS price,
    CASE
        WHEN HOUR(date_time) >= 8 AND HOUR(date_time) <= 18 THEN 'dayTime'
        WHEN HOUR(date_time) <= 6 OR HOUR(date_time) >= 20 THEN 'nightTime'
        ELSE 'otherTime'
    END AS bidTimeType,
    date_time,
    extra,
    CAST(CHAR_LENGTH(extra) - CHAR_LENGTH(REPLACE(extra, 'c', '')) AS BIGINT) AS c_counts
FROM bid
WHERE 0.908 * price > 1000000 AND 0.908 * price < 50000000;
