-- Schema and data of the billing service: customers, their invoices and the invoice lines that the
-- monthly export reads. Sizes are set by psql variables (customers, invoices, lines).
CREATE TABLE customer (
  id    integer PRIMARY KEY,
  name  text NOT NULL,
  email text NOT NULL
);
CREATE TABLE invoice (
  id          bigint PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customer (id),
  period      text NOT NULL,
  total       numeric(12,2) NOT NULL,
  status      text NOT NULL
);
CREATE TABLE invoice_line (
  id          bigint PRIMARY KEY,
  invoice_id  bigint NOT NULL,
  customer_id integer NOT NULL,
  sku         text NOT NULL,
  description text NOT NULL,
  quantity    integer NOT NULL,
  unit_price  numeric(10,2) NOT NULL,
  created_at  timestamptz NOT NULL
);
CREATE TABLE payment (
  id         bigserial PRIMARY KEY,
  invoice_id bigint NOT NULL,
  amount     numeric(12,2) NOT NULL,
  paid_at    timestamptz NOT NULL DEFAULT now()
);
INSERT INTO customer
SELECT i, 'Customer ' || i, 'billing+' || i || '@example.com' FROM generate_series(1, :customers) AS i;
INSERT INTO invoice
SELECT i, 1 + (i::bigint * 7919) % :customers, '2026-11', ((i * 131) % 100000) / 100.0, CASE WHEN i % 5 = 0 THEN 'paid' ELSE 'open' END
FROM generate_series(1, :invoices) AS i;
INSERT INTO invoice_line
SELECT i, 1 + (i % :invoices), 1 + ((1 + (i % :invoices))::bigint * 7919) % :customers,
       'SKU-' || lpad(((i * 37) % 20000)::text, 5, '0'),
       'usage ' || ((i * 13) % 997) || ' units, plan ' || (i % 7),
       1 + i % 9, ((i * 17) % 50000) / 100.0,
       timestamptz '2026-11-01 00:00:00+01' + (i % 2592000) * interval '1 second'
FROM generate_series(1, :lines) AS i;
CREATE INDEX invoice_customer_idx ON invoice (customer_id);
CREATE INDEX invoice_line_invoice_idx ON invoice_line (invoice_id);
ANALYZE customer; ANALYZE invoice; ANALYZE invoice_line;
