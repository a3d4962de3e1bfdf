-- stock-service's database: the SKU catalogue, 12 warehouses, the stock of every SKU in every warehouse,
-- and the reservations checkout makes. Loaded by make.sh as the owner role (stock_owner, the role
-- migrations run as); the service connects as stock_app, which may only read and write rows.
SELECT setseed(0.17);

CREATE TABLE skus (
  id            integer PRIMARY KEY,
  name          text NOT NULL,
  category      text NOT NULL,
  weight_g      integer NOT NULL,
  list_price    numeric(10,2) NOT NULL
);

CREATE TABLE warehouses (
  id            integer PRIMARY KEY,
  code          text NOT NULL UNIQUE,
  region        text NOT NULL,
  lat           double precision NOT NULL,
  lon           double precision NOT NULL,
  cutoff_hour   smallint NOT NULL
);

CREATE TABLE stock_levels (
  sku_id        integer NOT NULL REFERENCES skus (id),
  warehouse_id  integer NOT NULL REFERENCES warehouses (id),
  on_hand       integer NOT NULL,
  reserved      integer NOT NULL DEFAULT 0,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sku_id, warehouse_id)
);

CREATE TABLE reservations (
  id            bigserial PRIMARY KEY,
  order_ref     text NOT NULL,
  sku_id        integer NOT NULL,
  warehouse_id  integer NOT NULL,
  qty           integer NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reservations_sku ON reservations (sku_id, created_at);

INSERT INTO skus (id, name, category, weight_g, list_price)
SELECT g, 'SKU-' || lpad(g::text, 6, '0'),
       (ARRAY['kitchen','garden','tools','toys','outdoor','bath','lighting','storage'])[1 + (random() * 7)::int],
       50 + (random() * 20000)::int, round((2 + random() * 400)::numeric, 2)
FROM generate_series(1, 20000) g;

INSERT INTO warehouses (id, code, region, lat, lon, cutoff_hour)
SELECT g, 'WH-' || (ARRAY['BOM','DEL','BLR','MAA','HYD','CCU','PNQ','AMD','JAI','LKO','NAG','COK'])[g],
       (ARRAY['west','north','south','south','south','east','west','west','north','north','central','south'])[g],
       (ARRAY[19.07,28.61,12.97,13.08,17.38,22.57,18.52,23.02,26.91,26.85,21.15,9.93])[g],
       (ARRAY[72.88,77.21,77.59,80.27,78.49,88.36,73.86,72.57,75.79,80.95,79.09,76.27])[g],
       (ARRAY[14,15,14,13,14,12,15,14,13,13,12,14])[g]
FROM generate_series(1, 12) g;

INSERT INTO stock_levels (sku_id, warehouse_id, on_hand, reserved)
SELECT s, w, (random() * 400)::int, (random() * 20)::int
FROM generate_series(1, 20000) s, generate_series(1, 12) w;

ANALYZE skus;
ANALYZE warehouses;
ANALYZE stock_levels;
