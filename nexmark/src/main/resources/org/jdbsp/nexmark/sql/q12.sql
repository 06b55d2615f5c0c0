-- nexmark/nexmark queries/q12.sql: processing-time windows; PROCTIME() is simulated by the bid's date_time, as the
-- circuit does (see docs/nexmark.md)
CREATE VIEW q12 AS
SELECT bidder, count(*) AS bid_count, window_start, window_end
FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
GROUP BY bidder, window_start, window_end;
