-- nexmark/nexmark queries/q18.sql: each bidder's last bid on each auction
-- The ORDER BY is made total as in the circuit (docs/nexmark.md, deviations): the text leaves ties open.
CREATE VIEW q18 AS
SELECT auction, bidder, price, channel, url, date_time, extra
FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY bidder, auction ORDER BY date_time DESC, price DESC, channel, url, extra) AS rank_number
    FROM bid
)
WHERE rank_number <= 1;
