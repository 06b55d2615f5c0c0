-- nexmark/nexmark queries/q13.sql: bounded side input join. The side input is a table the harness fills with
-- nexmark's side_input.txt (rows (i, 'i') for i in [0, 10000)) instead of a file connector; PROCTIME() is the bid's
-- date_time, as in q12 (the temporal join reads the table as it is when the bid arrives, whatever the time).
CREATE TABLE side_input (key BIGINT NOT NULL, "value" VARCHAR NOT NULL);
CREATE VIEW q13 AS
SELECT
    B.auction,
    B.bidder,
    B.price,
    B.date_time,
    S."value"
FROM (SELECT *, date_time AS p_time FROM bid) B
JOIN side_input FOR SYSTEM_TIME AS OF B.p_time AS S
ON mod(B.auction, 10000) = S.key;
