#!/usr/bin/env bash
# Regenerates bundle/ for the sample "two unrelated incidents, close together": a JVM frozen by the host
# for ~55 s, then, ~10 s after it runs again, a restart of the PostgreSQL server (~25 s down).
#
# Runs the real software: PostgreSQL 15 (throwaway cluster on 127.0.0.1:54341, server log in UTC with
# Debian's log_line_prefix), billing-service (src/com/example/billing/BillingService.java: HikariCP 2.7.9,
# pgjdbc 42.5, logback 1.2, JDK 17, TZ=America/New_York, 12 request threads named `XNIO-1 task-N`,
# pool `billing-pool` max 8 / min idle 4 / connectionTimeout 10 s).
#   t=0     billing-service starts (runs $RUN s, then stops by itself and closes its pool)
#   t=90    jstack + top (the JVM and the postmaster)
#   t=93    kill -STOP the JVM (the host freezes it) ... t=148 kill -CONT (55 s: HikariCP's housekeeper
#           warns only when its delta exceeds 45 s)
#   t=158   pg_ctl stop -m fast ... t=183 pg_ctl start (the database is down ~25 s)
#   t=243   jstack + top again; t=250 SIGTERM: billing-service finishes its requests and closes its pool
# Needs root or the postgres OS user for initdb, and:
#   apt-get install libhikaricp-java libpostgresql-jdbc-java liblogback-java libslf4j-java postgresql-15 openjdk-17-jdk-headless procps
# Takes about 4.5 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"

# This script's own log: full UTC timestamps (the README's timeline is taken from them).
log() { printf '[make %s] %s\n' "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$*" >&2; }

BUNDLE="$HERE/bundle"
PORT=54341
APP_ZONE=America/New_York
PG_ZONE=UTC
RUN=300           # billing-service's own deadline (a safety net: the script stops it at STOP_AT)
CAPTURE1_AT=90
FREEZE_AT=93
FREEZE_FOR=55
PG_STOP_AFTER=10  # seconds after the JVM runs again
PG_DOWN_FOR=25
CAPTURE2_AT=243
STOP_AT=250
WORK="$(mktemp -d /tmp/rootline-two-incidents.XXXXXX)"
chmod 755 "$WORK"
[ "$(id -u)" = 0 ] && chown postgres "$WORK"
APP_PID=""

cleanup() {
  set +e
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -CONT "$APP_PID" # a stopped JVM cannot act on SIGTERM
    kill "$APP_PID"
    wait "$APP_PID"
  fi
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

log "PostgreSQL on 127.0.0.1:$PORT (log_timezone $PG_ZONE)"
pg_start "$WORK/pgdata" "$PORT" "$PG_ZONE"
# Debian's own log_line_prefix (postgresql-common sets it in the clusters it creates).
pg_sql -d postgres -c "ALTER SYSTEM SET log_line_prefix = '%m [%p] %q%u@%d '" -c "SELECT pg_reload_conf()" >/dev/null
pg_sql -d postgres -c "CREATE ROLE billing_app LOGIN PASSWORD 'billing-app-pw'" \
  -c "CREATE DATABASE billing OWNER billing_app"
pg_sql -d billing -c "SET ROLE billing_app" -f "$HERE/src/schema.sql" >/dev/null
log "schema loaded"

log "compiling billing-service"
mkdir -p "$WORK/classes"
javac -encoding UTF-8 -cp "$JARS" -d "$WORK/classes" "$HERE/src/com/example/billing/BillingService.java"
cp "$HERE/src/logback.xml" "$WORK/classes/logback.xml"

capture_all() {
  TZ="$APP_ZONE" snapshot "$BUNDLE/dumps" jstack "$APP_PID" jstack "$APP_PID"
  # the JVM and the PostgreSQL postmaster only: the rest of this build machine is not part of the story
  TZ="$APP_ZONE" snapshot "$BUNDLE/snapshots" top "$APP_PID" \
    top -b -n 1 -w 200 -p "$APP_PID,$(head -1 "$PG_DATA/postmaster.pid")"
}

# The build machine (a VM) may itself be paused by its host; then the wall clock jumps ahead of the
# monotonic one. Log the difference so that a pause that is not part of the story shows in this log.
clock_offset() { awk -v now="$(date +%s.%N)" '{ printf "%.3f", now - $1 }' /proc/uptime; }
OFFSET0=$(clock_offset)

START=$(date +%s)
at() { # at SECONDS: sleep until SECONDS after START
  local now
  now=$(date +%s)
  if [ $((START + $1)) -gt "$now" ]; then sleep $((START + $1 - now)); fi
}

(
  cd "$WORK"
  TZ="$APP_ZONE" exec java -Xms128m -Xmx256m \
    "-Xlog:gc*:file=$BUNDLE/logs/gc.log:time,uptime,level,tags" \
    -Dlogback.configurationFile="$WORK/classes/logback.xml" -DLOG_DIR="$BUNDLE/logs" \
    -Dbilling.jdbcUrl="jdbc:postgresql://127.0.0.1:$PORT/billing" -Dbilling.user=billing_app \
    -Dbilling.password=billing-app-pw -Dbilling.durationSeconds="$RUN" \
    -cp "$WORK/classes:$JARS" com.example.billing.BillingService
) >>"$WORK/app.stdout" 2>&1 &
APP_PID=$!
log "billing-service started, pid $APP_PID, for $RUN s"

at "$CAPTURE1_AT"
capture_all

at "$FREEZE_AT"
kill -STOP "$APP_PID"
log "host froze the JVM (kill -STOP $APP_PID) for $FREEZE_FOR s"
at $((FREEZE_AT + FREEZE_FOR))
kill -CONT "$APP_PID"
log "JVM running again (kill -CONT $APP_PID)"

at $((FREEZE_AT + FREEZE_FOR + PG_STOP_AFTER))
log "stopping PostgreSQL (pg_ctl stop -m fast)"
as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null
log "PostgreSQL stopped"
at $((FREEZE_AT + FREEZE_FOR + PG_STOP_AFTER + PG_DOWN_FOR))
log "starting PostgreSQL (pg_ctl start)"
as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_SOCK/postgresql.log" -w -t 30 start >/dev/null
log "PostgreSQL accepting connections again"

at "$CAPTURE2_AT"
capture_all

at "$STOP_AT"
log "stopping billing-service (SIGTERM)"
kill -TERM "$APP_PID"
for _ in $(seq 1 30); do
  kill -0 "$APP_PID" 2>/dev/null || break
  sleep 1
done
if kill -0 "$APP_PID" 2>/dev/null; then
  log "billing-service did not stop in time; killing it"
  kill -KILL "$APP_PID"
fi
wait "$APP_PID" || true
log "billing-service stopped"
APP_PID=""

PAUSED=$(awk -v a="$OFFSET0" -v b="$(clock_offset)" 'BEGIN { printf "%.1f", b - a }')
log "wall clock ran ${PAUSED} s ahead of the monotonic clock during the run (>1 s: the VM itself was paused)"
# the server log as a collector takes it: the server is still running (the throwaway cluster is stopped
# by the cleanup trap afterwards, outside the story)
install -m 644 "$PG_SOCK/postgresql.log" "$BUNDLE/logs/postgresql.log"
if [ -s "$WORK/app.stdout" ]; then
  log "JVM stdout/stderr (not part of the bundle):"
  cat "$WORK/app.stdout" >&2
fi
log "bundle written to $BUNDLE"
ls -lR "$BUNDLE" >&2
