-- fare-quote's database: airports, routes between them, the fares on sale per route and cabin, and the
-- holds (a fare kept for a customer for 20 minutes). Loaded by make.sh as the app's role.
CREATE TABLE airports (
  code      char(3) PRIMARY KEY,
  name      text NOT NULL,
  tz        text NOT NULL
);

CREATE TABLE routes (
  id          integer PRIMARY KEY,
  origin      char(3) NOT NULL REFERENCES airports (code),
  destination char(3) NOT NULL REFERENCES airports (code),
  distance_km integer NOT NULL,
  UNIQUE (origin, destination)
);

CREATE TABLE fares (
  id            bigserial PRIMARY KEY,
  route_id      integer NOT NULL REFERENCES routes (id),
  cabin         text NOT NULL,
  fare_basis    text NOT NULL,
  base_cents    integer NOT NULL,
  seats_left    integer NOT NULL,
  advance_days  integer NOT NULL,
  refundable    boolean NOT NULL,
  valid_from    date NOT NULL,
  valid_to      date NOT NULL
);
CREATE INDEX fares_route_idx ON fares (route_id, cabin);

CREATE TABLE holds (
  id          bigserial PRIMARY KEY,
  fare_id     bigint NOT NULL REFERENCES fares (id),
  customer_id integer NOT NULL,
  price_cents integer NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);

INSERT INTO airports (code, name, tz)
SELECT 'A' || chr(65 + (n / 26)) || chr(65 + (n % 26)), 'Airport ' || n, 'Asia/Tokyo'
  FROM generate_series(0, 59) AS n;

INSERT INTO routes (id, origin, destination, distance_km)
SELECT row_number() OVER (), a.code, b.code, 300 + (abs(hashtext(a.code || b.code)) % 9000)
  FROM airports a JOIN airports b ON a.code <> b.code
 WHERE abs(hashtext(a.code || '>' || b.code)) % 6 = 0;

INSERT INTO fares (route_id, cabin, fare_basis, base_cents, seats_left, advance_days, refundable, valid_from, valid_to)
SELECT r.id,
       (ARRAY['economy', 'economy', 'economy', 'premium', 'business'])[1 + (f % 5)],
       chr(75 + (f % 12)) || (f % 7) || 'X' || (r.id % 97),
       (r.distance_km * (8 + (f % 5) * 6) + (f * 137) % 4000),
       (f * 31 + r.id) % 40,
       (ARRAY[0, 3, 7, 14, 21, 30])[1 + (f % 6)],
       f % 4 = 0,
       date '2026-11-01' + (f % 10),
       date '2027-03-31' - (f % 20)
  FROM routes r CROSS JOIN generate_series(1, 48) AS f;

ANALYZE airports, routes, fares, holds;
