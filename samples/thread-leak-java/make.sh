#!/usr/bin/env bash
# Regenerates bundle/ for the thread-leak-java sample: a JVM that creates a thread pool per request and never
# shuts it down, until the OS refuses a thread (OutOfMemoryError: unable to create native thread).
#
# Runs the real software, everything on 127.0.0.1 (no database):
#   - report-service (src/com/example/reports/ReportService.java) on port $APP_PORT, JDK 17 with TZ=UTC,
#     -Xmx128m: 8 request threads "http-worker-N" (com.sun.net.httpserver). Each GET /api/reports/{account}
#     creates Executors.newFixedThreadPool(4), submits the report's four sections to it and never calls
#     shutdown(): four "pool-N-thread-M" threads per request stay parked in ThreadPoolExecutor.getTask.
#     The JVM runs in a cgroup v1 `pids` controller child with pids.max=$PIDS_MAX (what a container's
#     --pids-limit sets; as root `ulimit -u` would be ignored), so the OS refuses threads after ~$PIDS_MAX.
#     Logging: logback, `%date %-5level [%thread] %logger{36} - %msg%n` (src/logback.xml) to logs/app.log;
#     its stdout/stderr (HotSpot's own pthread_create warnings): logs/app.stdout.log.
#   - the back office's traffic (src/.../loadgen/LoadClient.java, another JVM outside the cgroup): 2 virtual
#     users "vu-N" with 2-3 s think time, each call logged with its status and latency (logs/loadgen.log).
# Collected (every file starts with the `# captured <UTC> host=… pid=… cmd=…` header): `jstack` of the
# service every $DUMP_EVERY s until it has logged $OOM_WANTED OutOfMemoryErrors, then $AFTER_OOM s more.
# Needs root (cgroups) and: apt-get install openjdk-17-jdk-headless liblogback-java libslf4j-java
# Takes about 3 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"

BUNDLE="$HERE/bundle"
APP_PORT=18795
RUN="${RUN:-300}"              # seconds report-service runs at most
DUMP_EVERY="${DUMP_EVERY:-10}" # seconds between thread dumps
PIDS_MAX="${PIDS_MAX:-320}"    # tasks (threads) the service's cgroup allows: ~30 JVM threads + ~70 requests' pools
OOM_WANTED="${OOM_WANTED:-5}"  # OutOfMemoryErrors in app.log before the countdown to the end
AFTER_OOM="${AFTER_OOM:-25}"   # seconds the service keeps running (and failing) after that
WORK="$(mktemp -d /tmp/rootline-thread-leak.XXXXXX)"
CG="/sys/fs/cgroup/pids/rootline-thread-leak-$$"
APP_PID=""
CLIENT_PID=""
CP="/usr/share/java/slf4j-api.jar:/usr/share/java/logback-classic.jar:/usr/share/java/logback-core.jar"

# stop_jvms PID...: SIGTERM, then SIGKILL after 15 s: a JVM at its thread limit cannot start the thread that
# runs its shutdown hooks, so it ignores SIGTERM.
stop_jvms() {
  local pid
  for pid in "$@"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || continue
    for _ in $(seq 1 15); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null || true
  done
}

cleanup() {
  set +e
  stop_jvms "$CLIENT_PID" "$APP_PID"
  [ -d "$CG" ] && rmdir "$CG"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ "$(id -u)" = 0 ] || { log "run as root (cgroups)"; exit 1; }
[ -d /sys/fs/cgroup/pids ] || { log "no cgroup v1 pids controller at /sys/fs/cgroup/pids"; exit 1; }
if ss -tlnH "( sport = :$APP_PORT )" | grep -q .; then
  log "port $APP_PORT is in use"
  exit 1
fi

rm -rf "$BUNDLE"
mkdir -p "$BUNDLE/logs" "$BUNDLE/dumps"

log "compiling"
mkdir -p "$WORK/classes"
javac -encoding UTF-8 -cp "$CP" -d "$WORK/classes" $(find "$HERE/src" -name '*.java')
cp "$HERE/src/logback.xml" "$WORK/classes/logback.xml"

mkdir "$CG"
echo "$PIDS_MAX" >"$CG/pids.max"
log "cgroup $CG: pids.max=$(cat "$CG/pids.max")"

# The shell joins the cgroup before exec, so every thread the JVM ever starts counts against pids.max.
(
  cd "$WORK"
  echo "$BASHPID" >"$CG/cgroup.procs"
  TZ=UTC exec java -Xms64m -Xmx128m \
    -Dlogback.configurationFile="$WORK/classes/logback.xml" -DLOG_FILE="$BUNDLE/logs/app.log" \
    -Dreports.port="$APP_PORT" -Dreports.durationSeconds="$RUN" \
    -cp "$WORK/classes:$CP" com.example.reports.ReportService
) >>"$WORK/app.stdout" 2>&1 &
APP_PID=$!
log "report-service started, pid $APP_PID, for at most $RUN s"

app_count() {
  local n
  n="$(grep -cE "$1" "$BUNDLE/logs/app.log" 2>/dev/null)" || true
  echo "${n:-0}"
}

for _ in $(seq 1 60); do
  [ "$(app_count 'Started report-service')" -gt 0 ] && break
  kill -0 "$APP_PID" 2>/dev/null || { log "report-service died"; cat "$WORK/app.stdout" >&2; exit 1; }
  sleep 1
done

(
  TZ=UTC exec java -Xmx96m -Dlogback.configurationFile="$WORK/classes/logback.xml" \
    -DLOG_FILE="$BUNDLE/logs/loadgen.log" -Dload.baseUrl="http://127.0.0.1:$APP_PORT" \
    -Dload.durationSeconds=$((RUN - 10)) -cp "$WORK/classes:$CP" com.example.reports.loadgen.LoadClient
) >>"$WORK/client.stdout" 2>&1 &
CLIENT_PID=$!
log "load client started, pid $CLIENT_PID (2 virtual users)"

dump() { TZ=UTC snapshot "$BUNDLE/dumps" jstack "$APP_PID" timeout 60 jstack "$APP_PID"; }

# A thread dump every DUMP_EVERY s (the first one starts the JVM's Attach Listener while threads are still
# allowed) until the OOMs come, then AFTER_OOM s more of dumps.
START=$(date +%s)
UNTIL=$((START + RUN))
while kill -0 "$APP_PID" 2>/dev/null && [ "$(date +%s)" -lt "$UNTIL" ]; do
  dump
  ooms="$(app_count 'OutOfMemoryError')"
  log "app.log: $(app_count ' 200 ') ok, $ooms OutOfMemoryError lines; cgroup pids.current=$(cat "$CG/pids.current")"
  if [ "$ooms" -ge "$OOM_WANTED" ] && [ "$UNTIL" -gt $(($(date +%s) + AFTER_OOM)) ]; then
    UNTIL=$(($(date +%s) + AFTER_OOM))
    log "letting report-service fail for $AFTER_OOM s more"
  fi
  sleep "$DUMP_EVERY"
done

stop_jvms "$CLIENT_PID" "$APP_PID"
CLIENT_PID=""
APP_PID=""
cp "$WORK/app.stdout" "$BUNDLE/logs/app.stdout.log"
log "stopped (app.log ends: $(tail -1 "$BUNDLE/logs/app.log" | cut -c1-23))"
log "app.log: $(wc -l <"$BUNDLE/logs/app.log") lines, $(app_count 'OutOfMemoryError') OutOfMemoryError lines," \
  "$(app_count ' 500 ') 500 responses"
log "bundle written to $BUNDLE"
ls -lR "$BUNDLE" >&2
