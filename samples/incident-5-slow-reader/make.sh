#!/usr/bin/env bash
# Regenerates bundle/ for incident 5 (seed 004: heartbeat disconnects at peak time, Java TCP client/server).
#
# Runs the real software (JDK 17, java.net sockets, SLF4J + logback from Debian), everything on 127.0.0.1:
#   - relay-server (src/.../RelayServer.java) on port 38501: one reader thread per connection that reads a
#     message and settles it in a shared ledger (fair lock, 20 ms per record) before reading the next —
#     the seed's coupling of socket reading and business logic; a watchdog drops a client whose last
#     heartbeat was read more than 20 s ago;
#   - pos-client-7 (HeartbeatClient.java): a heartbeat every second (each send logged) and 20 records/s;
#   - at peak ($LOAD_AT s after start, for $LOAD_FOR s) LoadGenerator.java: 60 other clients, 1 record/s
#     each, so every reader waits its turn for the ledger and pos-client-7's reader falls behind.
# A bounded collector takes `ss -tnp` (both ends of the relay's connections) every $EVERY s, and `jstack -l`
# of the server before the peak and twice during it.
# Needs iproute2 and:
#   apt-get install openjdk-17-jdk-headless libslf4j-java liblogback-java
# Takes about 5 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"

BUNDLE="$HERE/bundle"
PORT=38501
RUN="${RUN:-270}"         # seconds the relay server runs
EVERY="${EVERY:-5}"       # seconds between ss captures
LOAD_AT="${LOAD_AT:-60}"  # seconds after start
LOAD_FOR="${LOAD_FOR:-150}"
CP_LIBS=/usr/share/java/slf4j-api.jar:/usr/share/java/logback-classic.jar:/usr/share/java/logback-core.jar
WORK="$(mktemp -d /tmp/rootline-incident5.XXXXXX)"
SERVER_PID=""
CLIENT_PID=""
LOAD_PID=""

cleanup() {
  set +e
  stop_pids "$LOAD_PID" "$CLIENT_PID" "$SERVER_PID"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ss -tln "( sport = :$PORT )" | grep -q LISTEN; then
  log "port $PORT is in use"
  exit 1
fi
# Sockets of an earlier run (TIME-WAIT lasts 60 s) would show up in the first snapshots: let them go.
for i in $(seq 1 90); do
  [ "$(ss -tanH "( sport = :$PORT or dport = :$PORT )" | wc -l)" = 0 ] && break
  [ "$i" = 1 ] && log "waiting for sockets of an earlier run on port $PORT to go away"
  sleep 1
done

rm -rf "$BUNDLE"
mkdir -p "$BUNDLE/logs" "$BUNDLE/snapshots" "$BUNDLE/dumps"

log "compiling"
javac -encoding UTF-8 -cp "$CP_LIBS" -d "$WORK/classes" "$HERE"/src/com/example/relay/*.java
cp "$HERE/src/logback.xml" "$WORK/classes/logback.xml"

# java_bg LOG_FILE MAIN ARGS...: a JVM in the background with its logback file; sets LAST_PID.
java_bg() {
  local logfile="$1" main="$2"
  shift 2
  java -Xms64m -Xmx256m -DLOG_FILE="$logfile" "$@" -cp "$WORK/classes:$CP_LIBS" "$main" \
    >>"$WORK/jvm.stdout" 2>&1 &
  LAST_PID=$!
}

START=$(date +%s)
at() { # at SECONDS: sleep until SECONDS after START
  local now
  now=$(date +%s)
  if [ $((START + $1)) -gt "$now" ]; then sleep $((START + $1 - now)); fi
}

java_bg "$BUNDLE/logs/relay-server.log" com.example.relay.RelayServer -Drelay.port=$PORT \
  -Drelay.heartbeatTimeoutSeconds=20 -Drelay.settleMillis=20 -Drelay.durationSeconds="$RUN"
SERVER_PID=$LAST_PID
for _ in $(seq 1 50); do
  ss -tln "( sport = :$PORT )" | grep -q LISTEN && break
  sleep 0.2
done
log "relay-server pid $SERVER_PID"
java_bg "$BUNDLE/logs/pos-client.log" com.example.relay.HeartbeatClient -Drelay.port=$PORT \
  -Dclient.id=pos-client-7 -Dclient.recordsPerSecond=20 -Dclient.durationSeconds=$((RUN - 10))
CLIENT_PID=$LAST_PID

capture_ss() {
  snapshot "$BUNDLE/snapshots" ss "$SERVER_PID" ss -tnp "( sport = :$PORT or dport = :$PORT )"
}
capture_jstack() {
  snapshot "$BUNDLE/dumps" jstack "$SERVER_PID" jstack -l "$SERVER_PID" # -l: owners of java.util.concurrent locks
}

# The collector: ss every $EVERY s; jstack before the peak and twice during it.
jstack_at=("$((LOAD_AT - 15))" "$((LOAD_AT + LOAD_FOR / 3))" "$((LOAD_AT + 2 * LOAD_FOR / 3))")
next_jstack=0
load_started=0
for t in $(seq 5 "$EVERY" $((RUN - 15))); do
  if [ "$load_started" = 0 ] && [ "$t" -ge "$LOAD_AT" ]; then
    at "$LOAD_AT"
    log "peak: 60 more clients for $LOAD_FOR s"
    java_bg "$WORK/load.log" com.example.relay.LoadGenerator -Drelay.port=$PORT -Dload.clients=60 \
      -Dload.recordsPerSecond=1 -Dload.durationSeconds="$LOAD_FOR"
    LOAD_PID=$LAST_PID
    load_started=1
  fi
  at "$t"
  capture_ss
  if [ "$next_jstack" -lt 3 ] && [ "$t" -ge "${jstack_at[$next_jstack]}" ]; then
    capture_jstack
    next_jstack=$((next_jstack + 1))
  fi
done

wait "$LOAD_PID" || true
LOAD_PID=""
wait "$CLIENT_PID" || true
CLIENT_PID=""
wait "$SERVER_PID" || true
SERVER_PID=""

log "pos-client-7 was dropped $(grep -c 'pos-client-7: no heartbeat' "$BUNDLE/logs/relay-server.log" || true) times"
log "bundle written to $BUNDLE"
ls -lR "$BUNDLE" >&2
du -sh "$BUNDLE" >&2
