#!/usr/bin/env bash
# Regenerates bundle/ for the sample "connection-leak-unreturned": a Java stock service whose stock export
# (GET /api/reports/stock.csv) borrows a HikariCP connection and closes it on the happy path only; for
# one warehouse the export fails half-way (an unknown unit of measure), so each of those requests leaks a
# connection. The pool drains over minutes; then every request times out waiting for a connection.
# The look-alike of "deadlock-holding-pool-connections": leak warnings and pool timeouts in both, but here
# no thread is blocked on a lock and jstack reports no deadlock.
#
# Runs the real software, everything on 127.0.0.1:
#   - PostgreSQL 15: a throwaway cluster on 127.0.0.1:54351, times in UTC;
#   - stock-service (src/com/example/inventory/**.java): JDK 17, HikariCP 2.7.9 (pool "stock-db"), pgjdbc 42.5,
#     SLF4J 1.7 -> slf4j-log4j12 -> log4j-1.2-api -> log4j-core 2.19 (Debian's jars), TZ=UTC; shop traffic
#     generated inside the service (stock lookups and orders, ~4 requests/s) on 16 threads with Executors' default names ("pool-3-thread-N");
#   - at +45 s the partner feed is switched on (the driver creates its trigger file): a stock export every
#     4 s, cycling through the four warehouses (so WH-SOUTH, the one that fails, every 16 s);
#   - `jstack -l` every 30 s, `pg_stat_activity` (psql) before the feed and twice after it;
#   - at +310 s the operator restarts the service: SIGTERM (the pool shuts down, closing the leaked connections).
# Needs root (or the postgres OS user) for initdb, and:
#   apt-get install openjdk-17-jdk-headless libhikaricp-java libpostgresql-jdbc-java libslf4j-java liblog4j2-java postgresql-15
# Takes about 5.5 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"

BUNDLE="$HERE/bundle"
PORT=54351
ZONE=UTC
FEED_AT=45     # seconds after the service started: the partner feed starts requesting exports
STOP_AT=310    # seconds after the service started: the operator restarts it
CP=/usr/share/java/HikariCP.jar:/usr/share/java/postgresql.jar:/usr/share/java/slf4j-api.jar:/usr/share/java/slf4j-log4j12.jar:/usr/share/java/log4j-1.2-api.jar:/usr/share/java/log4j-api.jar:/usr/share/java/log4j-core.jar
WORK="$(mktemp -d /tmp/rootline-connleak.XXXXXX)"
chmod 755 "$WORK"
[ "$(id -u)" = 0 ] && chown postgres "$WORK"
APP_PID=""

cleanup() {
  set +e
  stop_pids "$APP_PID"
  pg_stop
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ss -tln "( sport = :$PORT )" | grep -q LISTEN; then
  log "port $PORT is in use"
  exit 1
fi

rm -rf "$BUNDLE"
mkdir -p "$BUNDLE/logs" "$BUNDLE/dumps" "$BUNDLE/snapshots"

log "PostgreSQL on 127.0.0.1:$PORT ($ZONE)"
pg_start "$WORK/pgdata" "$PORT" "$ZONE"
pg_sql -d postgres -c "CREATE ROLE inv_app LOGIN PASSWORD 'inv-app-pw'" -c "CREATE DATABASE inventory OWNER inv_app"
as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PORT" -U postgres -d inventory \
  -c "SET ROLE inv_app" -f "$HERE/schema.sql" >/dev/null

log "compiling stock-service"
javac -encoding UTF-8 -cp "$CP" -d "$WORK/classes" "$HERE"/src/com/example/inventory/*.java \
  "$HERE"/src/com/example/inventory/reports/*.java
cp "$HERE/src/log4j2.xml" "$WORK/classes/log4j2.xml"

(
  cd "$WORK"
  TZ="$ZONE" exec java -Xms128m -Xmx256m \
    "-Xlog:gc:file=$BUNDLE/logs/gc.log:time,uptime,level,tags" \
    -Dlog4j.configurationFile="$WORK/classes/log4j2.xml" -DLOG_DIR="$BUNDLE/logs" \
    -Dinv.jdbcUrl="jdbc:postgresql://127.0.0.1:$PORT/inventory?ApplicationName=stock-service" \
    -Dinv.user=inv_app -Dinv.password=inv-app-pw -Dinv.partnerTrigger="$WORK/partner-feed.on" \
    -cp "$WORK/classes:$CP" com.example.inventory.StockService
) >>"$WORK/app.stdout" 2>&1 &
APP_PID=$!
START=$(date +%s)
log "stock-service started, pid $APP_PID"
for _ in $(seq 1 60); do
  grep -q 'Started stock-service' "$BUNDLE/logs/stock-service.log" 2>/dev/null && break
  sleep 0.5
done

at() { # at SECONDS: sleep until SECONDS after START
  local now
  now=$(date +%s)
  if [ $((START + $1)) -gt "$now" ]; then sleep $((START + $1 - now)); fi
}

capture_jstack() {
  TZ="$ZONE" snapshot "$BUNDLE/dumps" jstack "$APP_PID" jstack -l "$APP_PID"
  local f
  f="$(ls -t "$BUNDLE"/dumps/jstack-*.txt | head -1)"
  log "  $(grep -c 'Java-level deadlock' "$f" || true) deadlock report(s), $(grep -c 'java.lang.Thread.State: BLOCKED' "$f" || true) threads BLOCKED, $(grep -c 'HikariPool.getConnection' "$f" || true) in HikariPool.getConnection"
}

capture_activity() {
  snapshot "$BUNDLE/snapshots" pg_stat_activity "$(head -1 "$PG_DATA/postmaster.pid")" \
    runuser -u postgres -- "$PG_BIN/psql" -X -h "$PG_SOCK" -p "$PORT" -U postgres -d inventory -c \
    "SELECT pid, application_name, client_port, backend_start, xact_start, state_change, state, wait_event_type, wait_event, left(query, 70) AS query FROM pg_stat_activity WHERE datname = 'inventory' AND pid <> pg_backend_pid() ORDER BY backend_start"
}

# The collector (bounded): jstack -l every 30 s, pg_stat_activity at +40, +170 and +265 s.
for t in 30 40 "$FEED_AT" 60 90 120 150 170 180 210 240 265 270 300; do
  at "$t"
  case "$t" in
    "$FEED_AT")
      : >"$WORK/partner-feed.on"
      log "partner feed switched on: a stock export every 4 s (WH-EAST, WH-WEST, WH-NORTH, WH-SOUTH, ...)"
      ;;
    40 | 170 | 265) capture_activity ;;
    *) capture_jstack ;;
  esac
done
log "executor: $(grep 'request executor' "$BUNDLE/logs/stock-service.log" | tail -1 | sed 's/.* - //')"

at "$STOP_AT"
log "operator restarts stock-service: SIGTERM to $APP_PID"
kill "$APP_PID"
for _ in $(seq 1 60); do
  kill -0 "$APP_PID" 2>/dev/null || break
  sleep 0.5
done
if kill -0 "$APP_PID" 2>/dev/null; then
  log "stock-service did not stop in 30 s; SIGKILL"
  kill -KILL "$APP_PID"
fi
wait "$APP_PID" || true
APP_PID=""
log "stock-service stopped"

install -m 644 "$PG_SOCK/postgresql.log" "$BUNDLE/logs/postgresql.log"
# The machine this runs on is shared and may itself be paused (a paused VM stops every clock the JVM's
# scheduler uses): the health line is due every 30 s of the JVM's clock; a longer wall-clock gap means the
# whole machine stood still, which is not part of this story. Say so, so that the run can be repeated.
gap="$(grep 'request executor' "$BUNDLE/logs/stock-service.log" | cut -c1-23 | tr , . |
  while read -r d; do date -d "$d" +%s.%N; done | awk 'NR > 1 { g = $1 - p; if (g > m) m = g } { p = $1 } END { printf "%.1f", m }')"
log "longest gap between the 30 s health lines: $gap s"
if awk -v g="$gap" 'BEGIN { exit !(g > 32) }'; then log "WARNING: the machine stood still during this run; run make.sh again"; fi
log "$(grep -c 'Stock export .*rows' "$BUNDLE/logs/stock-service.log" || true) exports completed, $(grep -c 'stock.csv?warehouse=WH-SOUTH failed' "$BUNDLE/logs/stock-service.log" || true) WH-SOUTH exports failed"
log "$(grep -c 'status=500' "$BUNDLE/logs/stock-service.log" || true) requests answered 500, $(grep -c 'status=503' "$BUNDLE/logs/stock-service.log" || true) answered 503, $(grep -c 'Connection leak detection triggered' "$BUNDLE/logs/stock-service.log" || true) leak warnings"
log "bundle written to $BUNDLE"
ls -lR "$BUNDLE" >&2
du -sh "$BUNDLE" >&2
