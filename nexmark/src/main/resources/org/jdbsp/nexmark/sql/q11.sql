-- nexmark/nexmark queries/q11.sql: user sessions. The text groups by the legacy group window
-- SESSION(dateTime, INTERVAL '10' SECOND) with SESSION_START and SESSION_END; Calcite's converter makes both of
-- those the session's start, so the same sessions are taken from the SESSION window table function (one row per
-- bidder and session: windows 10 s long from each bid, merged where they overlap or touch, as in Flink).
CREATE VIEW q11 AS
SELECT bidder, count(*) AS bid_count, window_start AS starttime, window_end AS endtime
FROM TABLE(SESSION(TABLE bid, DESCRIPTOR(date_time), DESCRIPTOR(bidder), INTERVAL '10' SECOND))
GROUP BY bidder, window_start, window_end;
