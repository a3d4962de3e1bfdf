#!/usr/bin/env bash
# Regenerates the database/sql pool-waiter fixtures (see PROVENANCE.md) by running orders-worker/main.go (Go 1.19,
# GOPATH mode with Debian's lib/pq) against a throwaway PostgreSQL 15 on 127.0.0.1:54471:
#   orders-worker.log               its JSON lines (`context deadline exceeded` for the callers that waited too long)
#   goroutine-<UTC stamp>.txt       net/http/pprof goroutine?debug=2 taken 2 s in, while six callers wait in
#                                   database/sql.(*DB).conn, under the collector header of samples/shared/go/lib.sh
# Needs root or the postgres OS user for initdb, and: apt-get install postgresql-15 golang-go golang-github-lib-pq-dev curl
# Takes about 15 seconds.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../../../../../samples/shared/lib.sh
source "$HERE/../../../../../samples/shared/lib.sh"
# shellcheck source=../../../../../samples/shared/go/lib.sh
source "$HERE/../../../../../samples/shared/go/lib.sh"

PORT=54471
PPROF_PORT=18471
WORK="$(mktemp -d /tmp/rootline-sql-pool-waiters.XXXXXX)"
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

for p in "$PORT" "$PPROF_PORT"; do
  if ss -tln "( sport = :$p )" | grep -q LISTEN; then
    log "port $p is in use"
    exit 1
  fi
done

log "PostgreSQL on 127.0.0.1:$PORT"
pg_start "$WORK/pgdata" "$PORT" UTC
pg_sql -d postgres -c "CREATE ROLE orders_app LOGIN PASSWORD 'orders-app-pw'" -c "CREATE DATABASE orders OWNER orders_app"

log "building orders-worker with $(go version) (GOPATH mode, Debian's lib/pq)"
mkdir -p "$WORK/go"
cp "$HERE/orders-worker/main.go" "$WORK/go/"
GOCACHE="$WORK/gocache" go_build "$WORK/go" "$WORK/orders-worker"

rm -f "$HERE"/goroutine-*.txt
DSN="postgres://orders_app:orders-app-pw@127.0.0.1:$PORT/orders?sslmode=disable" PPROF_PORT=$PPROF_PORT \
  "$WORK/orders-worker" >"$HERE/orders-worker.log" &
APP_PID=$!
sleep 2
goroutine_dump "$HERE" "$APP_PID" "http://127.0.0.1:$PPROF_PORT/debug/pprof/goroutine?debug=2"
wait "$APP_PID"
APP_PID=""
log "done: $(wc -l <"$HERE/orders-worker.log") log lines"
