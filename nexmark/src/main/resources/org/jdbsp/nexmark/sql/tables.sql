-- The Nexmark inputs as SQL tables, for bin/nexmark --engine sql. nexmark/nexmark's DDL declares them over a
-- generator connector with the same watermark (4 seconds behind the highest date_time); here they are append-only
-- tables (they keep no rows; events are only ever inserted) the harness inserts the events into. The time column is date_time (as in Feldera's texts): DATETIME is
-- a keyword of the SQL parser.
CREATE TABLE person (id BIGINT NOT NULL, name VARCHAR NOT NULL, emailAddress VARCHAR NOT NULL,
    creditCard VARCHAR NOT NULL, city VARCHAR NOT NULL, state VARCHAR NOT NULL, date_time TIMESTAMP(3) NOT NULL,
    extra VARCHAR NOT NULL, WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND)
    WITH ('append_only' = 'true');
CREATE TABLE auction (id BIGINT NOT NULL, itemName VARCHAR NOT NULL, description VARCHAR NOT NULL,
    initialBid BIGINT NOT NULL, reserve BIGINT NOT NULL, date_time TIMESTAMP(3) NOT NULL,
    expires TIMESTAMP(3) NOT NULL, seller BIGINT NOT NULL, category BIGINT NOT NULL, extra VARCHAR NOT NULL,
    WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND)
    WITH ('append_only' = 'true');
CREATE TABLE bid (auction BIGINT NOT NULL, bidder BIGINT NOT NULL, price BIGINT NOT NULL, channel VARCHAR NOT NULL,
    url VARCHAR NOT NULL, date_time TIMESTAMP(3) NOT NULL, extra VARCHAR NOT NULL,
    WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND) WITH ('append_only' = 'true');
