#!/usr/bin/env bash
# Regenerates bundle/ for incident 3 (seed 002: Spring Boot + HikariCP backend "dies every day at 4 pm").
#
# Runs the real software: PostgreSQL 15 (throwaway cluster on 127.0.0.1:54331), the ranking backend
# (../shared/ranking-backend: HikariCP 2.7.9, pgjdbc 42.5, logback 1.2, JDK 17) with TZ=Asia/Seoul.
#   1. An earlier, healthy run (later rotated to logs/app.log.1.gz, logrotate-style; its GC log is
#      rotated by the JVM itself to logs/gc.log.0 when the next run starts).
#   2. The incident run: normal traffic, then twice (minutes apart) the host starves the JVM: ~7.5 s at
#      ~1% CPU (three rounds of SIGSTOP 2.5 s / SIGCONT 20 ms), then a full 75 s stall (SIGSTOP ...
#      SIGCONT). PostgreSQL's idle_session_timeout = 60 s closes the pool's connections meanwhile.
#   3. jstack / jmap -histo / top before the first stall and after the last resume.
# Needs root or the postgres OS user for initdb, and:
#   apt-get install libhikaricp-java libpostgresql-jdbc-java liblogback-java libslf4j-java postgresql-15 openjdk-17-jdk-headless
# Takes about 9 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"

BUNDLE="$HERE/bundle"
PORT=54331
ZONE=Asia/Seoul
STALL_SECONDS=75
WORK="$(mktemp -d /tmp/rootline-incident3.XXXXXX)"
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

# start_app SECONDS: the backend in the background, writing into bundle/logs; sets APP_PID.
start_app() {
  (
    cd "$WORK"
    TZ="$ZONE" exec java -Xms256m -Xmx512m \
      "-Xlog:gc*:file=$BUNDLE/logs/gc.log:time,uptime,level,tags" \
      -Dlogback.configurationFile="$WORK/classes/logback.xml" -DLOG_DIR="$BUNDLE/logs" \
      -Drank.jdbcUrl="jdbc:postgresql://127.0.0.1:$PORT/ranking" -Drank.user=rank_app -Drank.password=rank-app-pw \
      -Drank.durationSeconds="$1" \
      -cp "$WORK/classes:$JARS" com.example.rank.RankingBackend
  ) >>"$WORK/app.stdout" 2>&1 &
  APP_PID=$!
  log "backend started, pid $APP_PID, for $1 s"
}

# wait_app: wait (bounded) for the backend to stop by itself at its deadline.
wait_app() {
  local i
  for i in $(seq 1 120); do
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$APP_PID" 2>/dev/null; then
    log "backend did not stop in time; terminating it"
    kill "$APP_PID"
  fi
  wait "$APP_PID" || true
  APP_PID=""
}

# starve: what a starved host does to the JVM: a few seconds of crumbs of CPU, then nothing for 75 s.
# The crumbs matter: request threads wake up together, the pool cannot serve them all in 20 ms, so the
# stall catches threads inside getConnection() (and some inside a transaction), as on the real host.
starve() {
  local i
  log "host starving the JVM: ~1% CPU for ~7.5 s"
  for i in 1 2 3; do
    kill -STOP "$APP_PID"
    sleep 2.5
    kill -CONT "$APP_PID"
    sleep 0.02
  done
  kill -STOP "$APP_PID"
  log "JVM stalled for $STALL_SECONDS s"
  sleep "$STALL_SECONDS"
  kill -CONT "$APP_PID"
  log "JVM running again"
}

capture_all() {
  TZ="$ZONE" snapshot "$BUNDLE/dumps" jstack "$APP_PID" jstack "$APP_PID"
  TZ="$ZONE" snapshot "$BUNDLE/dumps" jmap-histo "$APP_PID" jmap -histo "$APP_PID"
  # the JVM and the PostgreSQL postmaster only: the rest of this build machine is not part of the story
  TZ="$ZONE" snapshot "$BUNDLE/snapshots" top "$APP_PID" top -b -n 1 -w 200 -p "$APP_PID,$(head -1 "$PG_DATA/postmaster.pid")"
}

rm -rf "$BUNDLE"
mkdir -p "$BUNDLE/logs" "$BUNDLE/dumps" "$BUNDLE/snapshots"

log "PostgreSQL on 127.0.0.1:$PORT"
pg_start "$WORK/pgdata" "$PORT" "$ZONE"
pg_setup_ranking
# The database closes sessions that have been idle for a minute (a common managed-database default
# in spirit: it protects max_connections from forgotten clients).
pg_sql -d postgres -c "ALTER ROLE rank_app SET idle_session_timeout = '60s'" \
  -c "ALTER ROLE rank_app SET idle_in_transaction_session_timeout = '60s'"
compile_backend "$WORK/classes"

# 1. The earlier, healthy run.
start_app 60
wait_app
gzip -9 -c "$BUNDLE/logs/app.log" >"$BUNDLE/logs/app.log.1.gz"
rm "$BUNDLE/logs/app.log"
sleep 5

# 2. The incident run (deadline 450 s; the two stalls take ~81 s each).
start_app 450
sleep 95
capture_all # before the first stall
sleep 3
starve
sleep 100
starve
sleep 15
capture_all # after the last resume
wait_app

install -m 644 "$PG_SOCK/postgresql.log" "$BUNDLE/logs/postgresql.log"
log "bundle written to $BUNDLE"
ls -lR "$BUNDLE" >&2
