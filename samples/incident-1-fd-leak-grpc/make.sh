#!/usr/bin/env bash
# Regenerates bundle/ for incident 1 (seed 000: Go API gateway, "socket: too many open files").
#
# Runs the real software, everything on 127.0.0.1:
#   - MariaDB 10.11 (throwaway datadir, port 38131): the portal's database;
#   - tuba (tuba/main.go): the "module", a gRPC server (grpc-go 1.33 from Debian) on port 38151;
#   - api_gateway (gateway/*.go) on port 38101, started under `ulimit -n $NOFILE`, with the two bugs of
#     the seed: one gRPC ClientConn dialed per call and never closed, and GraphQL subscription loops
#     (websockets, gorilla/websocket) that keep polling the module after their client disconnected;
#   - portal (portal/main.go): REST calls once a second and a subscription every few seconds, for $RUN s.
# A bounded collector loop takes, every $EVERY s: `lsof -p PID -nP`, `ss -tanp` (the gateway's ports),
# and net/http/pprof's goroutine?debug=2; /proc/PID/limits once. Once the descriptors are gone the pprof
# endpoint cannot accept the collector (the first failed fetch ends the pprof dumps); after the load stops
# a last dump is taken with SIGQUIT.
# Needs root (mariadb runs as the mysql user), curl, lsof, iproute2, and:
#   apt-get install golang-go golang-google-grpc-dev golang-github-gorilla-websocket-dev \
#     golang-github-go-sql-driver-mysql-dev mariadb-server
# Takes about 4 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"
# shellcheck source=../shared/go/lib.sh
source "$HERE/../shared/go/lib.sh"

BUNDLE="$HERE/bundle"
GW_PORT=38101
DB_PORT=38131
TUBA_PORT=38151
NOFILE="${NOFILE:-128}" # low, so that the leak reaches EMFILE within minutes (and the dumps stay small)
RUN="${RUN:-180}"       # seconds of portal traffic (EMFILE comes after about 2 minutes)
EVERY="${EVERY:-20}"    # seconds between captures
WORK="$(mktemp -d /tmp/rootline-incident1.XXXXXX)"
chmod 755 "$WORK"
GW_PID=""
TUBA_PID=""
DB_PID=""
PORTAL_PID=""

cleanup() {
  set +e
  stop_pids "$PORTAL_PID" "$GW_PID" "$TUBA_PID" "$DB_PID"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for port in $GW_PORT $DB_PORT $TUBA_PORT; do
  if ss -tln "( sport = :$port )" | grep -q LISTEN; then
    log "port $port is in use"
    exit 1
  fi
done

wait_ports_quiet $GW_PORT $DB_PORT $TUBA_PORT
rm -rf "$BUNDLE"
mkdir -p "$BUNDLE/logs" "$BUNDLE/snapshots" "$BUNDLE/dumps"

log "building"
mkdir -p "$WORK/bin"
# The binary's name is the process name lsof and ss print.
go_build "$HERE/gateway" "$WORK/bin/api_gateway"
go_build "$HERE/tuba" "$WORK/bin/tuba"
go_build "$HERE/portal" "$WORK/bin/portal"

log "MariaDB on 127.0.0.1:$DB_PORT"
mkdir -p "$WORK/mysql" "$WORK/run"
chown mysql: "$WORK/mysql" "$WORK/run"
mariadb-install-db --no-defaults --datadir="$WORK/mysql" --user=mysql --skip-test-db \
  --auth-root-authentication-method=socket >"$WORK/mysql-install.log" 2>&1
mariadbd --no-defaults --datadir="$WORK/mysql" --user=mysql --bind-address=127.0.0.1 --port=$DB_PORT \
  --socket="$WORK/run/mysql.sock" --pid-file="$WORK/run/mysql.pid" --log-error="$WORK/run/mysql.err" \
  --skip-log-bin &
DB_PID=$!
for _ in $(seq 1 60); do
  [ -S "$WORK/run/mysql.sock" ] && break
  sleep 0.5
done
mariadb --no-defaults --socket="$WORK/run/mysql.sock" -uroot <<'SQL'
CREATE DATABASE portal;
CREATE USER 'gateway'@'127.0.0.1' IDENTIFIED BY 'gateway-pw';
GRANT ALL ON portal.* TO 'gateway'@'127.0.0.1';
CREATE TABLE portal.jobs (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL);
INSERT INTO portal.jobs VALUES (1,'ingest-a'),(2,'ingest-b'),(3,'nightly-report'),(4,'billing'),(5,'thumbnails'),
  (6,'sync-crm'),(7,'backup'),(8,'reindex'),(9,'mailer'),(10,'cleanup'),(11,'export-a'),(12,'export-b'),
  (13,'etl-1'),(14,'etl-2'),(15,'etl-3'),(16,'audit'),(17,'metrics'),(18,'archive'),(19,'train'),(20,'deploy');
SQL

log "tuba module on 127.0.0.1:$TUBA_PORT"
"$WORK/bin/tuba" -listen "127.0.0.1:$TUBA_PORT" >"$WORK/tuba.log" 2>&1 &
TUBA_PID=$!

log "api_gateway on 127.0.0.1:$GW_PORT with ulimit -n $NOFILE"
(
  ulimit -n "$NOFILE"
  cd "$WORK"
  exec "$WORK/bin/api_gateway" -listen "127.0.0.1:$GW_PORT" -tuba-port $TUBA_PORT \
    -mysql "gateway:gateway-pw@tcp(127.0.0.1:$DB_PORT)/portal?timeout=2s" -log "$BUNDLE/logs/api_gateway.log"
) >"$WORK/gateway.stdout" 2>"$WORK/gateway.stderr" &
GW_PID=$!
for _ in $(seq 1 50); do
  curl -fs "http://127.0.0.1:$GW_PORT/healthz" >/dev/null && break
  sleep 0.2
done

# capture: lsof and ss of the gateway (its own port, its peers' ports), and a goroutine dump while pprof answers.
PPROF_OK=1
capture() {
  snapshot "$BUNDLE/snapshots" lsof "$GW_PID" lsof -p "$GW_PID" -nP
  snapshot "$BUNDLE/snapshots" ss "$GW_PID" ss -tanp "( sport = :$GW_PORT or dport = :$TUBA_PORT or dport = :$DB_PORT )"
  if [ "$PPROF_OK" = 1 ]; then
    goroutine_dump "$BUNDLE/dumps" "$GW_PID" "http://127.0.0.1:$GW_PORT/debug/pprof/goroutine?debug=2" || PPROF_OK=0
  fi
  log "gateway fds: $(proc_fd_count "$GW_PID") / $NOFILE"
}

snapshot "$BUNDLE/snapshots" limits "$GW_PID" cat "/proc/$GW_PID/limits"
capture

log "portal traffic for $RUN s"
"$WORK/bin/portal" -gateway "127.0.0.1:$GW_PORT" -duration "${RUN}s" >"$WORK/portal.log" 2>&1 &
PORTAL_PID=$!

# The collector: bounded, one round every $EVERY s while the portal runs.
rounds=$((RUN / EVERY))
for _ in $(seq 1 "$rounds"); do
  sleep "$EVERY"
  capture
done
wait "$PORTAL_PID" || true
PORTAL_PID=""

# After the load: the leaked sockets and loops are still there and every descriptor is taken, so the pprof
# endpoint cannot accept the collector any more: the last goroutine dump is the runtime's SIGQUIT dump.
sleep 5
capture
sigquit_dump "$BUNDLE/dumps" "$GW_PID" "$WORK/gateway.stderr"
wait "$GW_PID" || true
GW_PID=""

log "portal saw: $(grep -c . "$WORK/portal.log") problem lines"
log "bundle written to $BUNDLE"
ls -lR "$BUNDLE" >&2
du -sh "$BUNDLE" >&2
