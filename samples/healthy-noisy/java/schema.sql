-- Schema and data of the orders service: a product catalog and 60 days of order history
-- (the daily sales report aggregates it day by day; the CSV export streams it).
CREATE TABLE products (
  id          integer PRIMARY KEY,
  sku         text NOT NULL UNIQUE,
  name        text NOT NULL,
  category    text NOT NULL,
  price_cents integer NOT NULL,
  stock       integer NOT NULL
);
INSERT INTO products (id, sku, name, category, price_cents, stock)
SELECT i, 'SKU-' || lpad(i::text, 6, '0'), 'Product ' || i,
       (ARRAY['books', 'garden', 'kitchen', 'toys', 'sports', 'office'])[1 + i % 6],
       199 + (i * 7919) % 20000, 50 + (i * 37) % 500
FROM generate_series(1, 5000) AS i;

CREATE TABLE orders (
  id              bigserial PRIMARY KEY,
  product_id      integer NOT NULL REFERENCES products (id),
  quantity        integer NOT NULL,
  amount_cents    integer NOT NULL,
  customer_email  text NOT NULL,
  status          text NOT NULL,
  idempotency_key text UNIQUE,
  created_at      timestamptz NOT NULL DEFAULT now()
);
INSERT INTO orders (product_id, quantity, amount_cents, customer_email, status, created_at)
SELECT 1 + (i * 7) % 5000, 1 + i % 4, (1 + i % 4) * (199 + ((1 + (i * 7) % 5000) * 7919) % 20000),
       'customer' || (i % 40000) || '@example.com',
       (ARRAY['PAID', 'PAID', 'PAID', 'SHIPPED', 'SHIPPED', 'REFUNDED', 'CANCELLED'])[1 + i % 7],
       now() - interval '60 days' + (i * interval '60 days') / 1200000
FROM generate_series(1, 1200000) AS i;
ANALYZE products;
ANALYZE orders;
