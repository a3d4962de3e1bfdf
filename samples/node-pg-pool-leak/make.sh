#!/usr/bin/env bash
# Regenerates bundle/ for the sample "node-pg-pool-leak": a Node API on node-postgres whose reservation route
# returns 409 without releasing its pooled client (after BEGIN) whenever the stock is short. A B2B import that
# orders more than any item holds hits that path every 4-7 s: the pool's clients go out one by one and never
# come back, PostgreSQL shows their backends `idle in transaction`, and once all 10 are gone every caller
# fails with pg-pool's "timeout exceeded when trying to connect" while the database sits idle.
#
# Runs the real software, everything on 127.0.0.1:
#   - PostgreSQL 15 (throwaway cluster on port 54465, server log times in Europe/Madrid, log_connections and
#     log_disconnections on, log_min_duration_statement 1000, log_lock_waits on): database `stock`
#     (src/schema.sql: 2,000 items, 60,000 past reservations), owner stock_app; ops_monitor (pg_monitor) reads
#     pg_stat_activity.
#   - stock-api (src/server.mjs) on port 18465: Node 20 with pg 8.23.1 (Pool max 10, connectionTimeoutMillis
#     3000, idleTimeoutMillis 30000), pino 10.4.0 + pino-http 11.0.0 (NDJSON, ISO times) to logs/stock-api.log.
#     npm installs the packages of src/package-lock.json into src/node_modules (npm ci).
#   - the traffic (src/client.mjs, Node 20 fetch): 6 users for CLIENT_FOR s; the bulk import from BULK_FROM s.
#   t=0          stock-api and the traffic start
#   t=40         the bulk import starts: one 409 (and one leaked client) every 4-7 s
#   t=~95        the pool is empty: every request waits 3 s and fails with 500
#   t=170        the traffic stops; stock-api keeps running (its pool stats still show 10 of 10 out)
#   t=195        SIGTERM to stock-api
# Collected: logs/stock-api.log, logs/postgresql.log, and every 5 s snapshots/pg-stat-activity-<UTC>.txt:
#   psql -X -h 127.0.0.1 -p PORT -U ops_monitor -d stock -c "SELECT now() AS captured_at, pid, … FROM
#   pg_stat_activity WHERE backend_type = 'client backend'" under the collector header of ../shared/lib.sh.
# Needs root or the postgres OS user for initdb, Node >= 20 with npm, npm registry access (or a filled npm
# cache), and: apt-get install postgresql-15 nodejs
# Takes about 3.5 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"

# This script's own log, also used by lib.sh's snapshot(): full UTC times to the millisecond (the README's
# timeline comes from it).
log() { printf '[make %s] %s\n' "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$*" >&2; }

BUNDLE="${BUNDLE:-$HERE/bundle}"
PORT=54465
API_PORT=18465
PG_ZONE=Europe/Madrid
CLIENT_FOR="${CLIENT_FOR:-170}"
BULK_FROM="${BULK_FROM:-40}"
IDLE_AFTER="${IDLE_AFTER:-25}"
SNAP_EVERY=5
WORK="$(mktemp -d /tmp/rootline-node-pg-pool-leak.XXXXXX)"
chmod 755 "$WORK"
[ "$(id -u)" = 0 ] && chown postgres "$WORK"
API_PID=""
CLIENT_PID=""
SNAP_PID=""

cleanup() {
  set +e
  stop_pids "$SNAP_PID" "$CLIENT_PID" "$API_PID"
  pg_stop
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for p in "$PORT" "$API_PORT"; do
  if ss -tln "( sport = :$p )" | grep -q LISTEN; then
    log "port $p is in use"
    exit 1
  fi
done

rm -rf "$BUNDLE"
mkdir -p "$BUNDLE/logs" "$BUNDLE/snapshots"

log "npm ci in $HERE/src (pg, pino, pino-http from package-lock.json)"
npm ci --prefix "$HERE/src" --no-audit --no-fund --prefer-offline >&2

log "PostgreSQL on 127.0.0.1:$PORT (log times in $PG_ZONE)"
pg_start "$WORK/pgdata" "$PORT" "$PG_ZONE"
pg_sql -d postgres -c "ALTER SYSTEM SET log_min_duration_statement = 1000" -c "ALTER SYSTEM SET log_lock_waits = on" \
  -c "SELECT pg_reload_conf()" >/dev/null
pg_sql -d postgres -c "CREATE ROLE stock_app LOGIN PASSWORD 'stock-app-pw'" -c "CREATE DATABASE stock OWNER stock_app" \
  -c "CREATE ROLE ops_monitor LOGIN PASSWORD 'ops-monitor-pw' IN ROLE pg_monitor"
pg_sql -d stock -c "SET log_min_duration_statement = -1" -c "SET ROLE stock_app" -f "$HERE/src/schema.sql" >/dev/null
PG_PID="$(head -1 "$PG_DATA/postmaster.pid")"
log "schema loaded; postmaster pid $PG_PID"

(
  cd "$HERE/src"
  API_PORT=$API_PORT API_SECONDS=$((CLIENT_FOR + IDLE_AFTER + 30)) \
    PGHOST=127.0.0.1 PGPORT=$PORT PGDATABASE=stock PGUSER=stock_app PGPASSWORD=stock-app-pw \
    exec node server.mjs
) >>"$BUNDLE/logs/stock-api.log" 2>&1 &
API_PID=$!
for _ in $(seq 1 50); do
  grep -q 'listening on' "$BUNDLE/logs/stock-api.log" 2>/dev/null && break
  kill -0 "$API_PID" 2>/dev/null || { log "stock-api exited"; cat "$BUNDLE/logs/stock-api.log" >&2; exit 1; }
  sleep 0.2
done
log "stock-api started, pid $API_PID"

# pg_stat_activity every SNAP_EVERY s, as an on-call engineer's watch loop would take it.
(
  export PGPASSWORD=ops-monitor-pw # in the environment, not on the captured command line
  while :; do
    snapshot "$BUNDLE/snapshots" pg-stat-activity "$PG_PID" \
      "$PG_BIN/psql" -X -h 127.0.0.1 -p "$PORT" -U ops_monitor -d stock -c "SELECT now() AS captured_at, pid, usename, application_name, client_addr, backend_start, xact_start, query_start, state_change, state, wait_event_type, wait_event, left(query, 120) AS query FROM pg_stat_activity WHERE backend_type = 'client backend'"
    sleep "$SNAP_EVERY"
  done
) &
SNAP_PID=$!

(cd "$HERE/src" && API_PORT=$API_PORT CLIENT_USERS=6 CLIENT_SECONDS=$CLIENT_FOR BULK_FROM=$BULK_FROM BULK_MIN=4 BULK_MAX=7 \
  timeout $((CLIENT_FOR + 60)) node client.mjs) &
CLIENT_PID=$!
log "traffic started, pid $CLIENT_PID (bulk import from +$BULK_FROM s)"

wait "$CLIENT_PID" || log "client exited with $?"
CLIENT_PID=""
log "traffic stopped; stock-api left running for $IDLE_AFTER s"
sleep "$IDLE_AFTER"
stop_pids "$SNAP_PID" || true # the loop ends by the signal: not a failure
SNAP_PID=""
log "SIGTERM to stock-api"
kill -TERM "$API_PID" 2>/dev/null || true
for _ in $(seq 1 100); do
  kill -0 "$API_PID" 2>/dev/null || break
  sleep 0.1
done
kill -0 "$API_PID" 2>/dev/null && { log "stock-api did not stop in time; terminating it"; kill -KILL "$API_PID"; }
wait "$API_PID" || true
API_PID=""
log "stock-api stopped"

install -m 644 "$PG_SOCK/postgresql.log" "$BUNDLE/logs/postgresql.log"
log "bundle written to $BUNDLE: $(ls "$BUNDLE/snapshots" | wc -l) pg_stat_activity snapshots"
ls -l "$BUNDLE/logs" >&2
