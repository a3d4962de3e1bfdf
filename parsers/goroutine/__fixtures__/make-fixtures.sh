#!/usr/bin/env bash
# Regenerates the real goroutine dumps of this folder (see PROVENANCE.md) by running
# leaky-service/main.go, a Go program with net/http/pprof, on 127.0.0.1:
#
#   pprof-<stamp>-debug1.txt / pprof-<stamp>-debug2.txt
#       three rounds of traffic (6, then 17, then 25 more goroutines blocked in a channel send; in the
#       first round 2 + 3 workers started under pprof.Do with the labels tenant=acme / tenant=globex;
#       in the last round mutex waiters and 3 HTTP responses whose bodies are never closed); after each
#       round /debug/pprof/goroutine?debug=1 and ?debug=2 are fetched at the same moment (two curls
#       started together), each file under the collector header `# captured <UTC> host= pid= cmd=`
#       taken once for the pair.
#   collector-debug2.txt
#       a collector loop on the same process: three times, $COLLECT_GAP seconds apart (default 40),
#       more unclosed response bodies (4, 5, then 6) and then the header of samples/shared/lib.sh
#       (`# captured <UTC> host= pid= cmd=`) and a ?debug=2 download appended to this one file.
#   stderr-sigquit.log
#       the same process's stderr (GOTRACEBACK=all): its `log` lines, the runtime's dump when it is
#       sent SIGQUIT (`SIGQUIT: quit`, `PC=…`, every goroutine, the registers block), then the lines of
#       the next run a supervisor loop appends to the same file.
#   docker-json-sigquit.log
#       the same program in a container (Docker's json-file log driver, restart policy on-failure):
#       `kill -QUIT` of its process from the host, the restarted container's lines after it; the container's json log
#       file copied as it is. Skipped, with a message, when no Docker daemon answers.
#
# Needs Debian's golang-go (1.19; or another go command as GO=, output dir OUT=: make-fixtures-go122.sh), curl, and for the last file docker.io with a running daemon (as
# root: `dockerd --iptables=false --bridge=none --storage-driver=vfs &`). The image is made with
# `docker import` from the static binary alone: nothing is pulled.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# GO: the go command (make-fixtures-go122.sh passes Go 1.22's); OUT: where the files go.
GO="${GO:-go}"
OUT="${OUT:-$HERE}"
mkdir -p "$OUT"
PORT="${PORT:-38971}"
DOCKER_PORT="${DOCKER_PORT:-38972}"
COLLECT_GAP="${COLLECT_GAP:-40}"
WORK="$(mktemp -d /tmp/rootline-goroutine-fixtures.XXXXXX)"
SVC_PID=""
CONTAINER=""

log() { printf '[make-fixtures %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

cleanup() {
  set +e
  if [ -n "$SVC_PID" ] && kill -0 "$SVC_PID" 2>/dev/null; then
    kill "$SVC_PID"
    wait "$SVC_PID"
  fi
  [ -n "$CONTAINER" ] && docker rm -f "$CONTAINER" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_up() {
  for _ in $(seq 1 50); do
    curl -fs "http://127.0.0.1:$1/healthz" >/dev/null && return 0
    sleep 0.2
  done
  log "service on port $1 did not come up"
  return 1
}

# start_service: one run of the service, its stderr appended to $WORK/stderr.log (a supervisor's log).
start_service() {
  GOTRACEBACK=all "$WORK/bin/leaky-service" -listen "127.0.0.1:$PORT" 2>>"$WORK/stderr.log" &
  SVC_PID=$!
  wait_up "$PORT"
}

# pprof_pair: debug=1 and debug=2 fetched together, one header (and one stamp) for both files.
pprof_pair() {
  local now stamp header url="http://127.0.0.1:$PORT/debug/pprof/goroutine"
  now="$(date -u +%s)"
  stamp="$(date -u -d "@$now" +%Y%m%dT%H%M%SZ)"
  header="# captured $(date -u -d "@$now" +%Y-%m-%dT%H:%M:%SZ) host=$(hostname) pid=$SVC_PID"
  curl -fsS -o "$WORK/d1" "$url?debug=1" &
  local c1=$!
  curl -fsS -o "$WORK/d2" "$url?debug=2" &
  local c2=$!
  wait "$c1" "$c2"
  { printf '%s cmd=curl -s %s?debug=1\n' "$header" "$url"; cat "$WORK/d1"; } >"$OUT/pprof-$stamp-debug1.txt"
  { printf '%s cmd=curl -s %s?debug=2\n' "$header" "$url"; cat "$WORK/d2"; } >"$OUT/pprof-$stamp-debug2.txt"
  log "captured pprof-$stamp-debug{1,2}.txt ($(head -2 "$WORK/d1" | tail -1))"
}

# collect: one round of a collector loop that appends to one file, with the header samples/shared/lib.sh's
# snapshot writes (`# captured <ISO-8601 UTC> host= pid= cmd=`, taken just before the command runs).
collect() {
  local now url="http://127.0.0.1:$PORT/debug/pprof/goroutine?debug=2" out="$OUT/collector-debug2.txt"
  now="$(date -u +%s)"
  {
    printf '# captured %s host=%s pid=%s cmd=%s\n' "$(date -u -d "@$now" +%Y-%m-%dT%H:%M:%SZ)" "$(hostname)" "$SVC_PID" "curl -s $url"
    curl -s "$url" 2>&1 || printf '# command exited with status %s\n' "$?"
  } >>"$out"
  log "appended a capture to collector-debug2.txt ($(grep -c '^goroutine ' "$out") goroutine headers so far)"
}

log "building with $(GOTOOLCHAIN=local "$GO" version)"
mkdir -p "$WORK/src" "$WORK/bin"
cp -r "$HERE/leaky-service" "$WORK/src/"
(cd "$WORK/src/leaky-service" && GO111MODULE=off GOPATH=/usr/share/gocode GOTOOLCHAIN=local CGO_ENABLED=0 "$GO" build -o "$WORK/bin/leaky-service" .)

rm -f "$OUT"/pprof-*-debug[12].txt "$OUT/collector-debug2.txt" "$OUT/stderr-sigquit.log" "$OUT/docker-json-sigquit.log"

start_service
for n in 6 17 25; do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/order?n=$n"
  if [ "$n" = 6 ]; then
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/job?tenant=acme&n=2"
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/job?tenant=globex&n=3"
  fi
  if [ "$n" = 25 ]; then
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/report?n=4"
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/fetch?n=3"
  fi
  sleep 2
  pprof_pair
  sleep 3
done

# The collector loop: the unclosed bodies keep piling up between its captures.
for n in 4 5 6; do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/fetch?n=$n"
  sleep 1
  collect
  [ "$n" = 6 ] || sleep "$COLLECT_GAP"
done

log "SIGQUIT to pid $SVC_PID"
kill -QUIT "$SVC_PID"
wait "$SVC_PID" || log "exited with status $?"
SVC_PID=""
# The supervisor starts it again; its lines follow the dump in the same file.
start_service
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/order?n=2"
sleep 1
kill "$SVC_PID"
wait "$SVC_PID" || true
SVC_PID=""
cp "$WORK/stderr.log" "$OUT/stderr-sigquit.log"
log "wrote stderr-sigquit.log ($(wc -l <"$OUT/stderr-sigquit.log") lines)"

if docker info >/dev/null 2>&1; then
  tar -C "$WORK/bin" -cf "$WORK/image.tar" leaky-service
  docker import -c 'ENTRYPOINT ["/leaky-service"]' "$WORK/image.tar" rootline-leaky-service:fixture >/dev/null
  CONTAINER="rootline-leaky-$$"
  docker run -d --name "$CONTAINER" --network host --log-driver json-file --restart on-failure:1 \
    -e GOTRACEBACK=all rootline-leaky-service:fixture -listen "127.0.0.1:$DOCKER_PORT" >/dev/null
  wait_up "$DOCKER_PORT"
  curl -fsS -o /dev/null "http://127.0.0.1:$DOCKER_PORT/order?n=5"
  curl -fsS -o /dev/null "http://127.0.0.1:$DOCKER_PORT/report?n=2"
  sleep 1
  # SIGQUIT from the host, as an operator would send it (`docker kill` would count as a manual stop
  # and disable the restart policy).
  kill -QUIT "$(docker inspect -f '{{.State.Pid}}' "$CONTAINER")"
  sleep 2
  wait_up "$DOCKER_PORT"
  curl -fsS -o /dev/null "http://127.0.0.1:$DOCKER_PORT/order?n=1"
  sleep 1
  cp "$(docker inspect -f '{{.LogPath}}' "$CONTAINER")" "$OUT/docker-json-sigquit.log"
  docker rm -f "$CONTAINER" >/dev/null
  CONTAINER=""
  docker rmi rootline-leaky-service:fixture >/dev/null
  log "wrote docker-json-sigquit.log ($(wc -l <"$OUT/docker-json-sigquit.log") lines)"
else
  log "no Docker daemon: docker-json-sigquit.log not made"
fi
