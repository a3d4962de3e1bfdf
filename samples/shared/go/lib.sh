# Go-side helpers for the make.sh scripts of the Go sample bundles (sourced after ../lib.sh, not run).
# Go here is Debian's golang-go (1.19) in GOPATH mode against Debian's golang-*-dev packages: no module
# downloads are possible, so GO111MODULE=off and GOPATH=/usr/share/gocode.
# shellcheck shell=bash

GO_SHARED_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# go_build SRC_DIR OUT: one `package main` directory to a static binary.
go_build() {
  (cd "$1" && GO111MODULE=off GOPATH=/usr/share/gocode CGO_ENABLED=0 go build -o "$2" .)
}

# goroutine_dump DIR PID URL: GET URL (net/http/pprof's /debug/pprof/goroutine?debug=2) into
# DIR/goroutine-<UTC stamp>.txt under the collector header. A failed fetch (a process out of file
# descriptors cannot accept the collector's connection) keeps no file (a partial dump is worse than none)
# and returns 1.
goroutine_dump() {
  local dir="$1" pid="$2" url="$3" now tmp out
  mkdir -p "$dir"
  now="$(date -u +%s)"
  tmp="$(mktemp)"
  if curl -fsS --max-time 8 --retry 1 --retry-delay 1 --retry-all-errors -o "$tmp" "$url" 2>"$tmp.err"; then
    out="$dir/goroutine-$(date -u -d "@$now" +%Y%m%dT%H%M%SZ).txt"
    {
      printf '# captured %s host=%s pid=%s cmd=curl -s %s\n' "$(date -u -d "@$now" +%Y-%m-%dT%H:%M:%SZ)" "$(hostname)" "$pid" "$url"
      cat "$tmp"
    } >"$out"
    log "captured $out ($(grep -c '^goroutine ' "$out") goroutines)"
    rm -f "$tmp" "$tmp.err"
  else
    log "goroutine dump of $pid failed: $(tr '\n' ' ' <"$tmp.err")"
    rm -f "$tmp" "$tmp.err"
    return 1
  fi
}

# sigquit_dump DIR PID STDERR_FILE: what an operator does when the debug endpoint no longer answers:
# SIGQUIT makes the Go runtime print every goroutine to stderr and exit (status 2). The dump is kept
# under the collector header as DIR/goroutine-<UTC stamp>.txt.
sigquit_dump() {
  local dir="$1" pid="$2" err="$3" now before i
  before="$(wc -c <"$err")"
  now="$(date -u +%s)"
  kill -QUIT "$pid"
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  out="$dir/goroutine-$(date -u -d "@$now" +%Y%m%dT%H%M%SZ).txt"
  {
    printf '# captured %s host=%s pid=%s cmd=kill -QUIT %s (Go runtime dump from stderr)\n' \
      "$(date -u -d "@$now" +%Y-%m-%dT%H:%M:%SZ)" "$(hostname)" "$pid" "$pid"
    tail -c +"$((before + 1))" "$err"
  } >"$out"
  log "captured $out ($(grep -c '^goroutine ' "$out") goroutines)"
}

# proc_fd_count PID: open file descriptors of PID right now (for the make.sh progress lines only).
proc_fd_count() {
  find "/proc/$1/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l
}

# wait_ports_quiet PORT...: wait (at most 90 s) until no TCP socket on these ports is left from an earlier
# run (TIME-WAIT lasts 60 s), so the first snapshot shows this run only.
wait_ports_quiet() {
  local filter="" p i
  for p in "$@"; do filter="${filter:+$filter or }sport = :$p or dport = :$p"; done
  for i in $(seq 1 90); do
    [ "$(ss -tanH "( $filter )" | wc -l)" = 0 ] && return 0
    [ "$i" = 1 ] && log "waiting for sockets of an earlier run on ports $* to go away"
    sleep 1
  done
  log "sockets on ports $* are still there; going on"
}
