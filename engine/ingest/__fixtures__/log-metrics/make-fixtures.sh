#!/usr/bin/env bash
# Regenerates the fixtures of metrics inside JSON logs (see PROVENANCE.md):
#   go-dbstats.log    go-dbstats/main.go (Go 1.19, encoding/json, database/sql + lib/pq)
#   node-pg-pool.log  node-pg-pool/pool-stats.mjs (Node 20, pg.Pool + pino)
# both against a throwaway PostgreSQL 15 cluster on 127.0.0.1:54396, and
#   zap.log, zerolog.log, logrus.log   go-loggers/ (Go 1.19 with Debian's zap, zerolog, logrus; no database)
# `./make-fixtures.sh go-loggers` makes only the last three
# (apt-get install golang-go golang-go.uber-zap-dev golang-github-rs-zerolog-dev golang-github-sirupsen-logrus-dev).
# Needs root or the postgres OS user for initdb, npm registry access, and:
#   apt-get install postgresql-15 golang-go golang-github-lib-pq-dev nodejs
# Takes about 1 minute 40 seconds.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../../../../samples/shared/lib.sh
source "$HERE/../../../../samples/shared/lib.sh"

PORT=54396
PHASE_GO=12
PHASE_NODE=10
PG_VERSION=8.23.1
PINO_VERSION=10.4.0
WORK="$(mktemp -d /tmp/rootline-log-metrics.XXXXXX)"
chmod 755 "$WORK"
[ "$(id -u)" = 0 ] && chown postgres "$WORK"

go_loggers() {
  log "building go-loggers with $(go version) (GOPATH mode, Debian's zap, zerolog, logrus)"
  mkdir -p "$WORK/gl"
  cp "$HERE"/go-loggers/*.go "$WORK/gl/"
  (cd "$WORK/gl" && GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$WORK/gocache" go build -o go-loggers .)
  log "running go-loggers ($LOGGER_INTERVALS intervals of $LOGGER_EVERY)"
  INTERVALS=$LOGGER_INTERVALS EVERY=$LOGGER_EVERY "$WORK/gl/go-loggers" "$HERE"
}
# Enough seconds for the leaked descriptors to pass fd-growth's MIN_DELTA (20) without a threshold of their own.
LOGGER_INTERVALS=30
LOGGER_EVERY=1s

cleanup() {
  set +e
  pg_stop
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "${1:-}" = go-loggers ]; then
  go_loggers
  exit 0
fi

if ss -tln "( sport = :$PORT )" | grep -q LISTEN; then
  log "port $PORT is in use"
  exit 1
fi

log "PostgreSQL on 127.0.0.1:$PORT"
pg_start "$WORK/pgdata" "$PORT" UTC
pg_sql -d postgres -c "CREATE ROLE stats_app LOGIN PASSWORD 'stats-app-pw'" -c "CREATE DATABASE stats OWNER stats_app"

log "building go-dbstats with $(go version) (GOPATH mode, Debian's lib/pq)"
mkdir -p "$WORK/go"
cp "$HERE/go-dbstats/main.go" "$WORK/go/"
(cd "$WORK/go" && GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$WORK/gocache" go build -o dbstats .)
log "running go-dbstats (3 phases of $PHASE_GO s)"
PHASE=$PHASE_GO DSN="postgres://stats_app:stats-app-pw@127.0.0.1:$PORT/stats?sslmode=disable" \
  "$WORK/go/dbstats" >"$HERE/go-dbstats.log"

log "installing pg@$PG_VERSION pino@$PINO_VERSION into $WORK/node"
mkdir -p "$WORK/node"
cp "$HERE/node-pg-pool/pool-stats.mjs" "$WORK/node/"
npm install --prefix "$WORK/node" --no-audit --no-fund --no-save "pg@$PG_VERSION" "pino@$PINO_VERSION" >&2
log "running node-pg-pool (3 phases of $PHASE_NODE s) with node $(node --version)"
(cd "$WORK/node" && PHASE=$PHASE_NODE PGHOST=127.0.0.1 PGPORT=$PORT PGDATABASE=stats PGUSER=stats_app PGPASSWORD=stats-app-pw \
  node pool-stats.mjs) >"$HERE/node-pg-pool.log"

log "done: $(wc -l <"$HERE/go-dbstats.log") + $(wc -l <"$HERE/node-pg-pool.log") lines"

go_loggers
