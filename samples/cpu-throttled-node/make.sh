#!/usr/bin/env bash
# Regenerates bundle/ for the cpu-throttled-node sample: a Node.js service starved by its cgroup's CPU
# quota (CFS bandwidth throttling) for one stretch of 75 s.
#
# Runs the real software, everything on 127.0.0.1:
#   - PostgreSQL 15 (throwaway cluster on port 54411, server log times in Asia/Tokyo): the fares database
#     (src/schema.sql: 615 routes, 29,520 fares).
#   - fare-quote (src/server.mjs) on port 18221: Node 20 with pg 8.23.1 (Pool max 10,
#     connectionTimeoutMillis 5000, idleTimeoutMillis 10000), pino 10.4.0 + pino-http 11.0.0 (NDJSON, request lines without headers,
#     pino's default epoch-millisecond "time") to logs/fare-quote.log. npm installs the packages of
#     src/package-lock.json into src/node_modules (npm ci).
#   - the traffic (src/loadgen/main.go, Go 1.19, standard library only, NOT in the cgroup) standing in for
#     the checkout BFF: open loop, Poisson arrivals at 30 calls/s, http.Client.Timeout 3 s; Go's log
#     package (UTC, microseconds) to logs/checkout-bff.log: one line per failed call, one summary per 10 s.
# fare-quote is started inside a child cgroup of the v1 cpu controller (the shell that execs node writes
# its own pid into cgroup.procs first, as a container runtime does) and of the cpuacct controller. The
# cgroup's period is 50 ms (cpu.cfs_period_us = 50000) and its quota unlimited (-1) for 100 s, then
# 2.5 ms per 50 ms (cpu.cfs_quota_us = 2500: 5 % of one CPU) for 75 s, then unlimited again for the rest.
# No signal is sent to node: only the kernel's CFS bandwidth controller slows it.
# Collected:
#   - snapshots/cgroup-cpu.log: a `while` loop appending, every 10 s, `date -u +%Y-%m-%dT%H:%M:%SZ` and
#     `cat` of the cgroup's cpu.stat, cpu.cfs_quota_us, cpu.cfs_period_us and cpuacct.usage (one file);
#   - snapshots/top-<UTC>.txt: `top -b -n 1` of node and the postmaster every 30 s, under the collector
#     header of ../shared/lib.sh (`# captured <ISO UTC> host=… pid=… cmd=…`);
#   - logs/fare-quote.log, logs/checkout-bff.log, logs/postgresql.log.
# Needs root (cgroups, initdb via the postgres user), the cgroup v1 cpu and cpuacct controllers, Node >= 20
# with npm (NodeSource's nodejs package carries both), npm registry access (or a filled npm cache), and:
#   apt-get install postgresql-15 golang-1.19-go procps
# Takes about 5.5 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"

# This script's own log, also used by lib.sh's snapshot(): full UTC times to the millisecond (the README's
# timeline comes from it).
log() { printf '[make %s] %s\n' "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$*" >&2; }

BUNDLE="${BUNDLE:-$HERE/bundle}"
PG_PORT_WANTED=54411
APP_PORT=18221
PG_ZONE=Asia/Tokyo
NORMAL="${NORMAL:-100}"       # s of unlimited CPU before the throttled stretch
THROTTLE="${THROTTLE:-75}"    # s of the throttled stretch
AFTER="${AFTER:-110}"         # s of unlimited CPU after it, until the traffic stops
QUOTA_US="${QUOTA_US:-2500}"
PERIOD_US=50000
RATE="${RATE:-30}"
CALL_TIMEOUT=3s
CG_NAME=fare-quote
WORK="$(mktemp -d /tmp/rootline-cpu-throttled-node.XXXXXX)"
chmod 755 "$WORK"
chown postgres "$WORK"
APP_PID=""
CLIENT_PID=""
CGLOOP_PID=""
TOPLOOP_PID=""
CG_CPU=""
CG_ACCT=""

cleanup() {
  set +e
  [ -n "$CG_CPU" ] && [ -d "$CG_CPU" ] && echo -1 >"$CG_CPU/cpu.cfs_quota_us"
  stop_pids "$TOPLOOP_PID" "$CGLOOP_PID" "$CLIENT_PID" "$APP_PID"
  pg_stop
  for d in "$CG_CPU" "$CG_ACCT"; do
    [ -n "$d" ] && [ -d "$d" ] && rmdir "$d"
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ "$(id -u)" = 0 ] || { echo "run as root (cgroups)" >&2; exit 1; }
for p in "$PG_PORT_WANTED" "$APP_PORT"; do
  if ss -tlnH "( sport = :$p )" | grep -q .; then
    log "port $p is in use"
    exit 1
  fi
done

# The v1 cpu and cpuacct controllers (this sample reads the v1 files; see the README).
V1_CPU="$(awk '$3 == "cgroup" && $4 ~ /(^|,)cpu(,|$)/ { print $2; exit }' /proc/mounts)"
V1_ACCT="$(awk '$3 == "cgroup" && $4 ~ /(^|,)cpuacct(,|$)/ { print $2; exit }' /proc/mounts)"
if [ -z "$V1_CPU" ] || [ -z "$V1_ACCT" ]; then
  log "no cgroup v1 cpu/cpuacct controllers mounted (cpu: '${V1_CPU:-none}', cpuacct: '${V1_ACCT:-none}'): cannot make this sample"
  exit 1
fi
CG_CPU="$V1_CPU/$CG_NAME"
CG_ACCT="$V1_ACCT/$CG_NAME"
[ "$CG_ACCT" = "$CG_CPU" ] && CG_ACCT="$CG_CPU"
for d in "$CG_CPU" "$CG_ACCT"; do
  [ -d "$d" ] || mkdir "$d"
done
echo -1 >"$CG_CPU/cpu.cfs_quota_us"
echo "$PERIOD_US" >"$CG_CPU/cpu.cfs_period_us"
log "cgroup v1: $CG_CPU (cpu.cfs_period_us $(cat "$CG_CPU/cpu.cfs_period_us"), cpu.cfs_quota_us $(cat "$CG_CPU/cpu.cfs_quota_us")), $CG_ACCT"

rm -rf "$BUNDLE"
mkdir -p "$BUNDLE/logs" "$BUNDLE/snapshots"

log "npm ci in $HERE/src (pg, pino, pino-http from package-lock.json)"
npm ci --prefix "$HERE/src" --no-audit --no-fund >&2
log "building the traffic generator (go $(go env GOVERSION))"
(
  cd "$HERE/src/loadgen"
  GOCACHE="$WORK/gocache" GOPATH="$WORK/gopath" GOFLAGS=-mod=mod go build -o "$WORK/loadgen" .
)

log "PostgreSQL on 127.0.0.1:$PG_PORT_WANTED (log times in $PG_ZONE)"
pg_start "$WORK/pgdata" "$PG_PORT_WANTED" "$PG_ZONE"
pg_sql -d postgres -c "CREATE ROLE fare_quote LOGIN PASSWORD 'fare-quote-pw'" \
  -c "CREATE DATABASE fares OWNER fare_quote"
as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d fares \
  -c "SET ROLE fare_quote" -f "$HERE/src/schema.sql" >/dev/null
ROUTES="$(pg_sql -d fares -tAc 'SELECT count(*) FROM routes')"
FARES="$(pg_sql -d fares -tAc 'SELECT count(*) FROM fares')"
PG_PID="$(head -1 "$PG_DATA/postmaster.pid")"
log "database loaded: $ROUTES routes, $FARES fares; postmaster pid $PG_PID"

RUN_SECONDS=$((NORMAL + THROTTLE + AFTER))
(
  # Born in the cgroup: this subshell joins it, then becomes node (every thread node starts is in it).
  echo "$BASHPID" >"$CG_CPU/cgroup.procs"
  [ "$CG_ACCT" != "$CG_CPU" ] && echo "$BASHPID" >"$CG_ACCT/cgroup.procs"
  cd "$HERE/src"
  NODE_ENV=production API_PORT=$APP_PORT API_SECONDS=$((RUN_SECONDS + 30)) LOG_FILE="$BUNDLE/logs/fare-quote.log" \
    PGHOST=127.0.0.1 PGPORT=$PG_PORT PGDATABASE=fares PGUSER=fare_quote PGPASSWORD=fare-quote-pw \
    exec node server.mjs
) >>"$WORK/app.stdout" 2>&1 &
APP_PID=$!
for i in $(seq 1 50); do
  ss -tlnH "( sport = :$APP_PORT )" | grep -q . && break
  kill -0 "$APP_PID" 2>/dev/null || { log "fare-quote exited"; cat "$WORK/app.stdout" >&2; exit 1; }
  sleep 0.2
done
log "fare-quote started, pid $APP_PID, in $CG_CPU ($(wc -l <"$CG_CPU/cgroup.procs") process, $(wc -l <"$CG_CPU/tasks") threads)"

# The cgroup collector: one file, a date line then the four files, every 10 s, bounded by its end time.
(
  end=$(($(date +%s) + RUN_SECONDS + 20))
  while [ "$(date +%s)" -lt "$end" ]; do
    date -u +%Y-%m-%dT%H:%M:%SZ
    cat "$CG_CPU/cpu.stat" "$CG_CPU/cpu.cfs_quota_us" "$CG_CPU/cpu.cfs_period_us" "$CG_ACCT/cpuacct.usage"
    sleep 10
  done
) >>"$BUNDLE/snapshots/cgroup-cpu.log" 2>&1 &
CGLOOP_PID=$!
log "cgroup collector started, pid $CGLOOP_PID"

(
  TZ=UTC BASE_URL="http://127.0.0.1:$APP_PORT" RATE="$RATE" DURATION="${RUN_SECONDS}s" CALL_TIMEOUT="$CALL_TIMEOUT" \
    ROUTES="$ROUTES" FARES="$FARES" LOG_FILE="$BUNDLE/logs/checkout-bff.log" exec "$WORK/loadgen"
) >>"$WORK/client.stdout" 2>&1 &
CLIENT_PID=$!
START=$(date +%s)
log "traffic started, pid $CLIENT_PID (not in the cgroup): $RATE calls/s for $RUN_SECONDS s, timeout $CALL_TIMEOUT"

# top every 30 s, in files of their own.
(
  for i in $(seq 0 $((RUN_SECONDS / 30))); do
    TZ=UTC snapshot "$BUNDLE/snapshots" top "$APP_PID" top -b -n 1 -w 200 -p "$APP_PID,$PG_PID"
    sleep 30
  done
) &
TOPLOOP_PID=$!

# at SECONDS: sleep until SECONDS after START.
at() {
  local now
  now=$(date +%s)
  if [ "$((START + $1))" -gt "$now" ]; then sleep "$((START + $1 - now))"; fi
}

at "$NORMAL"
echo "$QUOTA_US" >"$CG_CPU/cpu.cfs_quota_us"
log "THROTTLED: cpu.cfs_quota_us = $(cat "$CG_CPU/cpu.cfs_quota_us") per cpu.cfs_period_us = $(cat "$CG_CPU/cpu.cfs_period_us") ($((QUOTA_US * 100 / PERIOD_US)) % of one CPU)"
at "$((NORMAL + THROTTLE))"
echo -1 >"$CG_CPU/cpu.cfs_quota_us"
log "UNTHROTTLED: cpu.cfs_quota_us = $(cat "$CG_CPU/cpu.cfs_quota_us")"

wait "$CLIENT_PID" || log "traffic exited with $?"
CLIENT_PID=""
log "traffic done: $(tail -1 "$BUNDLE/logs/checkout-bff.log")"
wait "$TOPLOOP_PID" || true
TOPLOOP_PID=""
log "SIGTERM to fare-quote"
kill -TERM "$APP_PID" 2>/dev/null || true
for i in $(seq 1 100); do
  kill -0 "$APP_PID" 2>/dev/null || break
  sleep 0.1
done
kill -0 "$APP_PID" 2>/dev/null && { log "fare-quote did not stop in time; killing it"; kill -KILL "$APP_PID"; }
wait "$APP_PID" || true
APP_PID=""
log "fare-quote stopped"
wait "$CGLOOP_PID" || true
CGLOOP_PID=""
log "cgroup collector done; final cpu.stat: $(tr '\n' ' ' <"$CG_CPU/cpu.stat")"

install -m 644 "$PG_SOCK/postgresql.log" "$BUNDLE/logs/postgresql.log"
log "bundle written to $BUNDLE"
ls -lR "$BUNDLE" >&2
