#!/usr/bin/env bash
# Regenerates bundle/ for the memory-leak-java sample: a JVM whose heap fills with objects a listener list
# keeps forever, until OutOfMemoryError: Java heap space.
#
# Runs the real software, everything on 127.0.0.1 (no database):
#   - quote-service (src/com/example/quotes/QuoteService.java) on port $APP_PORT, JDK 17 with TZ=UTC,
#     -XX:+UseG1GC -Xms64m -Xmx64m: 8 request threads "http-worker-N" (com.sun.net.httpserver). Each
#     GET /api/quotes/{sku} renders a ~22 KB quote and subscribes a QuoteSubscription (the quote's bytes and
#     a copy of the request headers) to the PriceFeed, which never lets go of it. A "price-feed" thread logs
#     how many subscriptions it holds every 10 s.
#     Logging: logback, `%date %-5level [%thread] %logger{36} - %msg%n` (src/logback.xml) to logs/app.log;
#     GC: -Xlog:gc*:file=logs/gc.log:time,uptimemillis,level,tags. Its stdout/stderr: logs/app.stdout.log.
#   - the shop front's traffic (src/.../loadgen/LoadClient.java, another JVM): 6 virtual users "vu-N" with
#     200-500 ms think time, each call logged with the latency it saw (logs/loadgen.log).
# Collected (every file starts with the `# captured <UTC> host=… pid=… cmd=…` header): `jmap -histo:live`
# of the service every $HISTO_EVERY s until the service has logged $OOM_WANTED OutOfMemoryErrors, and one
# `jstack` at the end.
# Needs: apt-get install openjdk-17-jdk-headless liblogback-java libslf4j-java
# Takes about 4 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"

BUNDLE="$HERE/bundle"
APP_PORT=18791
RUN="${RUN:-330}"               # seconds quote-service runs at most
HISTO_EVERY="${HISTO_EVERY:-20}" # seconds between heap histograms
OOM_WANTED="${OOM_WANTED:-5}"    # OutOfMemoryErrors in app.log before the captures stop
AFTER_OOM="${AFTER_OOM:-20}"     # seconds the service keeps running (and failing) after that
WORK="$(mktemp -d /tmp/rootline-memory-leak.XXXXXX)"
APP_PID=""
CLIENT_PID=""
CP="/usr/share/java/slf4j-api.jar:/usr/share/java/logback-classic.jar:/usr/share/java/logback-core.jar"

# stop_jvms PID...: SIGTERM, then SIGKILL after 15 s (a JVM out of heap may not run its shutdown in time).
stop_jvms() {
  local pid i
  for pid in "$@"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || continue
    for i in $(seq 1 15); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null || true
  done
}

cleanup() {
  set +e
  stop_jvms "$CLIENT_PID" "$APP_PID"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ss -tlnH "( sport = :$APP_PORT )" | grep -q .; then
  log "port $APP_PORT is in use"
  exit 1
fi

rm -rf "$BUNDLE"
mkdir -p "$BUNDLE/logs" "$BUNDLE/dumps"

log "compiling"
mkdir -p "$WORK/classes"
javac -encoding UTF-8 -cp "$CP" -d "$WORK/classes" $(find "$HERE/src" -name '*.java')
cp "$HERE/src/logback.xml" "$WORK/classes/logback.xml"

(
  cd "$WORK"
  TZ=UTC exec java -XX:+UseG1GC -Xms64m -Xmx64m \
    "-Xlog:gc*:file=$BUNDLE/logs/gc.log:time,uptimemillis,level,tags" \
    -Dlogback.configurationFile="$WORK/classes/logback.xml" -DLOG_FILE="$BUNDLE/logs/app.log" \
    -Dquotes.port="$APP_PORT" -Dquotes.durationSeconds="$RUN" \
    -cp "$WORK/classes:$CP" com.example.quotes.QuoteService
) >>"$WORK/app.stdout" 2>&1 &
APP_PID=$!
log "quote-service started, pid $APP_PID, for at most $RUN s"

app_count() {
  local n
  n="$(grep -cE "$1" "$BUNDLE/logs/app.log" 2>/dev/null)" || true
  echo "${n:-0}"
}

for _ in $(seq 1 60); do
  [ "$(app_count 'Started quote-service')" -gt 0 ] && break
  kill -0 "$APP_PID" 2>/dev/null || { log "quote-service died"; cat "$WORK/app.stdout" >&2; exit 1; }
  sleep 1
done

(
  TZ=UTC exec java -Xmx96m -Dlogback.configurationFile="$WORK/classes/logback.xml" \
    -DLOG_FILE="$BUNDLE/logs/loadgen.log" -Dload.baseUrl="http://127.0.0.1:$APP_PORT" \
    -Dload.durationSeconds=$((RUN - 10)) -cp "$WORK/classes:$CP" com.example.quotes.loadgen.LoadClient
) >>"$WORK/client.stdout" 2>&1 &
CLIENT_PID=$!
log "load client started, pid $CLIENT_PID (6 virtual users)"

histo() { TZ=UTC snapshot "$BUNDLE/dumps" jmap-histo "$APP_PID" timeout 60 jmap -histo:live "$APP_PID"; }

# A live histogram every HISTO_EVERY s (each forces a full collection first) until the OOMs come.
START=$(date +%s)
while kill -0 "$APP_PID" 2>/dev/null && [ $(($(date +%s) - START)) -lt "$RUN" ]; do
  histo
  ooms="$(app_count 'OutOfMemoryError')"
  log "app.log: $(app_count ' 200 ') ok, $ooms OutOfMemoryError lines; $(grep -E 'subscriptions held' "$BUNDLE/logs/app.log" | tail -1 | cut -c1-160)"
  [ "$ooms" -ge "$OOM_WANTED" ] && break
  sleep "$HISTO_EVERY"
done
log "letting quote-service fail for $AFTER_OOM s more"
sleep "$AFTER_OOM"
TZ=UTC snapshot "$BUNDLE/dumps" jstack "$APP_PID" timeout 60 jstack "$APP_PID"

stop_jvms "$CLIENT_PID" "$APP_PID"
cp "$WORK/app.stdout" "$BUNDLE/logs/app.stdout.log"
APP_PID=""
CLIENT_PID=""
log "stopped (app.log ends: $(tail -1 "$BUNDLE/logs/app.log" | cut -c1-23))"

log "full collections (gc.log):"
grep -E '\[gc +\] GC\([0-9]+\) Pause Full' "$BUNDLE/logs/gc.log" | sed 's/^/  /' >&2 || true
log "app.log: $(wc -l <"$BUNDLE/logs/app.log") lines, $(app_count 'OutOfMemoryError') OutOfMemoryError lines," \
  "$(app_count ' 500 ') 500 responses"
log "bundle written to $BUNDLE"
ls -lR "$BUNDLE" >&2
