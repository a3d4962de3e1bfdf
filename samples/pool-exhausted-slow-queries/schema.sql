-- Schema and data of booking-service (appointment booking for a chain of clinics): 40 clinics, one
-- year of appointment slots (16 a day, 4 places each), 120,000 bookings made over the past year, and
-- the archive table the monthly archive job moves old bookings to.
CREATE TABLE clinics (
  id   integer PRIMARY KEY,
  name text NOT NULL,
  city text NOT NULL
);
CREATE TABLE slots (
  id        bigserial PRIMARY KEY,
  clinic_id integer NOT NULL REFERENCES clinics,
  starts_at timestamptz NOT NULL,
  capacity  integer NOT NULL,
  booked    integer NOT NULL DEFAULT 0
);
CREATE INDEX slots_clinic_starts_idx ON slots (clinic_id, starts_at);
CREATE TABLE bookings (
  id         bigserial PRIMARY KEY,
  slot_id    bigint NOT NULL REFERENCES slots,
  patient    text NOT NULL,
  status     text NOT NULL DEFAULT 'CONFIRMED',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bookings_slot_idx ON bookings (slot_id);
CREATE INDEX bookings_created_idx ON bookings (created_at);
CREATE TABLE bookings_archive (LIKE bookings INCLUDING DEFAULTS);

INSERT INTO clinics (id, name, city)
SELECT i, 'Clinic ' || i, (ARRAY['Sao Paulo', 'Campinas', 'Santos', 'Sorocaba', 'Ribeirao Preto'])[1 + i % 5]
FROM generate_series(1, 40) AS i;
-- slots from 300 days ago to 60 days ahead, 08:00-15:30 local time every half hour
INSERT INTO slots (clinic_id, starts_at, capacity, booked)
SELECT c.id, d + make_interval(hours => 8, mins => 30 * h), 4, 0
FROM clinics c
CROSS JOIN generate_series(date_trunc('day', now()) - interval '300 days', date_trunc('day', now()) + interval '60 days', interval '1 day') AS d
CROSS JOIN generate_series(0, 15) AS h;
-- 120,000 bookings over the past year, oldest first
INSERT INTO bookings (slot_id, patient, created_at)
SELECT 1 + (hashtext(i::text) & 2147483647) % 200000, 'patient-' || (100000 + (hashtext('p' || i) & 65535)),
       now() - interval '365 days' + i * interval '262 seconds'
FROM generate_series(1, 120000) AS i;
ANALYZE clinics, slots, bookings;
