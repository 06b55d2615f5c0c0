-- nexmark/nexmark queries/q4.sql: average price per category. AVG of a BIGINT is a DECIMAL here (as in
-- PostgreSQL); Flink's is a BIGINT truncated toward zero, so the average is truncated and cast back.
CREATE VIEW q4 AS
SELECT Q.category, CAST(TRUNCATE(AVG(Q.final), 0) AS BIGINT)
FROM (
    SELECT MAX(B.price) AS final, A.category
    FROM auction A, bid B
    WHERE A.id = B.auction AND B.date_time BETWEEN A.date_time AND A.expires
    GROUP BY A.id, A.category
) Q
GROUP BY Q.category;
