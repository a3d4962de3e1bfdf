#!/usr/bin/env bash
# Regenerates the pool-timeout fixtures (see PROVENANCE.md) by running node-postgres into each failure:
#   pg-pool.pino.log  pool-timeouts.mjs's pino lines (NDJSON, pino's err serializer)
#   pg-pool.text.log  the same errors through console.error(time, message, err) (Node's util.inspect text)
# against a throwaway PostgreSQL 15 on 127.0.0.1:54461 and the script's own silent / closing listeners
# on 54462 / 54463 (54464 left closed). Knex, Sequelize and mysql2 are run by make-client-fixtures.sh.
# Needs root or the postgres OS user for initdb, npm registry access (or a filled npm cache), and:
#   apt-get install postgresql-15 nodejs
# Takes about 15 seconds.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../../../../../samples/shared/lib.sh
source "$HERE/../../../../../samples/shared/lib.sh"

PORT=54461
PG_VERSION=8.23.1
PINO_VERSION=10.4.0
WORK="$(mktemp -d /tmp/rootline-pool-timeouts.XXXXXX)"
chmod 755 "$WORK"
[ "$(id -u)" = 0 ] && chown postgres "$WORK"

cleanup() {
  set +e
  pg_stop
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for p in "$PORT" 54462 54463 54464; do
  if ss -tln "( sport = :$p )" | grep -q LISTEN; then
    log "port $p is in use"
    exit 1
  fi
done

log "PostgreSQL on 127.0.0.1:$PORT"
pg_start "$WORK/pgdata" "$PORT" UTC
pg_sql -d postgres -c "CREATE ROLE fx_app LOGIN PASSWORD 'fx-app-pw'" -c "CREATE DATABASE fx OWNER fx_app"

log "installing pg@$PG_VERSION pino@$PINO_VERSION into $WORK/node"
mkdir -p "$WORK/node"
cp "$HERE/pool-timeouts.mjs" "$WORK/node/"
npm install --prefix "$WORK/node" --no-audit --no-fund --no-save --prefer-offline "pg@$PG_VERSION" "pino@$PINO_VERSION" >&2

log "running pool-timeouts.mjs with node $(node --version)"
(cd "$WORK/node" && PGPORT=$PORT PGDATABASE=fx PGUSER=fx_app PGPASSWORD=fx-app-pw SILENT_PORT=54462 DROP_PORT=54463 CLOSED_PORT=54464 \
  node pool-timeouts.mjs) >"$HERE/pg-pool.pino.log" 2>"$HERE/pg-pool.text.log"
log "done: $(wc -l <"$HERE/pg-pool.pino.log") pino lines, $(wc -l <"$HERE/pg-pool.text.log") text lines"
