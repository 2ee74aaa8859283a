-- bench_cards: 10,000 customers with a Luhn-valid 16-digit card number each, for the
-- masking workload (cards-select.sql reads 1,000 of them per transaction).
-- Run as the table owner (the 'bench' role); idempotent.
SET client_min_messages = warning;
DROP TABLE IF EXISTS bench_cards;
CREATE TABLE bench_cards (
  id    integer PRIMARY KEY,
  name  text NOT NULL,
  email text NOT NULL,
  card  text NOT NULL,
  note  text NOT NULL
);

-- Luhn check digit for a string of digits (the digit that makes payload||digit valid).
CREATE FUNCTION pg_temp.luhn_digit(payload text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT (10 - sum(CASE WHEN i % 2 = 1
                        THEN (2 * d) / 10 + (2 * d) % 10
                        ELSE d END) % 10) % 10
  FROM (SELECT i, substr(reverse(payload), i, 1)::integer AS d
        FROM generate_series(1, length(payload)) AS i) AS digits
$$;

INSERT INTO bench_cards (id, name, email, card, note)
SELECT id,
       'Customer ' || id,
       'customer' || id || '@example.com',
       p || pg_temp.luhn_digit(p),
       'loyalty tier ' || (id % 5) || ', last order #' || (100000 + id * 7) || ', no remarks'
FROM (SELECT id, '4' || lpad((id * 7919)::text, 14, '0') AS p
      FROM generate_series(1, 10000) AS id) AS s;

ANALYZE bench_cards;

-- Self-check: every card must pass Luhn (sum of the doubled-every-second digits % 10 = 0).
DO $$
DECLARE bad integer;
BEGIN
  SELECT count(*) INTO bad FROM bench_cards c
  WHERE (SELECT sum(CASE WHEN i % 2 = 0 THEN (2 * d) / 10 + (2 * d) % 10 ELSE d END) % 10
         FROM (SELECT i, substr(reverse(c.card), i, 1)::integer AS d
               FROM generate_series(1, length(c.card)) AS i) AS x) <> 0;
  IF bad > 0 THEN RAISE EXCEPTION '% card numbers fail Luhn', bad; END IF;
END $$;
