#!/usr/bin/env bash
# Regenerates bundle/ for the sample "node-event-loop-blocked-redos": a Fastify service whose event loop is
# blocked twice by catastrophic backtracking in its sign-up e-mail regex (a ReDoS), a look-alike of a
# frozen or starved process that is neither: the process burns a core the whole time.
#
# Runs the real software, everything on 127.0.0.1:
#   - account-api (src/server.mjs) on port 18231: Node 20, Fastify 5.12.8 with its pino 10.4.0 logger
#     (ISO-8601 times, level labels) to logs/account-api.log, @fastify/under-pressure 9.2.0
#     (maxEventLoopDelay 1000 ms, ELU per sample interval, `process health` logged every 5 s). npm installs
#     the packages of src/package-lock.json into src/node_modules (npm ci).
#   - web-bff (src/bff.mjs): the caller, Node's fetch with a 4 s AbortSignal.timeout, Poisson arrivals at
#     12 calls/s for RUN_FOR s; winston 3.19.0 JSON (ISO times) to logs/web-bff.log: a line per failed call,
#     a summary per 10 s.
#   - a sign-up bot (curl, not in the bundle): at t=BOT1_AT and t=BOT2_AT it posts an "e-mail" of N1 (then
#     N1+1) letters and a '!', which the regex takes seconds to refuse. N1 is calibrated on this machine
#     first (src/email.mjs timed on shorter strings: each letter doubles the time) so that the first block
#     lasts about TARGET_S seconds and the second about twice as long.
#   - the collector: `top -b -n 1 -w 200 -p PID` every 5 s (snapshots/, under the collector header of
#     ../shared/lib.sh; top's clock prints the machine's zone, UTC).
# Needs Node >= 20 with npm, npm registry access (or a filled npm cache), and: apt-get install curl procps
# Takes about 4 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"

# This script's own log: full UTC times to the millisecond (the README's timeline comes from it).
log() { printf '[make %s] %s\n' "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$*" >&2; }

BUNDLE="${BUNDLE:-$HERE/bundle}"
APP_PORT=18231
RUN_FOR="${RUN_FOR:-200}"   # s of traffic
BOT1_AT="${BOT1_AT:-50}"    # s after the traffic starts
BOT2_AT="${BOT2_AT:-130}"
TARGET_S="${TARGET_S:-9}"   # s the first block should last
RATE=12
CALL_TIMEOUT_MS=4000
WORK="$(mktemp -d /tmp/rootline-node-redos.XXXXXX)"
APP_PID=""
BFF_PID=""
COLLECTOR_PID=""
BOT_PIDS=()

cleanup() {
  set +e
  stop_pids "$COLLECTOR_PID" "${BOT_PIDS[@]}" "$BFF_PID" "$APP_PID"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ss -tlnH "( sport = :$APP_PORT )" | grep -q .; then
  log "port $APP_PORT is in use"
  exit 1
fi

rm -rf "$BUNDLE"
mkdir -p "$BUNDLE/logs" "$BUNDLE/snapshots"

log "npm ci in $HERE/src (fastify, @fastify/under-pressure, pino, winston from package-lock.json)"
npm ci --prefix "$HERE/src" --no-audit --no-fund >&2

# Calibration: the regex's time on 26..29 letters (bounded: each run well under a second here), then the
# length whose extrapolated time is closest to TARGET_S.
N1="$(cd "$HERE/src" && timeout 60 node --input-type=module -e "
  import { isValidEmail } from './email.mjs';
  let n = 26, ms = 0;
  for (; n <= 29; n++) { const t = performance.now(); isValidEmail('a'.repeat(n) + '!'); ms = performance.now() - t; }
  n--;
  let best = n, bestErr = Infinity;
  for (let m = n; m <= n + 12; m++) { const est = ms * 2 ** (m - n) / 1000; const err = Math.abs(Math.log(est / $TARGET_S)); if (err < bestErr) { bestErr = err; best = m; } }
  console.error('calibration: ' + n + ' letters took ' + ms.toFixed(1) + ' ms; ' + best + ' letters should take about ' + (ms * 2 ** (best - n) / 1000).toFixed(1) + ' s');
  console.log(best);
")"
N2=$((N1 + 1))
log "sign-up bot will post $N1 and $N2 letters"

(
  cd "$HERE/src"
  NODE_ENV=production API_PORT=$APP_PORT API_SECONDS=$((RUN_FOR + 60)) LOG_FILE="$BUNDLE/logs/account-api.log" exec node server.mjs
) >>"$WORK/app.stdout" 2>&1 &
APP_PID=$!
for i in $(seq 1 100); do
  grep -q 'account-api ready' "$BUNDLE/logs/account-api.log" 2>/dev/null && break
  kill -0 "$APP_PID" 2>/dev/null || { log "account-api exited"; cat "$WORK/app.stdout" >&2; exit 1; }
  sleep 0.2
done
log "account-api started, pid $APP_PID, on 127.0.0.1:$APP_PORT"

(
  cd "$HERE/src"
  BASE_URL="http://127.0.0.1:$APP_PORT" RATE=$RATE SECONDS=$RUN_FOR CALL_TIMEOUT_MS=$CALL_TIMEOUT_MS \
    LOG_FILE="$BUNDLE/logs/web-bff.log" exec timeout $((RUN_FOR + 60)) node bff.mjs
) >>"$WORK/bff.stdout" 2>&1 &
BFF_PID=$!
START=$(date +%s)
log "web-bff started, pid $BFF_PID: $RATE calls/s for $RUN_FOR s, timeout $CALL_TIMEOUT_MS ms"

# The collector: top every 5 s on a fixed schedule from START (bounded).
(
  for i in $(seq 1 $((RUN_FOR / 5))); do
    now=$(date +%s)
    wait_s=$((START + i * 5 - now))
    [ "$wait_s" -gt 0 ] && sleep "$wait_s"
    kill -0 "$APP_PID" 2>/dev/null || break
    snapshot "$BUNDLE/snapshots" top "$APP_PID" top -b -n 1 -w 200 -p "$APP_PID"
  done
) &
COLLECTOR_PID=$!

# bot AT N: at START+AT the sign-up bot posts an "e-mail" of N letters and a '!' (waits up to 120 s).
bot() {
  local at="$1" n="$2" now email out
  now=$(date +%s)
  [ $((START + at - now)) -gt 0 ] && sleep $((START + at - now))
  email="$(head -c "$n" /dev/zero | tr '\0' 'a')!"
  log "bot: POST /api/v1/accounts with an e-mail of $n letters and '!'"
  out=$(curl -sS -m 120 -o /dev/null -w '%{http_code} %{time_total}s' -H 'content-type: application/json' \
    -d "{\"email\":\"$email\",\"name\":\"x\"}" "http://127.0.0.1:$APP_PORT/api/v1/accounts" 2>&1) || true
  log "bot: answered $out"
}
bot "$BOT1_AT" "$N1" &
BOT_PIDS+=($!)
bot "$BOT2_AT" "$N2" &
BOT_PIDS+=($!)

wait "$BFF_PID" || log "web-bff exited with $?"
BFF_PID=""
log "web-bff done: $(tail -1 "$BUNDLE/logs/web-bff.log")"
for pid in "${BOT_PIDS[@]}"; do wait "$pid" || true; done
BOT_PIDS=()
wait "$COLLECTOR_PID" || true
COLLECTOR_PID=""
log "SIGTERM to account-api"
kill -TERM "$APP_PID" 2>/dev/null || true
for i in $(seq 1 100); do
  kill -0 "$APP_PID" 2>/dev/null || break
  sleep 0.1
done
kill -0 "$APP_PID" 2>/dev/null && { log "account-api did not stop in time; killing it"; kill -KILL "$APP_PID"; }
wait "$APP_PID" || true
APP_PID=""
log "account-api stopped"

log "bundle written to $BUNDLE"
ls -lR "$BUNDLE" >&2
