-- The orders API's schema and data (loaded as the app's role): 5,000 customers, 60,000 orders with
-- 1-4 items each.
CREATE TABLE customers (
  id          integer PRIMARY KEY,
  email       text NOT NULL UNIQUE,
  name        text NOT NULL,
  order_count integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE orders (
  id          bigserial PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customers(id),
  status      text NOT NULL,
  total_cents integer NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_customer_idx ON orders (customer_id, created_at DESC);
CREATE TABLE order_items (
  order_id    bigint NOT NULL REFERENCES orders(id),
  line        integer NOT NULL,
  sku         text NOT NULL,
  quantity    integer NOT NULL,
  price_cents integer NOT NULL,
  PRIMARY KEY (order_id, line)
);

INSERT INTO customers (id, email, name, created_at)
SELECT i, 'customer' || i || '@example.com', 'Customer ' || i, now() - (i % 900) * interval '1 day'
FROM generate_series(1, 5000) AS i;

INSERT INTO orders (customer_id, status, total_cents, created_at)
SELECT 1 + (i * 7919) % 5000,
       (ARRAY['placed', 'paid', 'shipped', 'delivered', 'cancelled'])[1 + i % 5],
       0,
       now() - (i % 720) * interval '1 hour' - (i % 3600) * interval '1 second'
FROM generate_series(1, 60000) AS i;

INSERT INTO order_items (order_id, line, sku, quantity, price_cents)
SELECT o.id, l, 'SKU-' || lpad(((o.id * 31 + l * 17) % 2000)::text, 6, '0'), 1 + (o.id + l) % 3, 199 + ((o.id * 13 + l) % 9000)
FROM orders o, generate_series(1, 4) AS l
WHERE l <= 1 + o.id % 4;

UPDATE orders o SET total_cents = s.total
FROM (SELECT order_id, sum(quantity * price_cents) AS total FROM order_items GROUP BY order_id) s
WHERE s.order_id = o.id;

UPDATE customers c SET order_count = s.n
FROM (SELECT customer_id, count(*) AS n FROM orders GROUP BY customer_id) s
WHERE s.customer_id = c.id;

ANALYZE customers;
ANALYZE orders;
ANALYZE order_items;
