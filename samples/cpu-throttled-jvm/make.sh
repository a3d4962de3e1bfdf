#!/usr/bin/env bash
# Regenerates bundle/ for the cpu-throttled-jvm sample: a JVM starved by its cgroup's CPU quota.
#
# Runs the real software, everything on 127.0.0.1:
#   - PostgreSQL 15 (throwaway cluster on port 54401, times in Australia/Sydney): the loyalty database
#     (src/schema.sql: 200,000 members, 3,000 offers). The app's role has idle_session_timeout = 45s.
#   - loyalty-service (src/com/example/loyalty/LoyaltyService.java) on port 18211, JDK 17 with
#     TZ=Australia/Sydney: 24 request threads "http-nio-18211-exec-N" (com.sun.net.httpserver) on HikariCP
#     2.7.9 (maximumPoolSize 10, minimumIdle 2, idleTimeout 10 s, connectionTimeout 30 s) + pgjdbc 42.5;
#     logback with Spring Boot's default pattern but an ISO-8601 date with offset and a 25-wide thread
#     column (src/logback.xml) to logs/app.log; -Xlog:gc*:file=logs/gc.log:time,uptime,level,tags.
#   - the driver's traffic (src/com/example/loyalty/client/BffTraffic.java, a second JVM, NOT in the
#     cgroup): 20 virtual users "vu-N" standing in for the mobile BFF, 10 s upstream timeout, log4j2 to
#     logs/bff-client.log.
# The JVM's pid is moved into a child cgroup of the cpu controller (cgroup v2 `cpu.max` if the cpu
# controller is on the unified hierarchy, else cgroup v1 `cpu.cfs_quota_us`/`cpu.cfs_period_us`, plus a
# cpuacct child for its CPU usage). It runs with no limit for ~90 s, then with a quota of 2 ms per 100 ms
# (2 % of one CPU) for 80 s, then unlimited again; the same a few minutes later. No signal is sent to the
# JVM (no SIGSTOP): it is only throttled by the CFS bandwidth controller, as a container with a tiny CPU
# limit on a busy node is.
# Collected under the collector header (`# captured <ISO UTC> host=… pid=… cmd=…`, file `<kind>-<UTC>.txt`):
# the cgroup's quota and cpu.stat (nr_throttled, throttled time) and CPU usage before, during and after each
# throttled stretch; `top -b -n 1` (the JVM and the postmaster) before, during and after; `jstack` during
# the second stretch and after it.
# Needs root (cgroups, initdb via the postgres user) and:
#   apt-get install openjdk-17-jdk-headless libhikaricp-java libpostgresql-jdbc-java liblogback-java libslf4j-java liblog4j2-java postgresql-15 procps
# Takes about 9 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"

BUNDLE="${BUNDLE:-$HERE/bundle}"
PG_PORT_WANTED=54401
APP_PORT=18211
ZONE=Australia/Sydney
NORMAL="${NORMAL:-90}"        # s of unlimited CPU before the first throttled stretch
THROTTLE="${THROTTLE:-80}"    # s of each throttled stretch
GAP="${GAP:-150}"             # s of unlimited CPU between the stretches
TAIL="${TAIL:-75}"            # s after the second stretch before the traffic stops
QUOTA_US="${QUOTA_US:-2000}"
PERIOD_US=100000
CG_NAME=loyalty-service
CLIENT_JARS=/usr/share/java/log4j-api.jar:/usr/share/java/log4j-core.jar
WORK="$(mktemp -d /tmp/rootline-cpu-throttled.XXXXXX)"
chmod 755 "$WORK"
chown postgres "$WORK"
APP_PID=""
CLIENT_PID=""
CG_CPU=""
CG_ACCT=""
CG_MODE=""

# tlog: make.sh's own log with UTC times to the millisecond (the README's story comes from it).
tlog() { printf '[make %s] %s\n' "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$*" >&2; }

unthrottle() {
  case "$CG_MODE" in
    v2) echo "max $PERIOD_US" >"$CG_CPU/cpu.max" ;;
    v1) echo -1 >"$CG_CPU/cpu.cfs_quota_us" ;;
  esac
}

throttle() {
  case "$CG_MODE" in
    v2) echo "$QUOTA_US $PERIOD_US" >"$CG_CPU/cpu.max" ;;
    v1) echo "$QUOTA_US" >"$CG_CPU/cpu.cfs_quota_us" ;;
  esac
}

cleanup() {
  set +e
  [ -n "$CG_MODE" ] && unthrottle
  stop_pids "$CLIENT_PID" "$APP_PID"
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
    tlog "port $p is in use"
    exit 1
  fi
done

# Where is the cpu controller? cgroup v2 (unified, the Debian 12 default) or v1 (hybrid hosts).
V2_ROOT="$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)"
V1_CPU="$(awk '$3 == "cgroup" && $4 ~ /(^|,)cpu(,|$)/ { print $2; exit }' /proc/mounts)"
V1_ACCT="$(awk '$3 == "cgroup" && $4 ~ /(^|,)cpuacct(,|$)/ { print $2; exit }' /proc/mounts)"
if [ -n "$V2_ROOT" ] && grep -qw cpu "$V2_ROOT/cgroup.controllers" 2>/dev/null; then
  CG_MODE=v2
  grep -qw cpu "$V2_ROOT/cgroup.subtree_control" || echo +cpu >"$V2_ROOT/cgroup.subtree_control"
  CG_CPU="$V2_ROOT/$CG_NAME"
elif [ -n "$V1_CPU" ]; then
  CG_MODE=v1
  CG_CPU="$V1_CPU/$CG_NAME"
  [ -n "$V1_ACCT" ] && [ "$V1_ACCT" != "$V1_CPU" ] && CG_ACCT="$V1_ACCT/$CG_NAME"
else
  tlog "no cgroup cpu controller available (v2 root: '${V2_ROOT:-none}', v1 cpu: none): cannot make this sample"
  CG_MODE=""
  exit 1
fi
for d in "$CG_CPU" "$CG_ACCT"; do
  [ -n "$d" ] && { [ -d "$d" ] || mkdir "$d"; }
done
tlog "cgroup $CG_MODE: cpu controller at $CG_CPU${CG_ACCT:+, cpuacct at $CG_ACCT}"
unthrottle

# cgroup_snapshot: the container's CPU limit and throttling counters (what the runtime exposes).
cgroup_snapshot() {
  local files
  if [ "$CG_MODE" = v2 ]; then
    files=("$CG_CPU/cpu.max" "$CG_CPU/cpu.stat")
  else
    files=("$CG_CPU/cpu.cfs_period_us" "$CG_CPU/cpu.cfs_quota_us" "$CG_CPU/cpu.stat")
    [ -n "$CG_ACCT" ] && files+=("$CG_ACCT/cpuacct.usage")
  fi
  TZ="$ZONE" snapshot "$BUNDLE/snapshots" cgroup-cpu "$APP_PID" head -n 50 "${files[@]}"
}

top_snapshot() {
  TZ="$ZONE" snapshot "$BUNDLE/snapshots" top "$APP_PID" top -b -n 1 -w 200 -p "$APP_PID,$(head -1 "$PG_DATA/postmaster.pid")"
}

jstack_snapshot() {
  TZ="$ZONE" snapshot "$BUNDLE/dumps" jstack "$APP_PID" timeout 60 jstack "$APP_PID"
}

rm -rf "$BUNDLE"
mkdir -p "$BUNDLE/logs" "$BUNDLE/dumps" "$BUNDLE/snapshots"

tlog "PostgreSQL on 127.0.0.1:$PG_PORT_WANTED"
pg_start "$WORK/pgdata" "$PG_PORT_WANTED" "$ZONE"
pg_sql -d postgres -c "CREATE ROLE loyalty_svc LOGIN PASSWORD 'loyalty-svc-pw'" \
  -c "CREATE DATABASE loyalty OWNER loyalty_svc" \
  -c "ALTER ROLE loyalty_svc SET idle_session_timeout = '45s'"
as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d loyalty \
  -c "SET ROLE loyalty_svc" -f "$HERE/src/schema.sql" >/dev/null
tlog "database loaded; loyalty_svc has idle_session_timeout = 45s"

tlog "compiling"
mkdir -p "$WORK/classes"
# shellcheck disable=SC2046
javac -encoding UTF-8 -cp "$JARS:$CLIENT_JARS" -d "$WORK/classes" $(find "$HERE/src" -name '*.java')
cp "$HERE/src/logback.xml" "$WORK/classes/logback.xml"
cp "$HERE/src/client-log4j2.xml" "$WORK/client-log4j2.xml"

RUN_SECONDS=$((NORMAL + THROTTLE + GAP + THROTTLE + TAIL + 20))
(
  cd "$WORK"
  TZ="$ZONE" exec java -Xms512m -Xmx512m \
    "-Xlog:gc*:file=$BUNDLE/logs/gc.log:time,uptime,level,tags" \
    -Dlogback.configurationFile="$WORK/classes/logback.xml" -DLOG_DIR="$BUNDLE/logs" \
    -Dloyalty.port="$APP_PORT" -Dloyalty.runSeconds="$RUN_SECONDS" \
    -Dloyalty.jdbcUrl="jdbc:postgresql://127.0.0.1:$PG_PORT/loyalty" -Dloyalty.user=loyalty_svc \
    -Dloyalty.password=loyalty-svc-pw \
    -cp "$WORK/classes:$JARS" com.example.loyalty.LoyaltyService
) >>"$WORK/app.stdout" 2>&1 &
APP_PID=$!
tlog "loyalty-service started, pid $APP_PID (deadline $RUN_SECONDS s)"
# "move the JVM's pid into the cgroup": cgroup.procs moves every thread of the process.
echo "$APP_PID" >"$CG_CPU/cgroup.procs"
[ -n "$CG_ACCT" ] && echo "$APP_PID" >"$CG_ACCT/cgroup.procs"
tlog "pid $APP_PID moved into $CG_CPU${CG_ACCT:+ and $CG_ACCT} ($(wc -l <"$CG_CPU/cgroup.procs") process, $(wc -l <"$CG_CPU/tasks") threads; quota unlimited)"
for i in $(seq 1 60); do
  ss -tlnH "( sport = :$APP_PORT )" | grep -q . && break
  sleep 0.5
done
START=$(date +%s)

(
  cd "$WORK"
  TZ=UTC exec java -Xmx96m -Dlog4j2.configurationFile="$WORK/client-log4j2.xml" -DLOG_DIR="$BUNDLE/logs" \
    -Dbff.baseUrl="http://127.0.0.1:$APP_PORT" -Dbff.durationSeconds=$((RUN_SECONDS - 25)) \
    -cp "$WORK/classes:$CLIENT_JARS" com.example.loyalty.client.BffTraffic
) >>"$WORK/client.stdout" 2>&1 &
CLIENT_PID=$!
tlog "traffic started, pid $CLIENT_PID (not in the cgroup)"

# at SECONDS: sleep until SECONDS after START.
at() {
  local now
  now=$(date +%s)
  if [ "$((START + $1))" -gt "$now" ]; then sleep "$((START + $1 - now))"; fi
}

stretch() { # stretch N T0: throttled stretch number N starting T0 s after START
  local n="$1" t0="$2"
  at "$((t0 - 10))"
  cgroup_snapshot
  top_snapshot
  at "$t0"
  throttle
  tlog "stretch $n: cgroup quota set to $QUOTA_US us per $PERIOD_US us ($((QUOTA_US * 100 / PERIOD_US)) % of one CPU)"
  at "$((t0 + 20))"
  cgroup_snapshot
  top_snapshot
  [ "$n" = 2 ] && jstack_snapshot
  at "$((t0 + THROTTLE - 20))"
  cgroup_snapshot
  at "$((t0 + THROTTLE))"
  unthrottle
  tlog "stretch $n: quota back to unlimited"
  at "$((t0 + THROTTLE + 15))"
  cgroup_snapshot
  top_snapshot
  [ "$n" = 2 ] && jstack_snapshot
  return 0
}

stretch 1 "$NORMAL"
stretch 2 "$((NORMAL + THROTTLE + GAP))"

tlog "waiting for the traffic and the service to stop at their deadlines"
for i in $(seq 1 120); do
  kill -0 "$CLIENT_PID" 2>/dev/null || break
  sleep 1
done
wait "$CLIENT_PID" || true
CLIENT_PID=""
tlog "traffic stopped"
for i in $(seq 1 60); do
  kill -0 "$APP_PID" 2>/dev/null || break
  sleep 1
done
if kill -0 "$APP_PID" 2>/dev/null; then
  tlog "service still running; terminating it"
  kill "$APP_PID"
fi
wait "$APP_PID" || true
APP_PID=""
tlog "service stopped"
cgroup_final="$(head -n 50 "$CG_CPU/cpu.stat" | tr '\n' ' ')"
tlog "final cpu.stat: $cgroup_final"

install -m 644 "$PG_SOCK/postgresql.log" "$BUNDLE/logs/postgresql.log"
tlog "bundle written to $BUNDLE"
ls -lR "$BUNDLE" >&2
