#!/usr/bin/env bash
# Regenerates bundle/ for the lock-contention-java sample: a Java catalog API refreshes its price cache
# inside a synchronized method; while the pricing feed is slow, every request thread blocks on the
# cache's monitor behind the one refreshing, and the queue drains when the feed is fast again.
#
# Runs the real software (JDK 17, com.sun.net.httpserver, java.net.HttpURLConnection, SLF4J + logback
# from Debian), everything on 127.0.0.1:
#   - feed (PriceFeed) on port 18472: GET /v1/prices answers after its delay (10 ms); POST
#     /admin/delay?ms=N sets it. Logs to logs/price-feed.log;
#   - catalog (CatalogServer) on port 18471: GET /api/price calls PriceCache.price, a synchronized method
#     that refreshes the prices from the feed when they are older than 1 s; GET /healthz takes no lock;
#     100 "http-worker-N" threads. Logs every request when answered (`GET /api/price?sku=A100 200 12ms`)
#     to logs/catalog.log;
#   - loadgen (LoadGen, java.net.http.HttpClient): 12.5 price requests/s and 2 health checks/s for $RUN s,
#     each giving up after 10 s. Its output is not in the bundle.
# The feed turns slow ($SLOW_MS ms per call) at +$SLOW_FROM s and fast again at +$SLOW_TO s. A bounded
# collector takes `jstack -l <catalog pid>` every $EVERY s from +5 s into dumps/, under the collector
# header `# captured <ISO UTC> host=… pid=<catalog pid> cmd=…`.
# Needs curl and: apt-get install openjdk-17-jdk-headless libslf4j-java liblogback-java
# Takes about 3.5 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"
# shellcheck source=../shared/go/lib.sh
source "$HERE/../shared/go/lib.sh" # wait_ports_quiet

BUNDLE="$HERE/bundle"
API_PORT=18471
FEED_PORT=18472
RUN="${RUN:-170}"            # seconds of load
EVERY="${EVERY:-15}"         # seconds between thread dumps
SLOW_FROM="${SLOW_FROM:-40}" # seconds after load start
SLOW_TO="${SLOW_TO:-110}"
SLOW_MS="${SLOW_MS:-6000}"
CP_LIBS=/usr/share/java/slf4j-api.jar:/usr/share/java/logback-classic.jar:/usr/share/java/logback-core.jar
WORK="$(mktemp -d /tmp/rootline-lock-contention-java.XXXXXX)"
FEED_PID=""
API_PID=""
LOAD_PID=""
COLLECTOR_PID=""

cleanup() {
  set +e
  stop_pids "$COLLECTOR_PID" "$LOAD_PID" "$API_PID" "$FEED_PID"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for port in $API_PORT $FEED_PORT; do
  if ss -tln "( sport = :$port )" | grep -q LISTEN; then
    log "port $port is in use"
    exit 1
  fi
done

now_ms() { date +%s%3N; }
sleep_until() {
  local left=$((T0_MS + $1 * 1000 - $(now_ms)))
  if [ "$left" -gt 0 ]; then sleep "$((left / 1000)).$(printf '%03d' $((left % 1000)))"; fi
}
iso() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }

wait_ports_quiet $API_PORT $FEED_PORT
rm -rf "$BUNDLE"
mkdir -p "$BUNDLE/logs" "$BUNDLE/dumps"

log "compiling"
mkdir -p "$WORK/classes"
javac -encoding UTF-8 -cp "$CP_LIBS" -d "$WORK/classes" "$HERE"/src/com/example/catalog/*.java
cp "$HERE/src/logback.xml" "$WORK/classes/logback.xml"

# java_bg LOG_FILE MAIN ARGS...: a JVM in the background with its logback file; sets LAST_PID.
java_bg() {
  local logfile="$1" main="$2"
  shift 2
  java -Xms64m -Xmx256m -DLOG_FILE="$logfile" -cp "$WORK/classes:$CP_LIBS" "$main" "$@" >>"$WORK/jvm.stdout" 2>&1 &
  LAST_PID=$!
}

java_bg "$BUNDLE/logs/price-feed.log" com.example.catalog.PriceFeed "$FEED_PORT"
FEED_PID=$LAST_PID
java_bg "$BUNDLE/logs/catalog.log" com.example.catalog.CatalogServer "$API_PORT" "http://127.0.0.1:$FEED_PORT/v1/prices" 1000
API_PID=$LAST_PID
for _ in $(seq 1 100); do
  if curl -fs "http://127.0.0.1:$API_PORT/healthz" >/dev/null && curl -fs "http://127.0.0.1:$FEED_PORT/v1/prices" >/dev/null; then
    break
  fi
  sleep 0.2
done
log "feed pid $FEED_PID on 127.0.0.1:$FEED_PORT, catalog pid $API_PID on 127.0.0.1:$API_PORT"

java -cp "$WORK/classes" com.example.catalog.LoadGen "http://127.0.0.1:$API_PORT" "$RUN" 80 >"$WORK/loadgen.out" 2>&1 &
LOAD_PID=$!
T0_MS="$(now_ms)"
log "load started at $(iso): loadgen pid $LOAD_PID for $RUN s"

(
  rounds=$(((RUN - 5) / EVERY + 1))
  for i in $(seq 0 $((rounds - 1))); do
    sleep_until $((5 + i * EVERY))
    snapshot "$BUNDLE/dumps" jstack "$API_PID" jstack -l "$API_PID" # -l: owners of java.util.concurrent locks too
  done
) &
COLLECTOR_PID=$!

sleep_until "$SLOW_FROM"
curl -fsS -X POST "http://127.0.0.1:$FEED_PORT/admin/delay?ms=$SLOW_MS"
log "feed slow (${SLOW_MS} ms per call) from $(iso)"
sleep_until "$SLOW_TO"
curl -fsS -X POST "http://127.0.0.1:$FEED_PORT/admin/delay?ms=10"
log "feed fast again (10 ms) from $(iso)"

wait "$COLLECTOR_PID" || true
COLLECTOR_PID=""
wait "$LOAD_PID" || true
LOAD_PID=""
log "load ended at $(iso); loadgen: $(tail -1 "$WORK/loadgen.out")"
sleep 1
stop_pids "$API_PID" "$FEED_PID" || true
API_PID=""
FEED_PID=""

# Health checks take no lock and come every 500 ms, so catalog's log never pauses for long unless the
# whole machine did: that would spoil the story, so say so.
cut -c1-23 "$BUNDLE/logs/catalog.log" | grep -E '^[0-9]{4}-' | while read -r d t; do date -u -d "$d $t" +%s.%N; done | awk '
  NR > 1 && $1 - prev > 3 { printf "WARNING: catalog.log pauses %.1f s after %s: the machine itself stalled; run make.sh again\n", $1 - prev, strftime("%H:%M:%S", prev, 1) }
  { prev = $1 }' >&2
log "bundle written to $BUNDLE"
ls -lR "$BUNDLE" >&2
du -sh "$BUNDLE" >&2
