-- Schema and data of the stock service: 2,020 products, 4 warehouses with a capacity, stock per
-- warehouse and product, orders (reservations) and transfers between warehouses.
CREATE TABLE products (
  sku         text PRIMARY KEY,
  description text NOT NULL,
  unit        text NOT NULL
);
CREATE TABLE warehouses (
  code     text PRIMARY KEY,
  capacity integer NOT NULL
);
CREATE TABLE stock (
  warehouse  text NOT NULL REFERENCES warehouses,
  sku        text NOT NULL REFERENCES products,
  on_hand    integer NOT NULL,
  reserved   integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (warehouse, sku)
);
CREATE TABLE orders (
  id         bigserial PRIMARY KEY,
  warehouse  text NOT NULL,
  sku        text NOT NULL,
  qty        integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE transfers (
  id         bigserial PRIMARY KEY,
  from_wh    text NOT NULL,
  to_wh      text NOT NULL,
  sku        text NOT NULL,
  qty        integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO products (sku, description, unit)
SELECT 'SKU-' || lpad(i::text, 5, '0'), 'article ' || i, CASE WHEN i % 3 = 0 THEN 'BOX' ELSE 'EA' END
FROM generate_series(1, 2000) AS i;
-- bulk goods, stocked in WH-SOUTH only, counted in pallets
INSERT INTO products (sku, description, unit)
SELECT 'SKU-9' || lpad(i::text, 4, '0'), 'bulk article ' || i, 'PAL' FROM generate_series(1, 20) AS i;
INSERT INTO warehouses (code, capacity) VALUES
  ('WH-EAST', 2000000), ('WH-WEST', 2000000), ('WH-NORTH', 1500000), ('WH-SOUTH', 1500000);
INSERT INTO stock (warehouse, sku, on_hand)
SELECT w.code, p.sku, 200 + (hashtext(w.code || p.sku) & 511)
FROM warehouses w CROSS JOIN products p
WHERE p.unit <> 'PAL' OR w.code = 'WH-SOUTH';
ANALYZE products, warehouses, stock;
