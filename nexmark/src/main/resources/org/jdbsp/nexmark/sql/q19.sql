-- nexmark/nexmark queries/q19.sql: each auction's 10 highest bids
-- The ORDER BY is made total as in the circuit (docs/nexmark.md, deviations): the text leaves ties open.
CREATE VIEW q19 AS
SELECT * FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC, date_time, bidder, channel, url, extra) AS rank_number
    FROM bid
)
WHERE rank_number <= 10;
