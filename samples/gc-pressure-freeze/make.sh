#!/usr/bin/env bash
# Regenerates bundle/ for the gc-pressure-freeze sample: a JVM that freezes because of garbage collection.
#
# Runs the real software, everything on 127.0.0.1:
#   - PostgreSQL 15 (throwaway cluster on port 54361, times in Europe/Berlin): a billing database with
#     40,000 customers, 400,000 invoices and 4,000,000 invoice lines (src/schema.sql);
#   - billing-api (src/com/example/billing/BillingApi.java) on port 18161, JDK 17 with TZ=Europe/Berlin,
#     -XX:+UseParallelGC -Xms3g -Xmx3g: 16 request threads "worker-N" (com.sun.net.httpserver) on
#     HikariCP 2.7.9 (pool "billing-db", 4 connections, connectionTimeout 5000 ms) + pgjdbc 42.5; and, in the
#     same JVM, the scheduled invoice export (export/InvoiceExportJob.java): first run $EXPORT_INITIAL s after
#     start, then $EXPORT_DELAY s after each run ends. Each run reads all 4,000,000 lines of the month without
#     a fetch size, maps, groups and renders them in memory: a working set of ~2-2.5 GB in a 3 GB heap, so
#     the parallel collector runs back-to-back young and full collections of seconds each while it runs.
#     Nothing is retained after a run: the heap goes back to ~150-300 MB live.
#     Logging: logback, `%date %-5level [%thread] %logger{36} - %msg%n` (src/logback.xml) to logs/app.log;
#     GC: -Xlog:gc*:file=logs/gc.log:time,uptimemillis,level,tags.
#   - the driver's traffic (src/.../loadgen/LoadClient.java, another JVM): 32 virtual users "vu-N" calling
#     the API with 2-5 s think time, each call logged with the latency it saw (logs/loadgen.log).
# Collected (every file starts with the `# captured <UTC> host=… pid=… cmd=…` header): `top -b -n 1 -H`
# of the service's threads before, during each export run and after; `jstack` and `jmap -histo` before
# (`-histo:live`), during the second run (`-histo`, no forced GC) and after it (`-histo:live`).
# Needs root or the postgres OS user for initdb, and:
#   apt-get install openjdk-17-jdk-headless libhikaricp-java libpostgresql-jdbc-java liblogback-java libslf4j-java postgresql-15 procps
# Takes about 7 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"

BUNDLE="$HERE/bundle"
PG_PORT_WANTED=54361
APP_PORT=18161
ZONE=Europe/Berlin
RUN="${RUN:-360}"                   # seconds billing-api runs
EXPORT_INITIAL="${EXPORT_INITIAL:-45}"
EXPORT_DELAY="${EXPORT_DELAY:-50}"
LINES="${LINES:-4000000}"
CONNECTION_TIMEOUT_MS="${CONNECTION_TIMEOUT_MS:-5000}"
WORK="$(mktemp -d /tmp/rootline-gc-pressure.XXXXXX)"
chmod 755 "$WORK"
[ "$(id -u)" = 0 ] && chown postgres "$WORK"
APP_PID=""
CLIENT_PID=""

cleanup() {
  set +e
  stop_pids "$CLIENT_PID" "$APP_PID"
  pg_stop
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for p in "$PG_PORT_WANTED" "$APP_PORT"; do
  if ss -tlnH "( sport = :$p )" | grep -q .; then
    log "port $p is in use"
    exit 1
  fi
done

rm -rf "$BUNDLE"
mkdir -p "$BUNDLE/logs" "$BUNDLE/dumps" "$BUNDLE/snapshots"

log "PostgreSQL on 127.0.0.1:$PG_PORT_WANTED, loading $LINES invoice lines"
pg_start "$WORK/pgdata" "$PG_PORT_WANTED" "$ZONE"
pg_sql -d postgres -c "CREATE ROLE billing_svc LOGIN PASSWORD 'billing-svc-pw'" \
  -c "CREATE DATABASE billing OWNER billing_svc"
as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d billing \
  -v customers=40000 -v invoices=400000 -v lines="$LINES" \
  -c "SET ROLE billing_svc" -f "$HERE/src/schema.sql" >/dev/null
log "database loaded"

log "compiling"
mkdir -p "$WORK/classes" "$WORK/export"
javac -encoding UTF-8 -cp "$JARS" -d "$WORK/classes" $(find "$HERE/src" -name '*.java')
cp "$HERE/src/logback.xml" "$WORK/classes/logback.xml"

START=$(date +%s)
(
  cd "$WORK"
  TZ="$ZONE" exec java -XX:+UseParallelGC -Xms3g -Xmx3g \
    "-Xlog:gc*:file=$BUNDLE/logs/gc.log:time,uptimemillis,level,tags" \
    -Dlogback.configurationFile="$WORK/classes/logback.xml" -DLOG_FILE="$BUNDLE/logs/app.log" \
    -Dbilling.port="$APP_PORT" -Dbilling.jdbcUrl="jdbc:postgresql://127.0.0.1:$PG_PORT/billing" \
    -Dbilling.user=billing_svc -Dbilling.password=billing-svc-pw -Dbilling.connectionTimeoutMs="$CONNECTION_TIMEOUT_MS" \
    -Dbilling.durationSeconds="$RUN" -Dbilling.export.initialDelaySeconds="$EXPORT_INITIAL" \
    -Dbilling.export.delaySeconds="$EXPORT_DELAY" -Dbilling.export.dir="$WORK/export" \
    -cp "$WORK/classes:$JARS" com.example.billing.BillingApi
) >>"$WORK/app.stdout" 2>&1 &
APP_PID=$!
log "billing-api started, pid $APP_PID, for $RUN s (export at +$EXPORT_INITIAL s, then $EXPORT_DELAY s after each run)"

# app_count PATTERN: lines of app.log matching PATTERN (0 when the file is not there yet).
app_count() {
  local n
  n="$(grep -cE "$1" "$BUNDLE/logs/app.log" 2>/dev/null)" || true
  echo "${n:-0}"
}

# wait_app_line PATTERN SECONDS: wait (bounded) until app.log has a line matching PATTERN.
wait_app_line() {
  local i
  for i in $(seq 1 "$2"); do
    [ "$(app_count "$1")" -gt 0 ] && return 0
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 1
  done
  log "no line matching '$1' after $2 s"
  return 1
}

at() { # at SECONDS: sleep until SECONDS after START
  local now
  now=$(date +%s)
  if [ $((START + $1)) -gt "$now" ]; then sleep $((START + $1 - now)); fi
}

wait_app_line 'Started billing-api' 60
(
  TZ="$ZONE" exec java -Xmx128m -Dlogback.configurationFile="$WORK/classes/logback.xml" \
    -DLOG_FILE="$BUNDLE/logs/loadgen.log" -Dload.baseUrl="http://127.0.0.1:$APP_PORT" -Dload.users=32 \
    -Dload.thinkMinMs=2000 -Dload.thinkMaxMs=5000 -Dload.durationSeconds=$((RUN - 15)) \
    -cp "$WORK/classes:$JARS" com.example.billing.loadgen.LoadClient
) >>"$WORK/client.stdout" 2>&1 &
CLIENT_PID=$!
log "load client started, pid $CLIENT_PID (32 virtual users)"

top_h() { TZ="$ZONE" snapshot "$BUNDLE/snapshots" top "$APP_PID" top -b -n 1 -H -w 160 -p "$APP_PID"; }
jstack_s() { TZ="$ZONE" snapshot "$BUNDLE/dumps" jstack "$APP_PID" jstack "$APP_PID"; }
histo() { TZ="$ZONE" snapshot "$BUNDLE/dumps" jmap-histo "$APP_PID" jmap "$1" "$APP_PID"; }

at 25
log "before the first export run: top -H, jstack, jmap -histo:live"
top_h
jstack_s
histo -histo:live

# Follow the export runs (app.log) until billing-api stops scheduling them (at most 5).
for run in 1 2 3 4 5; do
  if ! wait_app_line "run #$run started" $((EXPORT_INITIAL + EXPORT_DELAY + 180)); then
    break
  fi
  log "export run #$run started (app.log: $(grep -E "run #$run started" "$BUNDLE/logs/app.log" | cut -c1-23))"
  sleep 25
  if kill -0 "$APP_PID" 2>/dev/null; then
    log "export run #$run in progress: top -H"
    top_h
    if [ "$run" = 2 ]; then
      log "export run #2 in progress: jstack, jmap -histo (no :live, so no forced collection)"
      jstack_s
      histo -histo
    fi
  fi
  if wait_app_line "run #$run (finished|failed)" 240; then
    log "export run #$run ended (app.log: $(grep -E "run #$run (finished|failed)" "$BUNDLE/logs/app.log" | cut -c1-23))"
  fi
  if [ "$run" = 2 ]; then
    sleep 10
    log "after export run #2: top -H, jstack, jmap -histo:live"
    top_h
    jstack_s
    histo -histo:live
  fi
done

# Both JVMs stop by themselves at their deadlines.
for _ in $(seq 1 $((RUN + 120))); do
  kill -0 "$APP_PID" 2>/dev/null || kill -0 "$CLIENT_PID" 2>/dev/null || break
  sleep 1
done
if kill -0 "$APP_PID" 2>/dev/null; then log "billing-api still running; stopping it"; fi
stop_pids "$CLIENT_PID" "$APP_PID"
log "billing-api and load client stopped (app.log ends: $(tail -1 "$BUNDLE/logs/app.log" | cut -c1-23))"
APP_PID=""
CLIENT_PID=""

install -m 644 "$PG_SOCK/postgresql.log" "$BUNDLE/logs/postgresql.log"

log "GC pauses of 1 s or more (gc.log):"
grep -E '\[gc +\] GC\([0-9]+\) Pause' "$BUNDLE/logs/gc.log" |
  awk '{ms = $NF; sub(/ms$/, "", ms); if (ms + 0 >= 1000) print "  " $0}' >&2 || true
log "app.log: $(wc -l <"$BUNDLE/logs/app.log") lines, $(app_count 'Connection is not available') pool timeouts," \
  "$(app_count 'Thread starvation') housekeeper starvation warnings, $(app_count ' 503 ') 503 responses"
log "bundle written to $BUNDLE"
ls -lR "$BUNDLE" >&2
