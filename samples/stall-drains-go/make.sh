#!/usr/bin/env bash
# Regenerates bundle/ for the stall-drains-go sample: goroutines pile up in a Go API during each stall of
# its downstream and drain after it (what a naive analyzer calls a goroutine leak).
#
# Runs the real software, everything on 127.0.0.1:
#   - inventory (inventory/main.go) on port 18172: the downstream; answers POST /v1/reservations in
#     4-25 ms, logs every request with Go's `log` (date, time with microseconds) to logs/inventory.log,
#     plus a stats line every 5 s;
#   - checkout (checkout/main.go) on port 18171, net/http/pprof on 18173: the upstream API; one call to
#     inventory per POST /api/checkout, done properly (shared http.Client with a 10 s timeout, the
#     request's context passed down, bodies read and closed); GET /api/cart is served from memory. Logs
#     JSON lines with zap's production config (no sampling) to logs/checkout.log;
#   - shopper (shopper/main.go): a bounded load client at a steady arrival rate (3 checkouts/s, 1 cart
#     view/s) for $RUN s, at most 400 requests open, each giving up after 30 s.
# The "host" stalls inventory $STALLS times for $STALL_FOR s each (kill -STOP ... kill -CONT), at
# +$FIRST_STALL s and then every $STALL_EVERY s after load start. A bounded collector loop takes, every
# $EVERY s from +5 s: net/http/pprof's goroutine?debug=2 of checkout; every other round `ss -tanp` (checkout's
# API port, inventory's port and the connections to it) and `lsof -p CHECKOUT_PID -nP`. Every capture
# starts with the collector header `# captured <ISO UTC> host=… pid=<checkout pid> cmd=…`.
# Needs curl, iproute2, lsof, and:
#   apt-get install golang-go golang-go.uber-zap-dev
# Takes about 6 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"
# shellcheck source=../shared/go/lib.sh
source "$HERE/../shared/go/lib.sh"

BUNDLE="$HERE/bundle"
API_PORT=18171
INV_PORT=18172
DEBUG_PORT=18173
RUN="${RUN:-290}"               # seconds of load
EVERY="${EVERY:-10}"            # seconds between goroutine dumps; ss and lsof every other round
FIRST_STALL="${FIRST_STALL:-40}" # seconds after load start
STALL_EVERY="${STALL_EVERY:-80}" # from one stall's start to the next (so ~60 s between them)
STALL_FOR="${STALL_FOR:-20}"
STALLS="${STALLS:-3}"
WORK="$(mktemp -d /tmp/rootline-stall-drains.XXXXXX)"
INV_PID=""
API_PID=""
SHOPPER_PID=""
COLLECTOR_PID=""

cleanup() {
  set +e
  [ -n "$INV_PID" ] && kill -CONT "$INV_PID" 2>/dev/null # a stopped process cannot act on SIGTERM
  stop_pids "$COLLECTOR_PID" "$SHOPPER_PID" "$API_PID" "$INV_PID"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for port in $API_PORT $INV_PORT $DEBUG_PORT; do
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

wait_ports_quiet $API_PORT $INV_PORT $DEBUG_PORT
rm -rf "$BUNDLE"
mkdir -p "$BUNDLE/logs" "$BUNDLE/dumps" "$BUNDLE/snapshots"

log "building"
mkdir -p "$WORK/bin"
# The binaries' names are the process names ss and lsof print.
go_build "$HERE/inventory" "$WORK/bin/inventory"
go_build "$HERE/checkout" "$WORK/bin/checkout"
go_build "$HERE/shopper" "$WORK/bin/shopper"

"$WORK/bin/inventory" -listen "127.0.0.1:$INV_PORT" >"$BUNDLE/logs/inventory.log" 2>&1 &
INV_PID=$!
"$WORK/bin/checkout" -listen "127.0.0.1:$API_PORT" -debug "127.0.0.1:$DEBUG_PORT" \
  -inventory "http://127.0.0.1:$INV_PORT" -log-file "$BUNDLE/logs/checkout.log" >"$WORK/checkout.stderr" 2>&1 &
API_PID=$!
for _ in $(seq 1 50); do
  if curl -fs "http://127.0.0.1:$API_PORT/healthz" >/dev/null && ss -tln "( sport = :$INV_PORT )" | grep -q LISTEN; then
    break
  fi
  sleep 0.2
done
log "inventory pid $INV_PID on 127.0.0.1:$INV_PORT, checkout pid $API_PID on 127.0.0.1:$API_PORT (pprof on :$DEBUG_PORT)"

# capture N: goroutine dump; on even rounds ss and lsof too.
capture() {
  goroutine_dump "$BUNDLE/dumps" "$API_PID" "http://127.0.0.1:$DEBUG_PORT/debug/pprof/goroutine?debug=2" || true
  if [ $(($1 % 2)) = 0 ]; then
    snapshot "$BUNDLE/snapshots" ss "$API_PID" \
      ss -tanp "( sport = :$API_PORT or sport = :$INV_PORT or dport = :$INV_PORT )"
    snapshot "$BUNDLE/snapshots" lsof "$API_PID" lsof -p "$API_PID" -nP
  fi
}

"$WORK/bin/shopper" -api "http://127.0.0.1:$API_PORT" -duration "${RUN}s" -checkout-every 333ms -cart-every 1s >"$WORK/shopper.log" 2>&1 &
SHOPPER_PID=$!
T0_MS="$(now_ms)"
log "load started at $(iso): shopper pid $SHOPPER_PID for $RUN s"

# The collector, in the background on its own schedule: rounds at +5, +15, ... s.
(
  rounds=$(((RUN - 5) / EVERY + 1))
  for i in $(seq 0 $((rounds - 1))); do
    sleep_until $((5 + i * EVERY))
    capture "$i"
  done
) &
COLLECTOR_PID=$!

# The host: stall inventory STALLS times.
for n in $(seq 1 "$STALLS"); do
  sleep_until $((FIRST_STALL + (n - 1) * STALL_EVERY))
  kill -STOP "$INV_PID"
  stopped_ms="$(now_ms)"
  log "stall $n: inventory (pid $INV_PID) stopped at $(iso) (kill -STOP)"
  sleep_until $((FIRST_STALL + (n - 1) * STALL_EVERY + STALL_FOR))
  kill -CONT "$INV_PID"
  log "stall $n: inventory (pid $INV_PID) running again at $(iso) (kill -CONT) after $(($(now_ms) - stopped_ms)) ms"
done

wait "$COLLECTOR_PID" || true
COLLECTOR_PID=""
wait "$SHOPPER_PID" || true
SHOPPER_PID=""
log "load ended at $(iso); shopper: $(tail -1 "$WORK/shopper.log")"
sleep 1
stop_pids "$API_PID" "$INV_PID" || true # (|| true: their exit status on SIGTERM is not an error here)
API_PID=""
INV_PID=""

# checkout serves cart views from memory all along, so its log never pauses for long unless the whole
# machine did (a VM hiccup on a shared build machine): that would spoil the story, so say so.
grep -o '"ts":[0-9.]*' "$BUNDLE/logs/checkout.log" | cut -d: -f2 | awk '
  NR > 1 && $1 - prev > 3 { printf "WARNING: checkout.log pauses %.1f s after %s: the machine itself stalled; run make.sh again\n", $1 - prev, strftime("%H:%M:%S", prev, 1) }
  { prev = $1 }' >&2
log "bundle written to $BUNDLE"
ls -lR "$BUNDLE" >&2
du -sh "$BUNDLE" >&2
