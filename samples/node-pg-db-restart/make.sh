#!/usr/bin/env bash
# Regenerates bundle/ for the sample "node-pg-db-restart": a Node API on node-postgres loses its
# database for ~30 s (PostgreSQL stopped with `pg_ctl stop -m fast`, started again), then recovers.
#
# Runs the real software: PostgreSQL 15 (throwaway cluster on 127.0.0.1:54391, server log with times in
# Europe/Berlin and PostgreSQL's default log_line_prefix '%m [%p] '), orders-api (api/server.mjs: Node 20,
# pg, pino, pino-http installed with npm into a temp dir, never into the repo; pg.Pool max 10,
# connectionTimeoutMillis 5000, idleTimeoutMillis 10000) and a bounded load client (api/client.mjs).
#   t=0     orders-api starts; the client starts (5 users, 150-600 ms think time)
#   t=90    pg_ctl stop -m fast ... ~30 s later pg_ctl start
#   +60 s   the client stops; SIGTERM: orders-api closes its server and ends its pool
# Needs root or the postgres OS user for initdb, Node >= 20, npm registry access, and:
#   apt-get install postgresql-15 nodejs
# Takes about 3 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"

# This script's own log: full UTC timestamps (the README's timeline is taken from them).
log() { printf '[make %s] %s\n' "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$*" >&2; }

BUNDLE="$HERE/bundle"
PORT=54391
API_PORT=18201
PG_ZONE=Europe/Berlin
NORMAL_FOR=90
DOWN_FOR=30
RECOVER_FOR=60
PG_VERSION=8.23.1
PINO_VERSION=10.4.0
PINO_HTTP_VERSION=11.0.0
WORK="$(mktemp -d /tmp/rootline-node-pg-restart.XXXXXX)"
chmod 755 "$WORK"
[ "$(id -u)" = 0 ] && chown postgres "$WORK"
API_PID=""
CLIENT_PID=""

cleanup() {
  set +e
  stop_pids "$CLIENT_PID" "$API_PID"
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
mkdir -p "$BUNDLE/logs"

log "installing pg@$PG_VERSION pino@$PINO_VERSION pino-http@$PINO_HTTP_VERSION into $WORK/api"
mkdir -p "$WORK/api"
cp "$HERE/api/server.mjs" "$HERE/api/client.mjs" "$WORK/api/"
npm install --prefix "$WORK/api" --no-audit --no-fund --no-save \
  "pg@$PG_VERSION" "pino@$PINO_VERSION" "pino-http@$PINO_HTTP_VERSION" >&2

log "PostgreSQL on 127.0.0.1:$PORT (log times in $PG_ZONE)"
pg_start "$WORK/pgdata" "$PORT" "$PG_ZONE"
pg_sql -d postgres -c "CREATE ROLE orders_app LOGIN PASSWORD 'orders-app-pw'" \
  -c "CREATE DATABASE orders OWNER orders_app"
as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PORT" -U postgres -d orders \
  -c "SET ROLE orders_app" -f "$HERE/api/schema.sql" >/dev/null
log "schema loaded; postmaster pid $(head -1 "$PG_DATA/postmaster.pid")"

(
  cd "$WORK/api"
  API_PORT=$API_PORT API_SECONDS=$((NORMAL_FOR + DOWN_FOR + RECOVER_FOR + 60)) \
    PGHOST=127.0.0.1 PGPORT=$PORT PGDATABASE=orders PGUSER=orders_app PGPASSWORD=orders-app-pw \
    exec node server.mjs
) >>"$BUNDLE/logs/orders-api.log" 2>&1 &
API_PID=$!
for i in $(seq 1 50); do
  grep -q 'listening on' "$BUNDLE/logs/orders-api.log" 2>/dev/null && break
  kill -0 "$API_PID" 2>/dev/null || { log "orders-api exited"; cat "$BUNDLE/logs/orders-api.log" >&2; exit 1; }
  sleep 0.2
done
log "orders-api started, pid $API_PID"

(cd "$WORK/api" && API_PORT=$API_PORT CLIENT_USERS=5 CLIENT_SECONDS=$((NORMAL_FOR + DOWN_FOR + RECOVER_FOR)) \
  timeout 400 node client.mjs) &
CLIENT_PID=$!
log "client started, pid $CLIENT_PID"

sleep "$NORMAL_FOR"
log "pg_ctl stop -m fast (postmaster pid $(head -1 "$PG_DATA/postmaster.pid"))"
as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >&2
log "PostgreSQL stopped"
sleep "$DOWN_FOR"
log "pg_ctl start"
as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_SOCK/postgresql.log" -w -t 30 start >&2
log "PostgreSQL started, postmaster pid $(head -1 "$PG_DATA/postmaster.pid")"

wait "$CLIENT_PID" || log "client exited with $?"
CLIENT_PID=""
log "client done; SIGTERM to orders-api"
kill -TERM "$API_PID" 2>/dev/null || true
for i in $(seq 1 100); do
  kill -0 "$API_PID" 2>/dev/null || break
  sleep 0.1
done
kill -0 "$API_PID" 2>/dev/null && { log "orders-api did not stop in time; terminating it"; kill -KILL "$API_PID"; }
wait "$API_PID" || true
API_PID=""
log "orders-api stopped"

install -m 644 "$PG_SOCK/postgresql.log" "$BUNDLE/logs/postgresql.log"
log "bundle written to $BUNDLE"
ls -lR "$BUNDLE" >&2
