#!/usr/bin/env bash
# Regenerates bundle/ for incident 2 (seed 001: "Avoiding memory leak in Golang API" — memory and CPU climb).
#
# Runs the real software, everything on 127.0.0.1:
#   - content-service (content/main.go) on port 38251: answers in milliseconds, except for an outage of
#     $OUTAGE_FOR s starting $OUTAGE_AT s after start, when /v1/trending hangs and /v1/related is slow;
#   - main-api (api/*.go) on port 38201, with the bugs of the seed: default http.Client (no timeout), one
#     response body never closed, a WaitGroup fan-out (/api/v1/sample) and a time.After fan-out
#     (/api/v1/feed) whose workers are left blocked on an unbuffered channel;
#   - client (client/main.go): /api/v1/feed every 2 s and /api/v1/sample every 5 s for $RUN s.
# A bounded collector loop takes `ss -tanp` (the API's port and the content service's) every $EVERY s, and
# every other round net/http/pprof's goroutine?debug=2, `lsof -p PID -nP` and `top -b -n 1 -p PIDS`. The
# dumps after the outage are minutes after the workers blocked, so their `[chan send, N minutes]` headers
# show it. Leaked connections stay in CLOSE-WAIT until TCP keepalive (http.DefaultTransport: 30 s) finds the
# server's side gone and gets a reset: from then on ss no longer lists them, lsof still counts the fd.
# Needs curl, iproute2, lsof, procps, and:
#   apt-get install golang-go
# Takes about 8 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"
# shellcheck source=../shared/go/lib.sh
source "$HERE/../shared/go/lib.sh"

BUNDLE="$HERE/bundle"
API_PORT=38201
CONTENT_PORT=38251
RUN="${RUN:-420}"            # seconds of client traffic
EVERY="${EVERY:-30}"         # seconds between ss captures; goroutine dumps and top every other round
OUTAGE_AT="${OUTAGE_AT:-60}" # seconds after start
OUTAGE_FOR="${OUTAGE_FOR:-90}"
WORK="$(mktemp -d /tmp/rootline-incident2.XXXXXX)"
API_PID=""
CONTENT_PID=""
CLIENT_PID=""

cleanup() {
  set +e
  stop_pids "$CLIENT_PID" "$API_PID" "$CONTENT_PID"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for port in $API_PORT $CONTENT_PORT; do
  if ss -tln "( sport = :$port )" | grep -q LISTEN; then
    log "port $port is in use"
    exit 1
  fi
done

wait_ports_quiet $API_PORT $CONTENT_PORT
rm -rf "$BUNDLE"
mkdir -p "$BUNDLE/logs" "$BUNDLE/snapshots" "$BUNDLE/dumps"

log "building"
mkdir -p "$WORK/bin"
# The binaries' names are the process names ss and top print.
go_build "$HERE/api" "$WORK/bin/main-api"
go_build "$HERE/content" "$WORK/bin/content-service"
go_build "$HERE/client" "$WORK/bin/client"

"$WORK/bin/content-service" -listen "127.0.0.1:$CONTENT_PORT" -outage-at "${OUTAGE_AT}s" \
  -outage-for "${OUTAGE_FOR}s" >"$WORK/content.log" 2>&1 &
CONTENT_PID=$!
"$WORK/bin/main-api" -listen "127.0.0.1:$API_PORT" -content "http://127.0.0.1:$CONTENT_PORT" \
  -log-dir "$BUNDLE/logs" >"$WORK/api.stdout" 2>"$WORK/api.stderr" &
API_PID=$!
for _ in $(seq 1 50); do
  curl -fs "http://127.0.0.1:$API_PORT/healthz" >/dev/null && break
  sleep 0.2
done
log "content-service pid $CONTENT_PID (outage at +${OUTAGE_AT}s for ${OUTAGE_FOR}s), main-api pid $API_PID"

# capture [full]: ss of the API's sockets; with `full`, a goroutine dump, lsof and top too.
capture() {
  snapshot "$BUNDLE/snapshots" ss "$API_PID" ss -tanp "( sport = :$API_PORT or dport = :$CONTENT_PORT )"
  if [ "${1:-}" = full ]; then
    goroutine_dump "$BUNDLE/dumps" "$API_PID" "http://127.0.0.1:$API_PORT/debug/pprof/goroutine?debug=2" || true
    snapshot "$BUNDLE/snapshots" lsof "$API_PID" lsof -p "$API_PID" -nP
    snapshot "$BUNDLE/snapshots" top "$API_PID" top -b -n 1 -w 200 -p "$API_PID,$CONTENT_PID"
  fi
}

capture full
"$WORK/bin/client" -api "http://127.0.0.1:$API_PORT" -duration "${RUN}s" >"$WORK/client.log" 2>&1 &
CLIENT_PID=$!

rounds=$((RUN / EVERY))
for i in $(seq 1 "$rounds"); do
  sleep "$EVERY"
  if [ $((i % 2)) = 0 ]; then capture full; else capture; fi
done
wait "$CLIENT_PID" || true
CLIENT_PID=""
if [ $((rounds % 2)) = 1 ]; then capture full; fi

log "client saw $(grep -c . "$WORK/client.log") errors"
log "bundle written to $BUNDLE"
ls -lR "$BUNDLE" >&2
du -sh "$BUNDLE" >&2
