#!/usr/bin/env bash
# Regenerates bundle/ for the sample "pool-exhausted-slow-queries": the HikariCP pool of a Java booking
# service is genuinely exhausted by slow statements. An on-call engineer runs the monthly archive of old
# bookings by hand in a psql session: BEGIN; LOCK TABLE bookings IN SHARE ROW EXCLUSIVE MODE; move the
# old rows to bookings_archive; check the counts; COMMIT two minutes later. Meanwhile every booking
# (an INSERT into bookings) waits on that lock inside the database while holding its pooled connection;
# the 10 connections are all busy in such statements, every other request waits in getConnection() and
# times out after connectionTimeout (8 s): 503s. At COMMIT the waiting statements finish (after up to
# ~2 minutes each) and the service recovers by itself.
#
# Runs the real software, everything on 127.0.0.1:
#   - PostgreSQL 15: a throwaway cluster on 127.0.0.1:54381, times in America/Sao_Paulo, configured like a
#     Debian-managed cluster's log (log_line_prefix '%m [%p] %q%u@%d ') with log_min_duration_statement =
#     1000 and log_lock_waits = on;
#   - booking-service (src/com/example/booking/BookingService.java): JDK 17, com.sun.net.httpserver on
#     127.0.0.1:18191 with 16 "booking-exec-N" threads, HikariCP 2.7.9 ("booking-db", 10 connections,
#     connectionTimeout 8000, leakDetectionThreshold 300000), pgjdbc 42.5, log4j2 2.19 JsonLayout (Jackson
#     2.14 from Debian), TZ=America/Sao_Paulo;
#   - the patients' app (src/com/example/booking/LoadClient.java, another JVM, output to this script's log
#     only): 14 users, 1-3 s think time, 10 s HTTP timeout;
#   - +90 s: the archive session takes the lock; +210 s: it commits;
#   - jstack -l and ss -tanp at +60 s (normal), +115 s and +175 s (lock held), +245 s (recovered);
#   - +300 s: the traffic stops and the service is stopped with SIGTERM.
# Needs root (or the postgres OS user) for initdb, and:
#   apt-get install openjdk-17-jdk-headless libhikaricp-java libpostgresql-jdbc-java libslf4j-java \
#     liblog4j2-java libjackson2-core-java libjackson2-databind-java libjackson2-annotations-java \
#     postgresql-15 iproute2
# Takes about 5.5 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"

BUNDLE="$HERE/bundle"
PORT=54381
HTTP_PORT=18191
ZONE=America/Sao_Paulo
LOCK_AT=90      # seconds after the service started: the archive session locks the bookings table
COMMIT_AT=210   # ... and commits
TRAFFIC_SECONDS=300
USERS=14
CP=/usr/share/java/HikariCP.jar:/usr/share/java/postgresql.jar:/usr/share/java/slf4j-api.jar:/usr/share/java/slf4j-log4j12.jar:/usr/share/java/log4j-1.2-api.jar:/usr/share/java/log4j-api.jar:/usr/share/java/log4j-core.jar:/usr/share/java/jackson-core.jar:/usr/share/java/jackson-databind.jar:/usr/share/java/jackson-annotations.jar
WORK="$(mktemp -d /tmp/rootline-poolslow.XXXXXX)"
chmod 755 "$WORK"
[ "$(id -u)" = 0 ] && chown postgres "$WORK"
APP_PID=""
LOAD_PID=""
PSQL_PID=""

cleanup() {
  set +e
  exec 3>&- 2>/dev/null
  stop_pids "$LOAD_PID" "$APP_PID" "$PSQL_PID"
  pg_stop
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for p in "$PORT" "$HTTP_PORT"; do
  if ss -tln "( sport = :$p )" | grep -q LISTEN; then
    log "port $p is in use"
    exit 1
  fi
done

# pg_start_booking DATADIR: lib.sh's pg_start, plus this cluster's own logging settings, all written
# before the first start so that the whole server log has one line layout.
pg_start_booking() {
  local data="$1"
  as_pg "$PG_BIN/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 \
    --locale=C.UTF-8 >/dev/null
  cat >>"$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$WORK'
log_line_prefix = '%m [%p] %q%u@%d '
log_connections = on
log_disconnections = on
log_min_duration_statement = 1000
log_lock_waits = on
log_timezone = '$ZONE'
timezone = '$ZONE'
EOF
  as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$WORK/postgresql.log" -w -t 30 start >/dev/null
  PG_DATA="$data"
  PG_SOCK="$WORK"
  PG_PORT="$PORT"
}

rm -rf "$BUNDLE"
mkdir -p "$BUNDLE/logs" "$BUNDLE/dumps" "$BUNDLE/snapshots"

log "PostgreSQL on 127.0.0.1:$PORT ($ZONE)"
pg_start_booking "$WORK/pgdata"
pg_sql -d postgres -c "CREATE ROLE booking_app LOGIN PASSWORD 'booking-app-pw'" \
  -c "CREATE ROLE ops LOGIN PASSWORD 'ops-pw'" -c "CREATE DATABASE booking OWNER booking_app"
# (the data load is not part of the story: its own multi-second INSERTs are kept out of the server log)
as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PORT" -U postgres -d booking \
  -c "SET log_min_duration_statement = -1" -c "SET ROLE booking_app" -f "$HERE/schema.sql" >/dev/null
pg_sql -d booking -c "GRANT ALL ON ALL TABLES IN SCHEMA public TO ops"
log "schema loaded: $(pg_sql -d booking -Atc "SELECT (SELECT count(*) FROM slots) || ' slots, ' || (SELECT count(*) FROM bookings) || ' bookings'")"

log "compiling booking-service and the load client"
javac -encoding UTF-8 -cp "$CP" -d "$WORK/classes" "$HERE"/src/com/example/booking/*.java
cp "$HERE/src/log4j2.xml" "$WORK/classes/log4j2.xml"

(
  cd "$WORK"
  TZ="$ZONE" exec java -Xms128m -Xmx256m \
    "-Xlog:gc:file=$BUNDLE/logs/gc.log:time,uptimemillis,level,tags" \
    -Dlog4j.configurationFile="$WORK/classes/log4j2.xml" -DLOG_DIR="$BUNDLE/logs" \
    -Dbk.port="$HTTP_PORT" \
    -Dbk.jdbcUrl="jdbc:postgresql://127.0.0.1:$PORT/booking?ApplicationName=booking-service" \
    -Dbk.user=booking_app -Dbk.password=booking-app-pw \
    -cp "$WORK/classes:$CP" com.example.booking.BookingService
) >>"$WORK/app.stdout" 2>&1 &
APP_PID=$!
START=$(date +%s)
log "booking-service started, pid $APP_PID"
for _ in $(seq 1 60); do
  grep -q 'Started booking-service' "$BUNDLE/logs/booking-service.json" 2>/dev/null && break
  sleep 0.5
done
grep -q 'Started booking-service' "$BUNDLE/logs/booking-service.json" || { log "booking-service did not start"; cat "$WORK/app.stdout" >&2; exit 1; }

(
  cd "$WORK"
  TZ="$ZONE" exec java -Xmx128m -cp "$WORK/classes" com.example.booking.LoadClient \
    "http://127.0.0.1:$HTTP_PORT" "$USERS" "$TRAFFIC_SECONDS"
) > >(while IFS= read -r line; do log "$line"; done) 2>&1 &
LOAD_PID=$!
log "patients' app started: $USERS users for $TRAFFIC_SECONDS s (pid $LOAD_PID)"

at() { # at SECONDS: sleep until SECONDS after START
  local now
  now=$(date +%s)
  if [ $((START + $1)) -gt "$now" ]; then sleep $((START + $1 - now)); fi
}

capture() {
  TZ="$ZONE" snapshot "$BUNDLE/dumps" jstack "$APP_PID" jstack -l "$APP_PID"
  local f
  f="$(ls -t "$BUNDLE"/dumps/jstack-*.txt | head -1)"
  log "  booking-exec threads: $(grep -c '^"booking-exec-' "$f" || true), in HikariPool.getConnection: $(grep -c 'HikariPool.getConnection' "$f" || true), reading a pgjdbc response: $(grep -c 'PGStream.receiveChar' "$f" || true), BLOCKED: $(grep -c 'State: BLOCKED' "$f" || true)"
  snapshot "$BUNDLE/snapshots" ss "$APP_PID" ss -tanp "( sport = :$PORT or dport = :$PORT or sport = :$HTTP_PORT or dport = :$HTTP_PORT )"
}

# the archive session: psql reading from a FIFO the driver writes to (an engineer typing).
archive_sql() { # archive_sql SQL: one statement typed into the session, echoed to this script's log
  log "archive session> $1"
  printf '%s\n' "$1" >&3
}

at 60
capture

at "$LOCK_AT"
mkfifo "$WORK/archive.fifo"
chown postgres "$WORK/archive.fifo" 2>/dev/null || true
as_pg "$PG_BIN/psql" -X -e -h "$PG_SOCK" -p "$PORT" -U ops -d booking -v ON_ERROR_STOP=1 \
  <"$WORK/archive.fifo" > >(while IFS= read -r line; do log "  psql: $line"; done) 2>&1 &
PSQL_PID=$!
exec 3>"$WORK/archive.fifo"
log "on-call engineer starts the monthly archive of old bookings in psql (pid $PSQL_PID)"
archive_sql "BEGIN;"
archive_sql "LOCK TABLE bookings IN SHARE ROW EXCLUSIVE MODE;"
archive_sql "INSERT INTO bookings_archive SELECT * FROM bookings WHERE created_at < now() - interval '180 days';"
archive_sql "DELETE FROM bookings WHERE created_at < now() - interval '180 days';"
archive_sql "SELECT count(*) AS archived, min(created_at), max(created_at) FROM bookings_archive;"

at 115
capture
at 140
archive_sql "SELECT count(*) AS remaining, min(created_at) FROM bookings;"
at 175
capture
at 185
archive_sql "SELECT status, count(*) FROM bookings_archive GROUP BY status;"

at "$COMMIT_AT"
archive_sql "COMMIT;"
exec 3>&-
for _ in $(seq 1 30); do
  kill -0 "$PSQL_PID" 2>/dev/null || break
  sleep 0.5
done
stop_pids "$PSQL_PID" || true
PSQL_PID=""
log "archive session committed and closed"

at 245
capture

wait "$LOAD_PID" || true
LOAD_PID=""
log "patients' app finished"
at $((TRAFFIC_SECONDS + 5))
log "stopping booking-service: SIGTERM to $APP_PID"
kill "$APP_PID"
for _ in $(seq 1 60); do
  kill -0 "$APP_PID" 2>/dev/null || break
  sleep 0.5
done
if kill -0 "$APP_PID" 2>/dev/null; then
  log "booking-service did not stop in 30 s; SIGKILL"
  kill -KILL "$APP_PID"
fi
wait "$APP_PID" || true
APP_PID=""
log "booking-service stopped"

pg_stop
install -m 644 "$WORK/postgresql.log" "$BUNDLE/logs/postgresql.log"

J="$BUNDLE/logs/booking-service.json"
log "app log: $(wc -l <"$J") lines; $(grep -c '"message":"[A-Z]* [^ ]* 503 ' "$J" || true) requests answered 503, $(grep -c 'request timed out after' "$J" || true) pool timeouts, $(grep -c 'leak detection' "$J" || true) leak warnings, $(grep -c 'starvation' "$J" || true) starvation warnings"
log "pool stats with waiting>0: $(grep -c 'waiting=[1-9]' "$J" || true)"
log "postgresql.log: $(grep -c 'still waiting for' "$BUNDLE/logs/postgresql.log" || true) lock waits, $(grep -c 'duration: ' "$BUNDLE/logs/postgresql.log" || true) slow statements"
# The machine this runs on is shared and may itself be paused: the stats line is due every 15 s of the
# JVM's clock; a longer wall-clock gap means the whole machine stood still, which is not this story.
gap="$(grep -o '"epochSecond":[0-9]*,"nanoOfSecond":[0-9]*},"thread":"stats-reporter"' "$J" |
  sed 's/"epochSecond":\([0-9]*\),"nanoOfSecond":\([0-9]*\).*/\1 \2/' |
  awk '{ t = $1 + $2 / 1e9 } NR > 1 { g = t - p; if (g > m) m = g } { p = t } END { printf "%.1f", m }')"
log "longest gap between the 15 s stats lines: $gap s"
if awk -v g="$gap" 'BEGIN { exit !(g > 17) }'; then log "WARNING: the machine stood still during this run; run make.sh again"; fi
log "bundle written to $BUNDLE"
ls -lR "$BUNDLE" >&2
du -sh "$BUNDLE" >&2
