#!/usr/bin/env bash
# Regenerates bundle/ for the healthy sample: a normal few minutes of the same two services.
#   - The ranking backend (../shared/ranking-backend: HikariCP 2.7.9, pgjdbc 42.5, logback 1.2, JDK 17,
#     TZ=Asia/Seoul) against a throwaway PostgreSQL 15 on 127.0.0.1:54332, with NO idle-session
#     timeout and NO freezes: normal traffic, pool stats healthy.
#   - The Node edge API (api/server.mjs) with the real pino + pino-http (installed into a temp dir with
#     npm, never into the repo), driven by a bounded client (api/client.mjs): mostly 200s, a few 404s;
#     stopped with SIGTERM when the client is done.
#   - jstack / jmap -histo / top once in the middle of the run.
# Needs root or the postgres OS user for initdb, Node >= 20, npm registry access, and:
#   apt-get install libhikaricp-java libpostgresql-jdbc-java liblogback-java libslf4j-java postgresql-15 openjdk-17-jdk-headless
# Takes about 4 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"

BUNDLE="$HERE/bundle"
PORT=54332
API_PORT=38080
ZONE=Asia/Seoul
RUN_SECONDS=200
PINO_VERSION=10.4.0
PINO_HTTP_VERSION=11.0.0
WORK="$(mktemp -d /tmp/rootline-healthy.XXXXXX)"
chmod 755 "$WORK"
[ "$(id -u)" = 0 ] && chown postgres "$WORK"
APP_PID=""
API_PID=""

cleanup() {
  set +e
  stop_pids "$APP_PID" "$API_PID"
  pg_stop
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -rf "$BUNDLE"
mkdir -p "$BUNDLE/logs" "$BUNDLE/dumps" "$BUNDLE/snapshots"

log "installing pino@$PINO_VERSION pino-http@$PINO_HTTP_VERSION into $WORK/api"
mkdir -p "$WORK/api"
cp "$HERE/api/server.mjs" "$HERE/api/client.mjs" "$WORK/api/"
npm install --prefix "$WORK/api" --no-audit --no-fund --no-save "pino@$PINO_VERSION" "pino-http@$PINO_HTTP_VERSION" >&2

log "PostgreSQL on 127.0.0.1:$PORT"
pg_start "$WORK/pgdata" "$PORT" "$ZONE"
pg_setup_ranking
compile_backend "$WORK/classes"

(
  cd "$WORK"
  TZ="$ZONE" exec java -Xms256m -Xmx512m \
    "-Xlog:gc*:file=$BUNDLE/logs/gc.log:time,uptime,level,tags" \
    -Dlogback.configurationFile="$WORK/classes/logback.xml" -DLOG_DIR="$BUNDLE/logs" \
    -Drank.jdbcUrl="jdbc:postgresql://127.0.0.1:$PORT/ranking" -Drank.user=rank_app -Drank.password=rank-app-pw \
    -Drank.durationSeconds="$RUN_SECONDS" \
    -cp "$WORK/classes:$JARS" com.example.rank.RankingBackend
) >>"$WORK/app.stdout" 2>&1 &
APP_PID=$!
log "backend started, pid $APP_PID"

(
  cd "$WORK/api"
  API_PORT=$API_PORT API_SECONDS=$((RUN_SECONDS - 10)) API_LOG="$BUNDLE/logs/api.log" exec node server.mjs
) >>"$WORK/api.stdout" 2>&1 &
API_PID=$!
log "api started, pid $API_PID"
sleep 2

(cd "$WORK/api" && API_PORT=$API_PORT CLIENT_SECONDS=$((RUN_SECONDS - 20)) CLIENT_REQUESTS=5000 CLIENT_USERS=4 \
  timeout 300 node client.mjs) >&2 &
CLIENT_PID=$!

sleep 90
TZ="$ZONE" snapshot "$BUNDLE/dumps" jstack "$APP_PID" jstack "$APP_PID"
TZ="$ZONE" snapshot "$BUNDLE/dumps" jmap-histo "$APP_PID" jmap -histo "$APP_PID"
# the JVM, the Node service and the PostgreSQL postmaster only: the rest of this build machine is not part of the story
TZ="$ZONE" snapshot "$BUNDLE/snapshots" top "$APP_PID" top -b -n 1 -w 200 -p "$APP_PID,$API_PID,$(head -1 "$PG_DATA/postmaster.pid")"

wait "$CLIENT_PID" || log "client exited with $?"
# Traffic is over: stop the API the way a deploy would (SIGTERM), so its log ends with its traffic.
kill -TERM "$API_PID" 2>/dev/null || true
for i in $(seq 1 150); do
  kill -0 "$APP_PID" 2>/dev/null || kill -0 "$API_PID" 2>/dev/null || break
  sleep 1
done
for pid in "$APP_PID" "$API_PID"; do
  kill -0 "$pid" 2>/dev/null && { log "pid $pid did not stop in time; terminating it"; kill "$pid"; }
done
wait "$APP_PID" || true
APP_PID=""
wait "$API_PID" || true
API_PID=""

install -m 644 "$PG_SOCK/postgresql.log" "$BUNDLE/logs/postgresql.log"
log "bundle written to $BUNDLE"
ls -lR "$BUNDLE" >&2
