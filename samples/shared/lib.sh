# Shared helpers for the make.sh scripts of the sample bundles (sourced, not run).
# Everything listens on 127.0.0.1 only; every started process is remembered so cleanup can end it.
# shellcheck shell=bash

SHARED_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
JARS=/usr/share/java/HikariCP.jar:/usr/share/java/postgresql.jar:/usr/share/java/slf4j-api.jar:/usr/share/java/logback-classic.jar:/usr/share/java/logback-core.jar

# Stops each process given that is still running (empty arguments are skipped) and reaps it: the
# make scripts' cleanup traps.
stop_pids() {
  for pid in "$@"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      wait "$pid"
    fi
  done
}

log() { printf '[make %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# Run a command as the postgres OS user when we are root (initdb and postgres refuse to run as root).
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg_start DATADIR PORT ZONE: throwaway cluster on 127.0.0.1:PORT, sockets in DATADIR/.., scram passwords,
# server log in DATADIR/../postgresql.log with times in ZONE (the host's zone in the story).
pg_start() {
  local data="$1" port="$2" zone="$3" sock
  sock="$(dirname "$data")"
  as_pg "$PG_BIN/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 \
    --locale=C.UTF-8 >/dev/null
  cat >>"$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sock'
log_connections = on
log_disconnections = on
log_timezone = '$zone'
timezone = '$zone'
EOF
  as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$sock/postgresql.log" -w -t 30 start >/dev/null
  PG_DATA="$data"
  PG_SOCK="$sock"
  PG_PORT="$port"
}

pg_stop() {
  if [ -n "${PG_DATA:-}" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  fi
}

# psql as the superuser over the unix socket.
pg_sql() {
  as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres "$@"
}

# Create the app's role and database and load the schema.
pg_setup_ranking() {
  pg_sql -d postgres -c "CREATE ROLE rank_app LOGIN PASSWORD 'rank-app-pw'" \
    -c "CREATE DATABASE ranking OWNER rank_app"
  as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d ranking \
    -c "SET ROLE rank_app" -f "$SHARED_DIR/ranking-backend/schema.sql" >/dev/null
}

# compile_backend OUTDIR: javac the ranking backend against Debian's jars.
compile_backend() {
  mkdir -p "$1"
  javac -encoding UTF-8 -cp "$JARS" -d "$1" "$SHARED_DIR/ranking-backend/RankingBackend.java"
  cp "$SHARED_DIR/ranking-backend/logback.xml" "$1/logback.xml"
}

# snapshot DIR PREFIX PID CMD...: run CMD into DIR/PREFIX-<UTC stamp>.txt, whose first line is the
# collector header `# captured <ISO-8601 UTC> host=<hostname> pid=<pid> cmd=<command>`; stamp and header
# come from the same instant (taken just before the command runs).
snapshot() {
  local dir="$1" prefix="$2" pid="$3" now out
  shift 3
  mkdir -p "$dir"
  now="$(date -u +%s)"
  out="$dir/$prefix-$(date -u -d "@$now" +%Y%m%dT%H%M%SZ).txt"
  {
    printf '# captured %s host=%s pid=%s cmd=%s\n' "$(date -u -d "@$now" +%Y-%m-%dT%H:%M:%SZ)" "$(hostname)" "$pid" "$*"
    "$@" 2>&1 || printf '# command exited with status %s\n' "$?"
  } >"$out"
  log "captured $out"
}
