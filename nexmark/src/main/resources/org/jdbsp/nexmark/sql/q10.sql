-- nexmark/nexmark queries/q10.sql: log to file system. The rows the text writes to a partitioned file sink, as
-- the view (jdbsp writes no files from SQL; bin/nexmark's circuit q10 can, with Q10Sink).
CREATE VIEW q10 AS
SELECT auction, bidder, price, date_time, extra, DATE_FORMAT(date_time, 'yyyy-MM-dd') AS dt,
    DATE_FORMAT(date_time, 'HH:mm') AS hm
FROM bid;
