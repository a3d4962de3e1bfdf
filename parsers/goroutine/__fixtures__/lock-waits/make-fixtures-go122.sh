#!/usr/bin/env bash
# The lock-wait fixtures again with Go 1.22 (Debian bookworm-backports' golang-1.22, at
# /usr/lib/go-1.22/bin/go; override with GO122=): the same lockwaits/main.go, into go122/:
#   lockwaits-debug2.txt, lockwaits-debug1.txt  the program's own runtime/pprof profiles, as in 1.19;
#   lockwaits-sigquit.log  its stderr (GOTRACEBACK=all) after `kill -QUIT`, taken once the program has
#                          queued $CYCLE_QUEUE more transfers on a.mu (behind the two-lock cycle) and said
#                          "ready for SIGQUIT" on stdout.
# Go 1.20+ prints other wait reasons (`sync.Mutex.Lock`, `sync.RWMutex.RLock`, …), `created by X in
# goroutine N`, and other runtime frames: that is what these files are for.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
GO="${GO122:-/usr/lib/go-1.22/bin/go}"
CYCLE_QUEUE="${CYCLE_QUEUE:-5}"
OUT="$HERE/go122"
WORK="$(mktemp -d)"
PID=""
cleanup() {
  set +e
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill "$PID"; wait "$PID"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$OUT"
# GOPATH mode, no module, stdlib only; GOTOOLCHAIN=local: never switch to a downloaded toolchain.
(cd "$HERE/lockwaits" && GOTOOLCHAIN=local GO111MODULE=off CGO_ENABLED=0 "$GO" build -o "$WORK/lockwaits" .)
GOTRACEBACK=all "$WORK/lockwaits" "$OUT/lockwaits-debug2.txt" "$OUT/lockwaits-debug1.txt" "$CYCLE_QUEUE" \
  >"$WORK/stdout" 2>"$OUT/lockwaits-sigquit.log" &
PID=$!
for _ in $(seq 1 100); do # up to 10 s; it is ready after about a second
  grep -q 'ready for SIGQUIT' "$WORK/stdout" && break
  sleep 0.1
done
grep -q 'ready for SIGQUIT' "$WORK/stdout" || { echo "lockwaits did not get ready" >&2; exit 1; }
kill -QUIT "$PID"
status=0
wait "$PID" || status=$?
PID=""
echo "lockwaits exited with status $status after SIGQUIT ($(grep -c '^goroutine ' "$OUT/lockwaits-sigquit.log") goroutines in the trace)" >&2
GOTOOLCHAIN=local "$GO" version >"$OUT/GO_VERSION"
