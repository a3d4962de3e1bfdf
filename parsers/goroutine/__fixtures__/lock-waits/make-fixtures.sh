#!/usr/bin/env bash
# Regenerates the lock-wait fixtures: runs lockwaits/main.go (Go from Debian's golang-go, 1.19 here),
# which writes its own goroutine profiles with runtime/pprof: lockwaits-debug2.txt and lockwaits-debug1.txt.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$HERE/lockwaits" && GO111MODULE=off CGO_ENABLED=0 go build -o "$WORK/lockwaits" .)
"$WORK/lockwaits" "$HERE/lockwaits-debug2.txt" "$HERE/lockwaits-debug1.txt"
go version >"$HERE/GO_VERSION"
