#!/usr/bin/env bash
# Regenerates bundle/ for incident 4 (seed 003: Go API server burning cores on websocket log streaming).
#
# Runs the real software, everything on 127.0.0.1:
#   - api-server (apiserver/*.go) on port 38401, streaming pod logs over websockets (gorilla/websocket),
#     with the seed's bug: at EOF (a finished pod's log) `break` only leaves the select, so the reading
#     goroutine spins; the handler never closes the websocket at the end of the stream. It runs with
#     GOMAXPROCS=2: this build machine has 2 cores (the seed's server burned 25);
#   - ui (ui/main.go): opens a pod's log view every $EVERY_VIEW s for $RUN s, alternating between finished
#     pods (batch/nightly-etl-N) and running ones (web/frontend-N), each view open for 8 s.
# After $IDLE s without streams (the baseline), a bounded collector loop takes, every $EVERY s: net/http/pprof's
# goroutine?debug=2, `top -b -H -n 2 -d 1 -p PID` (threads) and `top -b -n 2 -d 1 -o %CPU` (the machine: its
# summary and top 10 processes per iteration, so the rest of this shared build machine stays out of the
# bundle). top runs two iterations 1 s apart because a batch top's first iteration measures CPU over a few
# milliseconds only; the second is the one to read. A sampler reads /proc/PID/stat (utime+stime) and the goroutine
# count every $SAMPLE s; at the end the samples are written as a Grafana panel CSV export ("Series joined
# by time": quoted display names, epoch-ms times, CRLF, a blank line after the frame) — Grafana itself is
# not available here, the values are real.
# Needs curl, procps, and:
#   apt-get install golang-go golang-github-gorilla-websocket-dev
# Takes about 6 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"
# shellcheck source=../shared/go/lib.sh
source "$HERE/../shared/go/lib.sh"

BUNDLE="$HERE/bundle"
PORT=38401
RUN="${RUN:-240}"              # seconds of UI traffic
EVERY="${EVERY:-30}"           # seconds between collector rounds
EVERY_VIEW="${EVERY_VIEW:-20}" # seconds between log views opened
SAMPLE="${SAMPLE:-5}"          # seconds between CPU samples
IDLE="${IDLE:-30}"             # seconds of baseline before the first log view
WORK="$(mktemp -d /tmp/rootline-incident4.XXXXXX)"
API_PID=""
UI_PID=""
SAMPLER_PID=""

cleanup() {
  set +e
  stop_pids "$SAMPLER_PID" "$UI_PID" "$API_PID"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ss -tln "( sport = :$PORT )" | grep -q LISTEN; then
  log "port $PORT is in use"
  exit 1
fi

wait_ports_quiet $PORT
rm -rf "$BUNDLE"
mkdir -p "$BUNDLE/logs" "$BUNDLE/snapshots" "$BUNDLE/dumps" "$BUNDLE/metrics"

log "building"
mkdir -p "$WORK/bin" "$WORK/pods"
go_build "$HERE/apiserver" "$WORK/bin/api-server"
go_build "$HERE/ui" "$WORK/bin/ui"

GOMAXPROCS=2 "$WORK/bin/api-server" -listen "127.0.0.1:$PORT" -pod-logs "$WORK/pods" \
  -log "$BUNDLE/logs/api-server.log" >"$WORK/api.stdout" 2>"$WORK/api.stderr" &
API_PID=$!
for _ in $(seq 1 50); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 0.2
done
log "api-server pid $API_PID"

# sample_cpu: every $SAMPLE s, "<epoch ms> <utime+stime ticks> <goroutines>" for the api-server, bounded.
sample_cpu() {
  local i stat goroutines
  set +e # a slow or failed fetch leaves a gap in the goroutine column, it does not end the sampler
  for i in $(seq 1 $(((IDLE + RUN + 60) / SAMPLE))); do
    stat="$(cat "/proc/$API_PID/stat" 2>/dev/null)" || break
    stat="${stat##*) }" # fields from 3 on: state ppid ... utime(14) stime(15)
    goroutines="$(curl -fs --max-time 4 "http://127.0.0.1:$PORT/debug/pprof/goroutine?debug=1" | head -1 |
      sed -n 's/^goroutine profile: total //p')"
    echo "$(date -u +%s%3N) $(echo "$stat" | awk '{print $12 + $13}') ${goroutines:-}"
    sleep "$SAMPLE"
  done
}
sample_cpu >"$WORK/cpu.samples" &
SAMPLER_PID=$!

capture() {
  goroutine_dump "$BUNDLE/dumps" "$API_PID" "http://127.0.0.1:$PORT/debug/pprof/goroutine?debug=2" || true
  snapshot "$BUNDLE/snapshots" top-threads "$API_PID" top -b -H -n 2 -d 1 -w 200 -p "$API_PID"
  snapshot "$BUNDLE/snapshots" top "$API_PID" bash -c "top -b -n 2 -d 1 -w 200 -o %CPU | awk '/^top - /{n=0} n++<17'"
}

capture
sleep "$IDLE"
capture
"$WORK/bin/ui" -api "127.0.0.1:$PORT" -duration "${RUN}s" -every "${EVERY_VIEW}s" >"$WORK/ui.log" 2>&1 &
UI_PID=$!
rounds=$((RUN / EVERY))
for _ in $(seq 1 "$rounds"); do
  sleep "$EVERY"
  capture
done
wait "$UI_PID" || true
UI_PID=""
sleep "$SAMPLE"
kill "$SAMPLER_PID" 2>/dev/null || true
wait "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=""

# The Grafana panel export: the CPU rate between consecutive samples (cores) and the goroutine count.
ticks="$(getconf CLK_TCK)"
series='{instance=""127.0.0.1:'"$PORT"'"", job=""api-server""}'
csv="$BUNDLE/metrics/api-server-cpu-data-$(date -u +%Y-%m-%d_%H_%M_%S).csv"
{
  printf '"Time","process_cpu_seconds_rate%s","go_goroutines%s"\r\n' "$series" "$series"
  awk -v hz="$ticks" 'NR > 1 && $1 > t { printf "%d,%.4f,%s\r\n", $1, ($2 - c) / hz / (($1 - t) / 1000), $3 }
    { t = $1; c = $2 }' "$WORK/cpu.samples"
  printf '\r\n'
} >"$csv"
log "metrics: $(($(wc -l <"$csv") - 2)) samples in $csv"

log "bundle written to $BUNDLE"
ls -lR "$BUNDLE" >&2
du -sh "$BUNDLE" >&2
