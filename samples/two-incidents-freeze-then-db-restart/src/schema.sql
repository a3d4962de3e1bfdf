-- Schema and data of billing-service: 20000 customer accounts, 200000 invoices, the payments made.
CREATE TABLE accounts (
  account_id    integer PRIMARY KEY,
  name          text NOT NULL,
  balance_cents bigint NOT NULL
);
CREATE TABLE invoices (
  invoice_id   integer PRIMARY KEY,
  account_id   integer NOT NULL REFERENCES accounts,
  amount_cents integer NOT NULL,
  status       text NOT NULL,
  due_date     date NOT NULL
);
CREATE TABLE payments (
  payment_id   bigserial PRIMARY KEY,
  invoice_id   integer NOT NULL REFERENCES invoices,
  amount_cents integer NOT NULL,
  paid_at      timestamptz NOT NULL DEFAULT now()
);
INSERT INTO accounts (account_id, name, balance_cents)
SELECT i, 'customer-' || i, ((i * 7919) % 500000)::bigint FROM generate_series(1, 20000) AS i;
INSERT INTO invoices (invoice_id, account_id, amount_cents, status, due_date)
SELECT i, 1 + (i * 31) % 20000, 500 + ((i::bigint * 104729) % 95000)::integer,
       CASE WHEN i % 3 = 0 THEN 'paid' ELSE 'open' END, date '2026-10-01' + (i % 90)
FROM generate_series(1, 200000) AS i;
CREATE INDEX invoices_account_idx ON invoices (account_id, status, due_date);
ANALYZE accounts;
ANALYZE invoices;
ANALYZE payments;
