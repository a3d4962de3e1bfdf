#!/usr/bin/env bash
# Regenerates the Knex, Sequelize and mysql2 pool-timeout fixtures (see PROVENANCE.md) by running
# client-pool-timeouts.mjs once per library:
#   knex.pino.log / knex.text.log            Knex on node-postgres, PostgreSQL 15 on 127.0.0.1:54471
#   sequelize.pino.log / sequelize.text.log  Sequelize on node-postgres, the same PostgreSQL
#   mysql2.pino.log / mysql2.text.log        mysql2's pool, MariaDB on 127.0.0.1:33391
# (*.pino.log: pino's NDJSON on stdout; *.text.log: console.error(time, message, err) on stderr), with the script's
# own silent listener on 54472 and 54474 left closed. The packages go into a temp dir, never into the repo.
# Needs root (initdb runs as postgres, mariadbd as mysql), npm registry access (or a filled npm cache), and:
#   apt-get install postgresql-15 mariadb-server nodejs
# Takes about a minute.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../../../../../samples/shared/lib.sh
source "$HERE/../../../../../samples/shared/lib.sh"

PG_PORT_FX=54471
MY_PORT=33391
SILENT_PORT=54472
CLOSED_PORT=54474
PKGS=(knex@3.3.0 sequelize@6.37.8 pg@8.23.1 mysql2@3.26.1 pino@10.4.0)
WORK="$(mktemp -d /tmp/rootline-client-pool-timeouts.XXXXXX)"
chmod 755 "$WORK"
[ "$(id -u)" = 0 ] && chown postgres "$WORK"
MY_PID=""

cleanup() {
  set +e
  stop_pids "$MY_PID"
  pg_stop
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for p in "$PG_PORT_FX" "$MY_PORT" "$SILENT_PORT" "$CLOSED_PORT"; do
  if ss -tln "( sport = :$p )" | grep -q LISTEN; then
    log "port $p is in use"
    exit 1
  fi
done

log "PostgreSQL on 127.0.0.1:$PG_PORT_FX"
pg_start "$WORK/pgdata" "$PG_PORT_FX" UTC
pg_sql -d postgres -c "CREATE ROLE fx_app LOGIN PASSWORD 'fx-app-pw'" -c "CREATE DATABASE fx OWNER fx_app"

log "MariaDB on 127.0.0.1:$MY_PORT"
mkdir -p "$WORK/mysql" "$WORK/run"
chown mysql: "$WORK/mysql" "$WORK/run"
mariadb-install-db --no-defaults --datadir="$WORK/mysql" --user=mysql --skip-test-db \
  --auth-root-authentication-method=socket >"$WORK/mysql-install.log" 2>&1
mariadbd --no-defaults --datadir="$WORK/mysql" --user=mysql --bind-address=127.0.0.1 --port=$MY_PORT \
  --socket="$WORK/run/mysql.sock" --pid-file="$WORK/run/mysql.pid" --log-error="$WORK/run/mysql.err" \
  --skip-log-bin &
MY_PID=$!
for _ in $(seq 1 60); do
  [ -S "$WORK/run/mysql.sock" ] && break
  sleep 0.5
done
mariadb --no-defaults --socket="$WORK/run/mysql.sock" -uroot <<'SQL'
CREATE DATABASE fx;
CREATE USER 'fx_app'@'127.0.0.1' IDENTIFIED BY 'fx-app-pw';
GRANT ALL ON fx.* TO 'fx_app'@'127.0.0.1';
SQL

log "installing ${PKGS[*]} into $WORK/node"
mkdir -p "$WORK/node"
cp "$HERE/client-pool-timeouts.mjs" "$WORK/node/"
npm install --prefix "$WORK/node" --no-audit --no-fund --no-save --prefer-offline "${PKGS[@]}" >&2

run() { # LIBRARY DB_PORT
  log "running client-pool-timeouts.mjs $1 with node $(node --version)"
  (cd "$WORK/node" && DB_PORT=$2 DB_NAME=fx DB_USER=fx_app DB_PASSWORD=fx-app-pw \
    SILENT_PORT=$SILENT_PORT CLOSED_PORT=$CLOSED_PORT node client-pool-timeouts.mjs "$1") \
    >"$HERE/$1.pino.log" 2>"$HERE/$1.text.log"
  log "$1: $(wc -l <"$HERE/$1.pino.log") pino lines, $(wc -l <"$HERE/$1.text.log") text lines"
}
run knex "$PG_PORT_FX"
run sequelize "$PG_PORT_FX"
run mysql2 "$MY_PORT"
