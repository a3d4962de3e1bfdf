#!/usr/bin/env bash
# Regenerates bundle/ for the busy-loop-go-profile sample: a Go service whose search-index rebuild spins
# on a core for ever (a `continue` that skips the loop's `i++`), seen in goroutine dumps, top -H and a
# CPU profile.
#
# Runs the real software, everything on 127.0.0.1:
#   - catalog (catalog/main.go) on port 18191 with net/http/pprof on the same listener: GET /v1/products
#     searches an in-memory index, POST /admin/reindex rebuilds it in a goroutine; every request logged with
#     Go's `log` (UTC, microseconds) to logs/catalog.log. It runs in a session of its own under `nice -n -10`
#     (and that session's autogroup at nice -10): this build machine is shared and busy (load average about 8
#     on 2 cores), and without priority the spinning goroutine gets only what the other work leaves it; on a
#     machine of its own it takes a whole core either way;
#   - browser (browser/main.go): a bounded client searching 4 times a second for $RUN s.
# A bounded collector loop takes, every $EVERY s from +5 s: net/http/pprof's goroutine?debug=2 and
# `top -b -H -n 2 -d 1 -w 200 -p PID` (the process's threads; top's first iteration measures over a few
# milliseconds, the second over the last second). At +$REINDEX_AT s an operator POSTs /admin/reindex; at
# +$PROFILE_AT s, with the CPU high, they fetch a CPU profile: /debug/pprof/profile?seconds=$PROFILE_FOR into
# profiles/cpu-<UTC stamp>.pb.gz (gzip as Go serves it; its own time stamp says when it was taken).
# Every text capture starts with the collector header `# captured <ISO UTC> host=… pid=<catalog pid> cmd=…`.
# Needs curl, procps, and: apt-get install golang-go
# Takes about 2 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"
# shellcheck source=../shared/go/lib.sh
source "$HERE/../shared/go/lib.sh"

BUNDLE="$HERE/bundle"
PORT=18191
RUN="${RUN:-125}"              # seconds of browsing
EVERY="${EVERY:-20}"           # seconds between collector rounds
REINDEX_AT="${REINDEX_AT:-38}" # seconds after start
PROFILE_AT="${PROFILE_AT:-70}" # seconds after start
PROFILE_FOR="${PROFILE_FOR:-10}"
WORK="$(mktemp -d /tmp/rootline-busy-profile.XXXXXX)"
SVC_PID=""
BROWSER_PID=""
PROFILE_PID=""

cleanup() {
  set +e
  stop_pids "$PROFILE_PID" "$BROWSER_PID" "$SVC_PID"
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
mkdir -p "$BUNDLE/logs" "$BUNDLE/snapshots" "$BUNDLE/dumps" "$BUNDLE/profiles"

log "building with $(go version)"
go_build "$HERE/catalog" "$WORK/catalog"
go_build "$HERE/browser" "$WORK/browser"

setsid nice -n -10 "$WORK/catalog" -listen "127.0.0.1:$PORT" -log "$BUNDLE/logs/catalog.log" >"$WORK/catalog.out" 2>&1 &
SVC_PID=$!
for _ in $(seq 1 50); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 0.2
done
# With autogroup scheduling (sched_autogroup_enabled=1) a nice value only counts inside its session: the
# catalog runs in a session of its own (set up by now: it answers), and that session gets the priority.
if [ "$(ps -o sid= -p "$SVC_PID" | tr -d ' ')" = "$SVC_PID" ] && [ -w "/proc/$SVC_PID/autogroup" ]; then
  echo -10 >"/proc/$SVC_PID/autogroup" || true
fi
log "catalog pid $SVC_PID (nice $(ps -o ni= -p "$SVC_PID" | tr -d ' '), $(cat "/proc/$SVC_PID/autogroup" 2>/dev/null))"
START=$(date +%s)
"$WORK/browser" -api "127.0.0.1:$PORT" -duration "${RUN}s" -every 250ms >"$WORK/browser.log" 2>&1 &
BROWSER_PID=$!

capture() {
  goroutine_dump "$BUNDLE/dumps" "$SVC_PID" "http://127.0.0.1:$PORT/debug/pprof/goroutine?debug=2" || true
  snapshot "$BUNDLE/snapshots" top-threads "$SVC_PID" top -b -H -n 2 -d 1 -w 200 -p "$SVC_PID"
}

# at SECONDS: sleep until that many seconds after START.
at() {
  local now
  now=$(date +%s)
  if [ "$((START + $1))" -gt "$now" ]; then sleep "$((START + $1 - now))"; fi
}

reindexed=0
profiled=0
for t in $(seq 5 "$EVERY" "$((RUN - 5))"); do
  if [ "$reindexed" = 0 ] && [ "$t" -gt "$REINDEX_AT" ]; then
    at "$REINDEX_AT"
    log "operator: POST /admin/reindex"
    curl -fsS -X POST "http://127.0.0.1:$PORT/admin/reindex" >/dev/null
    reindexed=1
  fi
  if [ "$profiled" = 0 ] && [ "$t" -gt "$PROFILE_AT" ]; then
    at "$PROFILE_AT"
    stamp="$(date -u +%Y%m%dT%H%M%SZ)"
    log "operator: CPU profile for ${PROFILE_FOR} s"
    curl -fsS -o "$BUNDLE/profiles/cpu-$stamp.pb.gz" "http://127.0.0.1:$PORT/debug/pprof/profile?seconds=$PROFILE_FOR" &
    PROFILE_PID=$!
    profiled=1
  fi
  at "$t"
  capture
done
if [ -n "$PROFILE_PID" ]; then
  wait "$PROFILE_PID"
  PROFILE_PID=""
fi
wait "$BROWSER_PID" || true
BROWSER_PID=""
kill "$SVC_PID"
wait "$SVC_PID" 2>/dev/null || true
SVC_PID=""

log "bundle written to $BUNDLE"
ls -lR "$BUNDLE" >&2
du -sh "$BUNDLE" >&2
