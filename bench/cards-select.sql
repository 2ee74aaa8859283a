-- pgbench script: one transaction = one SELECT returning 1,000 rows of bench_cards
-- (every row carries a Luhn-valid card number, so a payment-card masking rule fires on all).
\set start random(1, 9001)
SELECT id, name, email, card, note FROM bench_cards WHERE id BETWEEN :start AND :start + 999;
