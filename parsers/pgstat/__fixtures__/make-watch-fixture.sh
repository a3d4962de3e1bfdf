#!/usr/bin/env bash
# Produces watch-aligned.txt: psql's `\watch 1` over pg_stat_activity for ~3 s (PostgreSQL 15 has no
# iteration count, so `timeout` sends SIGINT, as a user's Ctrl-C), each result under the title line
# `\watch` prints (its time, the interval). A throwaway cluster on 127.0.0.1:54418 via samples/shared/lib.sh
# with one idle session of inventory-sync (superuser over the cluster's unix socket). Run as root: bash parsers/pgstat/__fixtures__/make-watch-fixture.sh
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../../../samples/shared/lib.sh
source "$HERE/../../../samples/shared/lib.sh"
PORT=54418
WORK="$(mktemp -d /tmp/rootline-pgwatch.XXXXXX)"
chmod 755 "$WORK"
[ "$(id -u)" = 0 ] && chown postgres "$WORK"
IDLE=""
cleanup() {
  set +e
  [ -n "$IDLE" ] && exec 3>&-
  stop_pids "$IDLE"
  pg_stop
  rm -rf "$WORK"
}
trap cleanup EXIT
pg_start "$WORK/pgdata" "$PORT" UTC
mkfifo "$WORK/idle.in"
PGAPPNAME=inventory-sync as_pg "$PG_BIN/psql" -X -q -h "$PG_SOCK" -p "$PORT" -U postgres -d postgres <"$WORK/idle.in" >/dev/null 2>&1 &
IDLE=$!
exec 3>"$WORK/idle.in"
echo "SELECT 1;" >&3
sleep 1
printf '%s\n' "SELECT pid, application_name, state, wait_event_type, wait_event, xact_start, query FROM pg_stat_activity WHERE backend_type = 'client backend' \\watch 1" |
  timeout -s INT 3.5 "$PG_BIN/psql" -X -h "$PG_SOCK" -p "$PORT" -U postgres -d postgres >"$HERE/watch-aligned.txt" 2>&1 || true
chmod 644 "$HERE/watch-aligned.txt"
log "done"
