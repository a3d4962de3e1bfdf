#!/usr/bin/env bash
# Produces the real `pg_stat_activity` captures in this folder from a throwaway PostgreSQL 15 cluster on
# 127.0.0.1:54417 (samples/shared/lib.sh), driven into each backend state by psql sessions fed through
# FIFOs (closing a FIFO ends its session, so nothing outlives the script). Run as root from anywhere:
#   bash parsers/pgstat/__fixtures__/make-fixtures.sh
# Made with PostgreSQL 15 (Debian 12 package). Outputs are committed; the tests never run PostgreSQL.
# Times and pids differ on every run, so re-running changes the numbers the tests assert.
#
#   styles-*.txt    one instant with an idle session (inventory-sync), an active one (nightly-report in
#                   pg_sleep), idle-in-transaction ones (cart-service) and Lock waiters (checkout-api)
#                   in the four psql output styles users paste: aligned (default), -x expanded, --csv
#                   and -A unaligned; with and without the collector header and the now() column.
#   leak/           cart-service BEGINs on a new connection every 4 s and never ends the transaction:
#                   one capture per 4 s (the other helper's Node samples' query, one file per capture).
#   lock/           checkout-api holds a row lock in an open transaction; three more sessions wait for it.
#   down/           the server stopped: the capture's psql cannot connect.
#   pg15-connections.log  the server log of it all (log_connections / log_disconnections on).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../../../samples/shared/lib.sh
source "$HERE/../../../samples/shared/lib.sh"

PORT=54417
WORK="$(mktemp -d /tmp/rootline-pgstat.XXXXXX)"
chmod 755 "$WORK"
[ "$(id -u)" = 0 ] && chown postgres "$WORK"
FDS=()
PIDS=()
cleanup() {
  set +e
  for fd in "${FDS[@]}"; do eval "exec $fd>&-"; done
  stop_pids "${PIDS[@]}"
  pg_stop
  rm -rf "$WORK"
}
trap cleanup EXIT

pg_start "$WORK/pgdata" "$PORT" UTC
pg_sql -d postgres -c "CREATE ROLE shop_app LOGIN PASSWORD 'shop-app-pw'" -c "CREATE DATABASE shop OWNER shop_app"
export PGPASSWORD=shop-app-pw
APP_PSQL=(psql -X -q -h 127.0.0.1 -p "$PORT" -U shop_app -d shop)
PGAPPNAME=setup "${APP_PSQL[@]}" -c "CREATE TABLE stock (id int PRIMARY KEY, qty int NOT NULL)" \
  -c "INSERT INTO stock SELECT g, 100 FROM generate_series(1, 50) g"

# session NAME APP: a psql session reading statements from a FIFO; `say NAME SQL` sends one.
declare -A FD_OF
session() {
  local name="$1" app="$2" fd
  mkfifo "$WORK/$name.in"
  # Each session closes the other sessions' FIFO ends it inherited, or closing one would not end it.
  (
    for f in "${FDS[@]}"; do eval "exec $f>&-"; done
    PGAPPNAME="$app" exec "${APP_PSQL[@]}" <"$WORK/$name.in" >"$WORK/$name.out" 2>&1
  ) &
  PIDS+=("$!")
  exec {fd}>"$WORK/$name.in"
  FD_OF[$name]=$fd
  FDS+=("$fd")
}
say() { printf '%s\n' "$2" >&"${FD_OF[$1]}"; }
end_session() { local fd="${FD_OF[$1]}"; eval "exec $fd>&-"; }

# The query of the Node samples (now() AS captured_at first, client backends only, query cut to 120).
QUERY="SELECT now() AS captured_at, pid, usename, application_name, client_addr, backend_start, xact_start, query_start, state_change, state, wait_event_type, wait_event, left(query, 120) AS query FROM pg_stat_activity WHERE backend_type = 'client backend'"
# What users type more often: no time column, datname included, columns in another order.
PLAIN="SELECT pid, datname, usename, application_name, client_addr, state, wait_event_type, wait_event, backend_start, xact_start, query_start, state_change, query FROM pg_stat_activity WHERE datname = 'shop'"
CAP_PSQL=(psql -X -h 127.0.0.1 -p "$PORT" -U shop_app -d shop)

# Scenario 1 (leak): a new connection every 4 s that BEGINs, reads, and is never given back.
session idle inventory-sync
say idle "SELECT count(*) FROM stock;"
for i in 1 2 3 4 5 6; do
  session "leak$i" cart-service
  say "leak$i" "BEGIN;"
  say "leak$i" "SELECT qty FROM stock WHERE id = $((i + 10));"
  sleep 1
  PGAPPNAME=pgstat-collector snapshot "$HERE/leak" pg-stat-activity "" "${CAP_PSQL[@]}" -c "$QUERY"
  sleep 3
done

# The four styles at one instant, with the leak still open, plus an active and Lock waiters.
session report nightly-report
say report "SELECT pg_sleep(120);"
session holder checkout-api
say holder "BEGIN;"
say holder "UPDATE stock SET qty = qty - 1 WHERE id = 1;"
sleep 1
for i in 1 2; do
  session "w$i" checkout-api
  say "w$i" "UPDATE stock SET qty = qty - 1 WHERE id = 1;"
done
sleep 2
PGAPPNAME=pgstat-collector snapshot "$WORK" aligned "" "${CAP_PSQL[@]}" -c "$QUERY"
mv "$WORK"/aligned-*.txt "$HERE/styles-aligned-header.txt"
PGAPPNAME=pgstat-collector "${CAP_PSQL[@]}" -c "$PLAIN" >"$HERE/styles-aligned-plain.txt"
PGAPPNAME=pgstat-collector "${CAP_PSQL[@]}" -x -c "$PLAIN" >"$HERE/styles-expanded.txt"
PGAPPNAME=pgstat-collector snapshot "$WORK" expanded "" "${CAP_PSQL[@]}" -x -c "$QUERY"
mv "$WORK"/expanded-*.txt "$HERE/styles-expanded-header.txt"
PGAPPNAME=pgstat-collector "${CAP_PSQL[@]}" --csv -c "$QUERY" >"$HERE/styles-csv.csv"
PGAPPNAME=pgstat-collector "${CAP_PSQL[@]}" -A -c "$PLAIN" >"$HERE/styles-unaligned.txt"
# A statement over several lines, so the styles show how each prints a newline inside a value.
session multi reporting-ui
say multi "SELECT pg_sleep(60)
  , 'multi-line' AS label;"
sleep 1
PGAPPNAME=pgstat-collector "${CAP_PSQL[@]}" -c "SELECT pid, application_name, state, wait_event_type, wait_event, query FROM pg_stat_activity WHERE application_name = 'reporting-ui'" >"$HERE/styles-aligned-multiline.txt"
PGAPPNAME=pgstat-collector "${CAP_PSQL[@]}" -x -c "SELECT pid, application_name, state, query FROM pg_stat_activity WHERE application_name = 'reporting-ui'" >"$HERE/styles-expanded-multiline.txt"
PGAPPNAME=pgstat-collector "${CAP_PSQL[@]}" --csv -c "SELECT pid, application_name, state, query FROM pg_stat_activity WHERE application_name = 'reporting-ui'" >"$HERE/styles-csv-multiline.csv"
PGAPPNAME=pgstat-collector "${CAP_PSQL[@]}" -A -c "SELECT pid, application_name, state, query FROM pg_stat_activity WHERE application_name = 'reporting-ui'" >"$HERE/styles-unaligned-multiline.txt"
for s in multi report holder w1 w2 leak1 leak2 leak3 leak4 leak5 leak6; do end_session "$s"; done
sleep 2

# Scenario 2 (lock): one open transaction holds a row lock; three sessions queue behind it. No leak:
# the same single transaction stays open while its waiters age.
session holder2 checkout-api
say holder2 "BEGIN;"
say holder2 "UPDATE stock SET qty = qty - 1 WHERE id = 2;"
sleep 1
for i in 1 2 3; do
  session "lw$i" checkout-api
  say "lw$i" "UPDATE stock SET qty = qty - 1 WHERE id = 2;"
done
for i in 1 2 3 4 5; do
  sleep 3
  PGAPPNAME=pgstat-collector snapshot "$HERE/lock" pg-stat-activity "" "${CAP_PSQL[@]}" -c "$QUERY"
done
say holder2 "COMMIT;"
sleep 1
PGAPPNAME=pgstat-collector snapshot "$HERE/lock" pg-stat-activity "" "${CAP_PSQL[@]}" -c "$QUERY"
for s in holder2 lw1 lw2 lw3 idle; do end_session "$s"; done
sleep 1

# Scenario 3 (down): the server stops; the next capture cannot connect.
pg_stop
sleep 1
PGAPPNAME=pgstat-collector snapshot "$HERE/down" pg-stat-activity "" "${CAP_PSQL[@]}" -c "$QUERY"
cp "$PG_SOCK/postgresql.log" "$HERE/pg15-connections.log"
chmod 644 "$HERE"/*.txt "$HERE"/*.csv "$HERE"/*.log "$HERE"/*/*.txt
log "done"
