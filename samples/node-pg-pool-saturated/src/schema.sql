-- stock-api's database: warehouse items with their stock, and the reservations placed against them.
-- Loaded by make.sh as the app's role.
CREATE TABLE items (
  id          integer PRIMARY KEY,
  sku         text NOT NULL UNIQUE,
  name        text NOT NULL,
  warehouse   text NOT NULL,
  stock       integer NOT NULL CHECK (stock >= 0),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE reservations (
  id          bigserial PRIMARY KEY,
  item_id     integer NOT NULL REFERENCES items (id),
  order_ref   text NOT NULL,
  quantity    integer NOT NULL CHECK (quantity > 0),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reservations_item_idx ON reservations (item_id, created_at);

INSERT INTO items (id, sku, name, warehouse, stock)
SELECT g, 'SKU-' || (10000 + g), 'item ' || g, (ARRAY['FRA-1', 'FRA-2', 'MUC-1'])[1 + g % 3], 200 + (g * 37) % 800
  FROM generate_series(1, 2000) AS g;

INSERT INTO reservations (item_id, order_ref, quantity, created_at)
SELECT 1 + (g * 7919) % 2000, 'ORD-' || (500000 + g), 1 + g % 4, now() - make_interval(mins => g % 10080)
  FROM generate_series(1, 60000) AS g;
ANALYZE;
