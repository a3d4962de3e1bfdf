-- loyalty-service's database: members with their points, the offer catalogue, redemptions.
-- Loaded with generate_series (deterministic, setseed) by make.sh as the app's role.
SELECT setseed(0.42);

CREATE TABLE members (
  id          integer PRIMARY KEY,
  tier        smallint NOT NULL,
  points      integer NOT NULL,
  home_store  integer NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE offers (
  id          integer PRIMARY KEY,
  tier_min    smallint NOT NULL,
  category    text NOT NULL,
  cost_points integer NOT NULL,
  weight      double precision NOT NULL,
  valid_until timestamptz NOT NULL
);
CREATE INDEX offers_tier ON offers (tier_min, id);

CREATE TABLE redemptions (
  id          bigserial PRIMARY KEY,
  member_id   integer NOT NULL REFERENCES members (id),
  offer_id    integer NOT NULL REFERENCES offers (id),
  points      integer NOT NULL,
  voucher     text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX redemptions_member ON redemptions (member_id, created_at);

INSERT INTO members (id, tier, points, home_store)
SELECT g, 1 + (random() * 3)::int, (random() * 50000)::int, 1 + (random() * 400)::int
FROM generate_series(1, 200000) g;

INSERT INTO offers (id, tier_min, category, cost_points, weight, valid_until)
SELECT g, 1 + (random() * 3)::int,
       (ARRAY['grocery','fuel','travel','dining','pharmacy','electronics','apparel','home'])[1 + (random() * 7)::int],
       100 + (random() * 4900)::int, random(), now() + interval '30 days'
FROM generate_series(1, 3000) g;

ANALYZE members;
ANALYZE offers;
