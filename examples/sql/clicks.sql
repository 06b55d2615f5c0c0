-- Clicks per page and the two most clicked pages, kept up to date as clicks arrive and a bot's are removed.
-- Run it with: bin/sql examples/sql/clicks.sql   (or bin/sql -i examples/sql/clicks.sql to go on at a prompt)

CREATE TABLE clicks (user_id INT NOT NULL, page VARCHAR(20) NOT NULL, clicked_at TIMESTAMP NOT NULL);

CREATE VIEW page_stats AS
  SELECT page, COUNT(*) AS clicks, COUNT(DISTINCT user_id) AS users
  FROM clicks
  GROUP BY page;

CREATE VIEW top_pages AS
  SELECT page, clicks FROM page_stats ORDER BY clicks DESC, page LIMIT 2;

DESCRIBE page_stats;

INSERT INTO clicks VALUES
  (1, 'home', TIMESTAMP '2024-05-01 10:00:00'),
  (1, 'cart', TIMESTAMP '2024-05-01 10:01:00'),
  (2, 'home', TIMESTAMP '2024-05-01 10:02:00'),
  (3, 'blog', TIMESTAMP '2024-05-01 10:03:00');
STEP;
SELECT * FROM top_pages ORDER BY clicks DESC;   -- a view keeps no order: a query gives it

-- user 9 is a bot hammering the blog
INSERT INTO clicks VALUES
  (9, 'blog', TIMESTAMP '2024-05-01 10:04:00'),
  (9, 'blog', TIMESTAMP '2024-05-01 10:04:01'),
  (9, 'blog', TIMESTAMP '2024-05-01 10:04:02');
CHANGES top_pages;

-- the bot's clicks are removed again: the top two go back to what they were
DELETE FROM clicks WHERE user_id = 9;
STEP;
CHANGES top_pages;
SELECT * FROM page_stats;

-- every click, in time order: a query may read the tables too
SELECT user_id, page, clicked_at FROM clicks ORDER BY clicked_at;
