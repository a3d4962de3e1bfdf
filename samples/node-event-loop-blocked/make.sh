#!/usr/bin/env bash
# Regenerates bundle/ for the sample "node-event-loop-blocked": a Node API whose event loop is blocked for
# ~25 s, twice, by a synchronous CPU-bound report (a look-alike of a frozen or starved process that is
# neither: the process runs at 100% CPU the whole time).
#
# Runs the real software: profile-api (api/server.mjs: Node 20, pino + pino-http installed with npm into a
# temp dir, never into the repo; no database) behind nginx (Debian's nginx 1.22, nginx.conf.in, on
# 127.0.0.1:18203, TZ=Asia/Kolkata), and a bounded load client (api/client.mjs, 5 users, through nginx).
#   t=0     nginx and profile-api start; the client starts; the collector takes `top -b -n 1 -p PID` every
#           5 s and `ss -tnp` of the API's port every 10 s (snapshots/, under the collector header)
#   t=60    an admin requests GET /api/v1/admin/reports/engagement?since=2026-01-01 (curl): ~25 s of
#           synchronous work on the event loop
#   t=170   the admin requests it again (?since=2025-12-01): ~25 s again
#   t=250   the client stops; SIGTERM: profile-api closes its server
# Needs Node >= 20, npm registry access, and: apt-get install nginx curl procps iproute2
# Takes about 4.5 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"

# This script's own log: full UTC timestamps (the README's timeline is taken from them).
log() { printf '[make %s] %s\n' "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$*" >&2; }

BUNDLE="$HERE/bundle"
API_PORT=18202
NGINX_PORT=18203
NGINX_ZONE=Asia/Kolkata
RUN_FOR=250
REPORT1_AT=60
REPORT2_AT=170
PINO_VERSION=10.4.0
PINO_HTTP_VERSION=11.0.0
WORK="$(mktemp -d /tmp/rootline-node-elb.XXXXXX)"
chmod 755 "$WORK"
API_PID=""
NGINX_PID=""
CLIENT_PID=""
COLLECTOR_PID=""
ADMIN_PIDS=()

cleanup() {
  set +e
  stop_pids "$COLLECTOR_PID" "${ADMIN_PIDS[@]}" "$CLIENT_PID" "$NGINX_PID" "$API_PID"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for p in "$API_PORT" "$NGINX_PORT"; do
  if ss -tln "( sport = :$p )" | grep -q LISTEN; then
    log "port $p is in use"
    exit 1
  fi
done

rm -rf "$BUNDLE"
mkdir -p "$BUNDLE/logs" "$BUNDLE/snapshots"

log "installing pino@$PINO_VERSION pino-http@$PINO_HTTP_VERSION into $WORK/api"
mkdir -p "$WORK/api"
cp "$HERE/api/server.mjs" "$HERE/api/client.mjs" "$WORK/api/"
npm install --prefix "$WORK/api" --no-audit --no-fund --no-save "pino@$PINO_VERSION" "pino-http@$PINO_HTTP_VERSION" >&2

(
  cd "$WORK/api"
  API_PORT=$API_PORT API_SECONDS=$((RUN_FOR + 60)) API_LOG="$BUNDLE/logs/profile-api.log" exec node server.mjs
) >>"$WORK/api.stdout" 2>&1 &
API_PID=$!
for i in $(seq 1 100); do
  grep -q 'listening on' "$BUNDLE/logs/profile-api.log" 2>/dev/null && break
  kill -0 "$API_PID" 2>/dev/null || { log "profile-api exited"; cat "$WORK/api.stdout" >&2; exit 1; }
  sleep 0.2
done
log "profile-api started, pid $API_PID"

mkdir -p "$WORK/nginx"
chown www-data "$WORK/nginx" # nginx's workers (user www-data) buffer large responses there
sed -e "s|@WORK@|$WORK|g" -e "s|@BUNDLE@|$BUNDLE|g" -e "s|@API_PORT@|$API_PORT|g" -e "s|@NGINX_PORT@|$NGINX_PORT|g" \
  "$HERE/nginx.conf.in" >"$WORK/nginx.conf"
TZ="$NGINX_ZONE" nginx -t -q -e "$BUNDLE/logs/nginx-error.log" -p "$WORK" -c "$WORK/nginx.conf"
TZ="$NGINX_ZONE" nginx -e "$BUNDLE/logs/nginx-error.log" -p "$WORK" -c "$WORK/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
for i in $(seq 1 50); do
  ss -tln "( sport = :$NGINX_PORT )" | grep -q LISTEN && break
  sleep 0.1
done
START=$(date +%s)
log "nginx started, pid $NGINX_PID, on 127.0.0.1:$NGINX_PORT"

(cd "$WORK/api" && API_PORT=$NGINX_PORT CLIENT_USERS=5 CLIENT_SECONDS=$RUN_FOR timeout $((RUN_FOR + 90)) node client.mjs) &
CLIENT_PID=$!
log "client started, pid $CLIENT_PID"

# The collector: top every 5 s, ss every 10 s, on a fixed schedule from START (bounded).
(
  for i in $(seq 1 $((RUN_FOR / 5))); do
    now=$(date +%s)
    wait_s=$((START + i * 5 - now))
    [ "$wait_s" -gt 0 ] && sleep "$wait_s"
    kill -0 "$API_PID" 2>/dev/null || break
    snapshot "$BUNDLE/snapshots" top "$API_PID" top -b -n 1 -w 200 -p "$API_PID"
    if [ $((i % 2)) = 0 ]; then
      snapshot "$BUNDLE/snapshots" ss "$API_PID" ss -tnp "( sport = :$API_PORT )"
    fi
  done
) &
COLLECTOR_PID=$!

# admin_report AT SINCE: at START+AT the admin asks for the engagement report (waits up to 120 s).
admin_report() {
  local at="$1" since="$2" now out
  now=$(date +%s)
  [ $((START + at - now)) -gt 0 ] && sleep $((START + at - now))
  log "admin: GET /api/v1/admin/reports/engagement?since=$since"
  out=$(curl -sS -m 120 -o /dev/null -w '%{http_code} %{time_total}s %{size_download}B' \
    "http://127.0.0.1:$NGINX_PORT/api/v1/admin/reports/engagement?since=$since" 2>&1) || true
  log "admin: report since=$since answered: $out"
}
admin_report "$REPORT1_AT" 2026-01-01 &
ADMIN_PIDS+=($!)
admin_report "$REPORT2_AT" 2025-12-01 &
ADMIN_PIDS+=($!)

wait "$CLIENT_PID" || log "client exited with $?"
CLIENT_PID=""
for pid in "${ADMIN_PIDS[@]}"; do wait "$pid" || true; done
ADMIN_PIDS=()
log "client done; SIGQUIT to nginx (graceful), SIGTERM to profile-api"
kill -QUIT "$NGINX_PID" 2>/dev/null || true
wait "$NGINX_PID" || true
NGINX_PID=""
kill -TERM "$API_PID" 2>/dev/null || true
for i in $(seq 1 100); do
  kill -0 "$API_PID" 2>/dev/null || break
  sleep 0.1
done
kill -0 "$API_PID" 2>/dev/null && { log "profile-api did not stop in time; terminating it"; kill -KILL "$API_PID"; }
wait "$API_PID" || true
API_PID=""
log "profile-api stopped"
wait "$COLLECTOR_PID" || true
COLLECTOR_PID=""

log "bundle written to $BUNDLE"
ls -lR "$BUNDLE" >&2
