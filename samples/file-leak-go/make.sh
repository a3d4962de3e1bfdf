#!/usr/bin/env bash
# Regenerates bundle/ for the file-leak-go sample: a Go ingest API leaks one regular-file descriptor per
# request (its journal cache is keyed by the whole query string, so every batch opens the tenant's journal
# file again and the cache keeps the handle) until open() and accept() fail with "too many open files".
#
# Runs the real software, everything on 127.0.0.1:
#   - ingestd (ingestd/main.go) on port $PORT, started under `ulimit -n $NOFILE`: POST /v1/events appends a
#     streamed NDJSON batch to <data>/journal/<tenant>.ndjson; net/http/pprof on the same listener; Go's
#     `log` (UTC, microseconds) to logs/ingestd.log;
#   - shipper (shipper/main.go): 3 shippers for tenant acme and 1 for globex posting batches (12 events
#     streamed over ~0.6 s each) for $RUN s, each request giving up after 3 s, and a /healthz monitor every 2 s.
# A bounded collector loop takes, every $EVERY s from just before the load while it runs: `lsof -p PID -nP`,
# `ss -tanp` on ingestd's port, and net/http/pprof's goroutine?debug=2 while it answers (once the
# descriptors are gone pprof cannot accept the collector; the first failed fetch ends the dumps);
# /proc/PID/limits once. The last round is taken while the load still runs (as during an incident: once the
# clients go away, ingestd accepts and closes the connections queued on its listener). Every capture starts
# with the collector header `# captured <ISO UTC> host=… pid=<ingestd pid> cmd=…` and is named
# <kind>-<UTC stamp>.txt.
# Needs curl, iproute2 (ss), lsof, and: apt-get install golang-go
# Takes about 3 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"
# shellcheck source=../shared/go/lib.sh
source "$HERE/../shared/go/lib.sh"

BUNDLE="$HERE/bundle"
PORT=18191
NOFILE="${NOFILE:-512}" # low, so the leak (~6 descriptors a second) reaches EMFILE in about 90 s
RUN="${RUN:-150}"       # seconds of load: about a minute past the limit
EVERY="${EVERY:-15}"    # seconds between captures
WORK="$(mktemp -d /tmp/rootline-file-leak.XXXXXX)"
chmod 755 "$WORK"
SVC_PID=""
SHIPPER_PID=""

cleanup() {
  set +e
  stop_pids "$SHIPPER_PID" "$SVC_PID"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ss -tln "( sport = :$PORT )" | grep -q LISTEN; then
  log "port $PORT is in use"
  exit 1
fi

now_ms() { date +%s%3N; }
# sleep_until SECONDS: sleep until SECONDS after the load started ($T0_MS), so the schedule does not drift
# when a capture is slow (a goroutine dump that cannot connect takes up to 17 s to give up).
sleep_until() {
  local left=$((T0_MS + $1 * 1000 - $(now_ms)))
  if [ "$left" -gt 0 ]; then sleep "$((left / 1000)).$(printf '%03d' $((left % 1000)))"; fi
}
iso() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }

wait_ports_quiet $PORT
rm -rf "$BUNDLE"
mkdir -p "$BUNDLE/logs" "$BUNDLE/snapshots" "$BUNDLE/dumps"

log "building"
mkdir -p "$WORK/bin" "$WORK/data"
# The binary's name is the process name lsof and ss print.
go_build "$HERE/ingestd" "$WORK/bin/ingestd"
go_build "$HERE/shipper" "$WORK/bin/shipper"

log "ingestd on 127.0.0.1:$PORT with ulimit -n $NOFILE"
(
  ulimit -n "$NOFILE"
  cd "$WORK"
  # Descriptors this shell inherited from whatever ran make.sh are not the service's: close them, so lsof
  # lists only what ingestd opened (and stdin/stdout/stderr).
  for fd in /proc/$BASHPID/fd/*; do
    fd="${fd##*/}"
    if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
  done
  exec "$WORK/bin/ingestd" -listen "127.0.0.1:$PORT" -data "$WORK/data" -log "$BUNDLE/logs/ingestd.log"
) >"$WORK/ingestd.stdout" 2>"$WORK/ingestd.stderr" &
SVC_PID=$!
for _ in $(seq 1 50); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 0.2
done

PPROF_OK=1
capture() {
  snapshot "$BUNDLE/snapshots" lsof "$SVC_PID" lsof -p "$SVC_PID" -nP
  snapshot "$BUNDLE/snapshots" ss "$SVC_PID" ss -tanp "( sport = :$PORT )"
  if [ "$PPROF_OK" = 1 ]; then
    goroutine_dump "$BUNDLE/dumps" "$SVC_PID" "http://127.0.0.1:$PORT/debug/pprof/goroutine?debug=2" || PPROF_OK=0
  fi
  log "ingestd fds: $(proc_fd_count "$SVC_PID") / $NOFILE"
}

snapshot "$BUNDLE/snapshots" limits "$SVC_PID" cat "/proc/$SVC_PID/limits"
T0_MS="$(now_ms)"
capture

"$WORK/bin/shipper" -api "http://127.0.0.1:$PORT" -duration "${RUN}s" >"$WORK/shipper.log" 2>&1 &
SHIPPER_PID=$!
T0_MS="$(now_ms)"
log "load started at $(iso): shipper pid $SHIPPER_PID for $RUN s"

# The collector: bounded, rounds at +EVERY, +2*EVERY … while the load runs (the last one before +RUN s).
for i in $(seq 1 $(((RUN - 1) / EVERY))); do
  sleep_until $((i * EVERY))
  capture
done
wait "$SHIPPER_PID" || true
SHIPPER_PID=""
log "load ended at $(iso); shipper:$(tail -1 "$WORK/shipper.log" | sed 's/.*done://')"

stop_pids "$SVC_PID" || true # (|| true: its exit status on SIGTERM is not an error here)
SVC_PID=""
log "journals: $(ls -l "$WORK/data/journal" | tail -n +2 | awk '{print $NF, $5}' | tr '\n' ' ')"
log "bundle written to $BUNDLE"
ls -lR "$BUNDLE" >&2
du -sh "$BUNDLE" >&2
