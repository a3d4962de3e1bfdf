#!/usr/bin/env bash
# Regenerates bundle/ for the lock-contention-go sample: a Go pricing API holds its rate cache's mutex
# while it refreshes the cache from a dependency; while that dependency is slow, every quote request
# queues on the mutex behind the refresh, and the queue drains when the dependency is fast again.
#
# Runs the real software, everything on 127.0.0.1:
#   - ratesource (ratesource/main.go) on port 18462: the dependency; GET /v1/rates answers after its
#     delay (10 ms); POST /admin/delay?ms=N sets the delay. Logs with Go's `log` (UTC, microseconds) to
#     logs/ratesource.log;
#   - quotes (quotes/main.go) on port 18461, net/http/pprof on 18463: GET /api/quote takes the cache's
#     sync.Mutex in rateCache.rate and, when the table is older than 1 s, calls ratesource with the
#     mutex held (rateCache.refresh); GET /healthz takes no lock; every request is behind
#     http.TimeoutHandler (503 after 5 s). Logs JSON lines (encoding/json, logrus's field names) to logs/quotes.log;
#   - loadgen (loadgen/main.go): bounded load at a steady arrival rate (12.5 quotes/s, 2 health checks/s)
#     for $RUN s, at most 400 open, each giving up after 10 s (Go's default transport: 2 idle
#     connections kept). Its output is not in the bundle.
# The dependency turns slow ($SLOW_MS ms per call) at +$SLOW_FROM s and fast again (10 ms) at +$SLOW_TO s.
# A bounded collector loop takes, every $EVERY s from +5 s, net/http/pprof's goroutine?debug=2 of quotes
# (dumps/) and right after it goroutine?debug=1 (dumps/debug1/), each under the collector header
# `# captured <ISO UTC> host=… pid=<quotes pid> cmd=…`.
# Needs curl and: apt-get install golang-go
# Takes about 3.5 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"
# shellcheck source=../shared/go/lib.sh
source "$HERE/../shared/go/lib.sh"

BUNDLE="$HERE/bundle"
API_PORT=18461
SRC_PORT=18462
DEBUG_PORT=18463
RUN="${RUN:-170}"             # seconds of load
EVERY="${EVERY:-10}"          # seconds between goroutine dumps
SLOW_FROM="${SLOW_FROM:-40}"  # seconds after load start
SLOW_TO="${SLOW_TO:-110}"
SLOW_MS="${SLOW_MS:-6000}"    # the dependency's delay while slow: longer than quotes' 5 s timeout
WORK="$(mktemp -d /tmp/rootline-lock-contention.XXXXXX)"
SRC_PID=""
API_PID=""
LOAD_PID=""
COLLECTOR_PID=""

cleanup() {
  set +e
  stop_pids "$COLLECTOR_PID" "$LOAD_PID" "$API_PID" "$SRC_PID"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for port in $API_PORT $SRC_PORT $DEBUG_PORT; do
  if ss -tln "( sport = :$port )" | grep -q LISTEN; then
    log "port $port is in use"
    exit 1
  fi
done

now_ms() { date +%s%3N; }
# sleep_until SECONDS: sleep until SECONDS after the load started ($T0_MS), so the schedule does not drift.
sleep_until() {
  local left=$((T0_MS + $1 * 1000 - $(now_ms)))
  if [ "$left" -gt 0 ]; then sleep "$((left / 1000)).$(printf '%03d' $((left % 1000)))"; fi
}
iso() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }

wait_ports_quiet $API_PORT $SRC_PORT $DEBUG_PORT
rm -rf "$BUNDLE"
mkdir -p "$BUNDLE/logs" "$BUNDLE/dumps/debug1"

log "building"
mkdir -p "$WORK/bin"
go_build "$HERE/ratesource" "$WORK/bin/ratesource"
go_build "$HERE/quotes" "$WORK/bin/quotes"
go_build "$HERE/loadgen" "$WORK/bin/loadgen"

"$WORK/bin/ratesource" -listen "127.0.0.1:$SRC_PORT" >"$BUNDLE/logs/ratesource.log" 2>&1 &
SRC_PID=$!
"$WORK/bin/quotes" -listen "127.0.0.1:$API_PORT" -debug "127.0.0.1:$DEBUG_PORT" \
  -ratesource "http://127.0.0.1:$SRC_PORT" -log-file "$BUNDLE/logs/quotes.log" >"$WORK/quotes.stderr" 2>&1 &
API_PID=$!
for _ in $(seq 1 50); do
  if curl -fs "http://127.0.0.1:$API_PORT/healthz" >/dev/null && ss -tln "( sport = :$SRC_PORT )" | grep -q LISTEN; then
    break
  fi
  sleep 0.2
done
log "ratesource pid $SRC_PID on 127.0.0.1:$SRC_PORT, quotes pid $API_PID on 127.0.0.1:$API_PORT (pprof on :$DEBUG_PORT)"

"$WORK/bin/loadgen" -api "http://127.0.0.1:$API_PORT" -duration "${RUN}s" -quote-every 80ms -health-every 500ms \
  -timeout 10s >"$WORK/loadgen.out" 2>&1 &
LOAD_PID=$!
T0_MS="$(now_ms)"
log "load started at $(iso): loadgen pid $LOAD_PID for $RUN s"

# The collector, in the background on its own schedule: rounds at +5, +15, ... s (the last one after the
# load ended, when the queue has long drained).
(
  rounds=$(((RUN - 5) / EVERY + 1))
  for i in $(seq 0 $((rounds - 1))); do
    sleep_until $((5 + i * EVERY))
    goroutine_dump "$BUNDLE/dumps" "$API_PID" "http://127.0.0.1:$DEBUG_PORT/debug/pprof/goroutine?debug=2" || true
    goroutine_dump "$BUNDLE/dumps/debug1" "$API_PID" "http://127.0.0.1:$DEBUG_PORT/debug/pprof/goroutine?debug=1" || true
  done
) &
COLLECTOR_PID=$!

sleep_until "$SLOW_FROM"
curl -fsS -X POST "http://127.0.0.1:$SRC_PORT/admin/delay?ms=$SLOW_MS"
log "ratesource slow (${SLOW_MS} ms per call) from $(iso)"
sleep_until "$SLOW_TO"
curl -fsS -X POST "http://127.0.0.1:$SRC_PORT/admin/delay?ms=10"
log "ratesource fast again (10 ms) from $(iso)"

wait "$COLLECTOR_PID" || true
COLLECTOR_PID=""
wait "$LOAD_PID" || true
LOAD_PID=""
log "load ended at $(iso); loadgen: $(tail -1 "$WORK/loadgen.out")"
sleep 1
stop_pids "$API_PID" "$SRC_PID" || true # (|| true: their exit status on SIGTERM is not an error here)
API_PID=""
SRC_PID=""

# Health checks take no lock and come every 500 ms, so quotes' log never pauses for long unless the whole
# machine did (a VM hiccup on a shared build machine): that would spoil the story, so say so.
grep -o '"time":"[^"]*"' "$BUNDLE/logs/quotes.log" | cut -d'"' -f4 | while read -r t; do date -u -d "$t" +%s.%N; done | awk '
  NR > 1 && $1 - prev > 3 { printf "WARNING: quotes.log pauses %.1f s after %s: the machine itself stalled; run make.sh again\n", $1 - prev, strftime("%H:%M:%S", prev, 1) }
  { prev = $1 }' >&2
log "bundle written to $BUNDLE"
ls -lR "$BUNDLE" >&2
du -sh "$BUNDLE" >&2
