#!/usr/bin/env bash
# Regenerates the real pprof profiles of this folder (see PROVENANCE.md) by running profiled/main.go, a
# Go program with net/http/pprof, on 127.0.0.1. It serves /orders under load from a bounded curl loop
# while, after POST /reindex, one goroutine spins in main.normalizeTokens. Then, with the load still on:
#
#   cpu-<stamp>.pb.gz        /debug/pprof/profile?seconds=5   (gzip, as Go serves it)
#   heap-<stamp>.pprof       /debug/pprof/heap                (gzip, under a name without .gz)
#   goroutine-<stamp>.pb.gz  /debug/pprof/goroutine           (gzip)
#   mutex-<stamp>.pprof      /debug/pprof/mutex               (gzip, under a name without .gz)
#   block-<stamp>.pb         /debug/pprof/block | gunzip      (the bare protobuf, not gzipped)
#   truncated-cpu.pb         the first 1500 bytes of the CPU profile's protobuf (gunzip | head -c): a
#                            damaged profile for the error path
#   profiled.log             the program's own log (stderr)
#
# Needs Debian's golang-go (1.19) and curl. Takes about 15 s.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
PORT="${PORT:-38981}"
WORK="$(mktemp -d /tmp/rootline-pprof-fixtures.XXXXXX)"
SVC_PID=""
LOAD_PID=""

log() { printf '[make-fixtures %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

cleanup() {
  set +e
  for pid in "$LOAD_PID" "$SVC_PID"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      wait "$pid"
    fi
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "building with $(go version)"
mkdir -p "$WORK/src" "$WORK/bin"
cp -r "$HERE/profiled" "$WORK/src/"
(cd "$WORK/src/profiled" && GO111MODULE=off GOPATH=/usr/share/gocode CGO_ENABLED=0 go build -o "$WORK/bin/profiled" .)

rm -f "$HERE"/cpu-*.pb.gz "$HERE"/heap-*.pprof "$HERE"/goroutine-*.pb.gz "$HERE"/mutex-*.pprof "$HERE"/block-*.pb \
  "$HERE/truncated-cpu.pb" "$HERE/profiled.log"

GOMAXPROCS=2 "$WORK/bin/profiled" -listen "127.0.0.1:$PORT" 2>"$WORK/profiled.log" &
SVC_PID=$!
for _ in $(seq 1 50); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 0.2
done
log "profiled pid $SVC_PID"

# Bounded load: 8 concurrent /orders requests at a time, 1200 in all (about 10 s).
load() {
  local i
  for i in $(seq 1 1200); do
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/orders?id=$i" &
    if [ $((i % 8)) = 0 ]; then wait; fi
  done
  wait
}
load &
LOAD_PID=$!
sleep 1
curl -fsS -o /dev/null -X POST "http://127.0.0.1:$PORT/reindex"
sleep 1

base="http://127.0.0.1:$PORT/debug/pprof"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
curl -fsS -o "$HERE/cpu-$stamp.pb.gz" "$base/profile?seconds=5"
curl -fsS -o "$HERE/heap-$stamp.pprof" "$base/heap"
curl -fsS -o "$HERE/goroutine-$stamp.pb.gz" "$base/goroutine"
curl -fsS -o "$HERE/mutex-$stamp.pprof" "$base/mutex"
curl -fsS "$base/block" | gunzip >"$HERE/block-$stamp.pb"
gunzip -c "$HERE/cpu-$stamp.pb.gz" | head -c 1500 >"$HERE/truncated-cpu.pb"

wait "$LOAD_PID" || true
LOAD_PID=""
kill "$SVC_PID"
wait "$SVC_PID" || true
SVC_PID=""
cp "$WORK/profiled.log" "$HERE/profiled.log"
ls -l "$HERE" >&2
