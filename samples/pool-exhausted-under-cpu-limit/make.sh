#!/usr/bin/env bash
# Regenerates bundle/ for the sample "pool-exhausted-under-cpu-limit": a Java service that runs under a
# realistic container CPU limit (0.5 CPU, cgroup v1 CFS quota) and is throttled a little all the time, has its
# HikariCP pool exhausted by something else entirely: an engineer runs a schema migration by hand in psql
# (BEGIN; ALTER TABLE stock_levels ADD COLUMN …; backfill; checks; COMMIT ~75 s later). ALTER TABLE holds an
# ACCESS EXCLUSIVE lock until COMMIT, so every statement on stock_levels waits inside PostgreSQL while its
# request holds a pooled connection; the 10 connections are soon all stuck, every other request waits in
# getConnection() and gets a 503 after connectionTimeout (5 s); checkout's calls time out first (4 s). At
# COMMIT everything drains. The cgroup's cpu.stat shows throttled periods before,
# during and after: the CPU limit is there, but it is not what failed.
#
# Runs the real software, everything on 127.0.0.1:
#   - PostgreSQL 15: a throwaway cluster on 127.0.0.1:54421, times in Asia/Kolkata (+05:30), pgBadger-style
#     log_line_prefix '%t [%p]: user=%u,db=%d,app=%a,client=%h ', log_lock_waits = on,
#     log_min_duration_statement = 1000, log_connections/log_disconnections = on; database `stock`
#     (src/schema.sql: 20,000 SKUs, 12 warehouses, 240,000 stock rows) owned by stock_owner (the role
#     migrations run as); the service connects as stock_app (DML only);
#   - stock-service (src/com/example/stock/StockService.java): JDK 17 started INSIDE a cgroup v1 cpu child
#     `stock-service` with cpu.cfs_quota_us = 50000 / cpu.cfs_period_us = 100000 (and a cpuacct child), as a
#     container with `cpus: 0.5` is; com.sun.net.httpserver on 127.0.0.1:18231 with a Tomcat-like executor
#     ("stock-http-N", 10 spare, up to 200), a CPU-only model refresh every 5 s, HikariCP 2.7.9 (pool "stock-db", 10 connections, connectionTimeout 5000), pgjdbc 42.5, logback
#     plain pattern with ISO-8601 local time and offset (src/logback.xml) to logs/stock-service.log,
#     TZ=Asia/Kolkata, -Xlog:gc to logs/gc.log;
#   - the traffic (src/com/example/stock/client/CheckoutTraffic.java, a second JVM, NOT in the cgroup,
#     standing in for checkout-api): open loop, Poisson arrivals at 12 calls/s, 4 s upstream timeout,
#     logback in UTC to logs/checkout-api.log;
#   - collectors: a bounded `while` loop appending `date -u +%Y-%m-%dT%H:%M:%SZ` and `cat` of the cgroup's
#     cpu.stat, cpu.cfs_quota_us, cpu.cfs_period_us and cpuacct.usage to snapshots/cgroup-cpu.log every 10 s;
#     `top -b -n 1` of the JVM and the postmaster every 30 s (snapshots/top-*.txt, collector header);
#     `jstack -l` during the lock and after it (dumps/);
#   - +100 s: the migration session takes the lock; +175 s: it commits; +300 s: the traffic stops, then the
#     service is stopped with SIGTERM.
# Needs root (cgroups; initdb via the postgres user) and a cgroup v1 cpu controller, and:
#   apt-get install openjdk-17-jdk-headless libhikaricp-java libpostgresql-jdbc-java liblogback-java \
#     libslf4j-java postgresql-15 procps iproute2
# Takes about 5.5 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"

BUNDLE="${BUNDLE:-$HERE/bundle}"
PORT=54421
HTTP_PORT=18231
ZONE=Asia/Kolkata
QUOTA_US="${QUOTA_US:-50000}"    # 0.5 CPU
PERIOD_US=100000
RATE="${RATE:-12}"               # calls/s from checkout
SAMPLES="${SAMPLES:-15000}"      # Monte-Carlo samples per warehouse in an availability request
ETA_SAMPLES="${ETA_SAMPLES:-2000}" # … per lane in the 5-s model refresh
LOCK_AT="${LOCK_AT:-100}"        # s after START: the migration session takes the lock …
COMMIT_AT="${COMMIT_AT:-175}"    # … and commits
TRAFFIC="${TRAFFIC:-300}"        # s of traffic
CPU_EVERY=10                     # s between cgroup captures
TOP_EVERY=30                     # s between top captures
CG_NAME=stock-service
WORK="$(mktemp -d /tmp/rootline-pool-cpulimit.XXXXXX)"
chmod 755 "$WORK"
chown postgres "$WORK"
APP_PID=""
CLIENT_PID=""
PSQL_PID=""
CPU_LOOP_PID=""
TOP_LOOP_PID=""
CG_CPU=""
CG_ACCT=""

# tlog: make.sh's own log with UTC times to the millisecond (the README's story comes from it).
tlog() { printf '[make %s] %s\n' "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$*" >&2; }

cleanup() {
  set +e
  exec 3>&- 2>/dev/null
  stop_pids "$CPU_LOOP_PID" "$TOP_LOOP_PID" "$CLIENT_PID" "$PSQL_PID" "$APP_PID"
  pg_stop
  for d in "$CG_CPU" "$CG_ACCT"; do
    [ -n "$d" ] && [ -d "$d" ] && rmdir "$d"
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ "$(id -u)" = 0 ] || { echo "run as root (cgroups)" >&2; exit 1; }
for p in "$PORT" "$HTTP_PORT"; do
  if ss -tlnH "( sport = :$p )" | grep -q .; then
    tlog "port $p is in use"
    exit 1
  fi
done

# The cgroup v1 cpu and cpuacct controllers (this story's collector reads v1 files).
V1_CPU="$(awk '$3 == "cgroup" && $4 ~ /(^|,)cpu(,|$)/ { print $2; exit }' /proc/mounts)"
V1_ACCT="$(awk '$3 == "cgroup" && $4 ~ /(^|,)cpuacct(,|$)/ { print $2; exit }' /proc/mounts)"
if [ -z "$V1_CPU" ] || [ -z "$V1_ACCT" ]; then
  tlog "no cgroup v1 cpu/cpuacct controller mounted (cpu: '${V1_CPU:-none}', cpuacct: '${V1_ACCT:-none}'): cannot make this sample"
  exit 1
fi
CG_CPU="$V1_CPU/$CG_NAME"
CG_ACCT="$V1_ACCT/$CG_NAME"
[ "$CG_ACCT" = "$CG_CPU" ] && CG_ACCT=""
for d in "$CG_CPU" "$CG_ACCT"; do
  [ -n "$d" ] && { [ -d "$d" ] || mkdir "$d"; }
done
echo "$PERIOD_US" >"$CG_CPU/cpu.cfs_period_us"
echo "$QUOTA_US" >"$CG_CPU/cpu.cfs_quota_us"
tlog "cgroup v1: $CG_CPU (cpu.cfs_quota_us=$(cat "$CG_CPU/cpu.cfs_quota_us"), cpu.cfs_period_us=$(cat "$CG_CPU/cpu.cfs_period_us"))${CG_ACCT:+, cpuacct $CG_ACCT}"
ACCT_DIR="${CG_ACCT:-$CG_CPU}"

rm -rf "$BUNDLE"
mkdir -p "$BUNDLE/logs" "$BUNDLE/dumps" "$BUNDLE/snapshots"

# PostgreSQL: lib.sh's way, with this cluster's own logging settings written before the first start so
# that the whole server log has one line layout.
tlog "PostgreSQL on 127.0.0.1:$PORT ($ZONE)"
as_pg "$PG_BIN/initdb" -D "$WORK/pgdata" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 \
  --locale=C.UTF-8 >/dev/null
cat >>"$WORK/pgdata/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$WORK'
log_line_prefix = '%t [%p]: user=%u,db=%d,app=%a,client=%h '
log_connections = on
log_disconnections = on
log_min_duration_statement = 1000
log_lock_waits = on
log_timezone = '$ZONE'
timezone = '$ZONE'
EOF
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -l "$WORK/postgresql.log" -w -t 30 start >/dev/null
PG_DATA="$WORK/pgdata"
PG_SOCK="$WORK"
PG_PORT="$PORT"
pg_sql -d postgres -c "CREATE ROLE stock_owner LOGIN PASSWORD 'stock-owner-pw'" \
  -c "CREATE ROLE stock_app LOGIN PASSWORD 'stock-app-pw'" -c "CREATE DATABASE stock OWNER stock_owner"
# (the data load is not part of the story: its own multi-second statements are kept out of the server log)
as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PORT" -U postgres -d stock \
  -c "SET log_min_duration_statement = -1" -c "SET ROLE stock_owner" -f "$HERE/src/schema.sql" >/dev/null
pg_sql -d stock -c "GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO stock_app" \
  -c "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO stock_app"
tlog "schema loaded: $(pg_sql -d stock -Atc "SELECT (SELECT count(*) FROM skus) || ' SKUs, ' || (SELECT count(*) FROM stock_levels) || ' stock rows'")"

tlog "compiling stock-service and the traffic"
mkdir -p "$WORK/classes"
# shellcheck disable=SC2046
javac -encoding UTF-8 -cp "$JARS" -d "$WORK/classes" $(find "$HERE/src" -name '*.java')
cp "$HERE/src/logback.xml" "$WORK/service-logback.xml"
cp "$HERE/src/client-logback.xml" "$WORK/client-logback.xml"

RUN_SECONDS=$((TRAFFIC + 60))
# The JVM starts inside the cgroup, as a container's entrypoint does: the subshell joins the cgroup, then
# execs java (same pid), so the JVM reads its CPU limit at start.
(
  cd "$WORK"
  echo "$BASHPID" >"$CG_CPU/cgroup.procs"
  [ -n "$CG_ACCT" ] && echo "$BASHPID" >"$CG_ACCT/cgroup.procs"
  TZ="$ZONE" exec java -Xms256m -Xmx256m \
    "-Xlog:gc:file=$BUNDLE/logs/gc.log:time,uptime,level,tags" \
    -Dlogback.configurationFile="$WORK/service-logback.xml" -DLOG_DIR="$BUNDLE/logs" \
    -Dstock.port="$HTTP_PORT" -Dstock.runSeconds="$RUN_SECONDS" -Dstock.promise.samples="$SAMPLES" \
    -Dstock.eta.samples="$ETA_SAMPLES" \
    "-Dstock.jdbcUrl=jdbc:postgresql://127.0.0.1:$PORT/stock?ApplicationName=stock-service" \
    -Dstock.user=stock_app -Dstock.password=stock-app-pw \
    -cp "$WORK/classes:$JARS" com.example.stock.StockService
) >>"$WORK/app.stdout" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
  ss -tlnH "( sport = :$HTTP_PORT )" | grep -q . && break
  sleep 0.5
done
ss -tlnH "( sport = :$HTTP_PORT )" | grep -q . || { tlog "stock-service did not start"; cat "$WORK/app.stdout" >&2; exit 1; }
tlog "stock-service listening, pid $APP_PID, in $CG_CPU: $(wc -l <"$CG_CPU/cgroup.procs") process, $(wc -l <"$CG_CPU/tasks") threads"
START=$(date +%s)

# The cgroup collector: date, then the four files, every CPU_EVERY s, appended to one file.
N_CPU=$(((TRAFFIC + 20) / CPU_EVERY + 1))
(
  s=""
  trap '[ -n "$s" ] && kill "$s" 2>/dev/null; exit 0' TERM
  i=0
  while [ "$i" -lt "$N_CPU" ]; do
    date -u +%Y-%m-%dT%H:%M:%SZ
    cat "$CG_CPU/cpu.stat" "$CG_CPU/cpu.cfs_quota_us" "$CG_CPU/cpu.cfs_period_us" "$ACCT_DIR/cpuacct.usage"
    i=$((i + 1))
    [ "$i" -lt "$N_CPU" ] || break
    sleep "$CPU_EVERY" &
    s=$!
    wait "$s"
  done >>"$BUNDLE/snapshots/cgroup-cpu.log"
) &
CPU_LOOP_PID=$!
tlog "cgroup collector started (pid $CPU_LOOP_PID): $N_CPU captures, every $CPU_EVERY s"

PG_MASTER="$(head -1 "$PG_DATA/postmaster.pid")"
N_TOP=$((TRAFFIC / TOP_EVERY + 1))
(
  s=""
  trap '[ -n "$s" ] && kill "$s" 2>/dev/null; exit 0' TERM
  sleep 5 & s=$!; wait "$s"
  i=0
  while [ "$i" -lt "$N_TOP" ]; do
    TZ="$ZONE" snapshot "$BUNDLE/snapshots" top "$APP_PID" top -b -n 1 -w 200 -p "$APP_PID,$PG_MASTER"
    i=$((i + 1))
    [ "$i" -lt "$N_TOP" ] || break
    sleep "$TOP_EVERY" &
    s=$!
    wait "$s"
  done
) &
TOP_LOOP_PID=$!
tlog "top collector started (pid $TOP_LOOP_PID): $N_TOP captures, every $TOP_EVERY s"

(
  cd "$WORK"
  exec java -Xmx128m -Dlogback.configurationFile="$WORK/client-logback.xml" -DLOG_DIR="$BUNDLE/logs" \
    -Dcheckout.baseUrl="http://127.0.0.1:$HTTP_PORT" -Dcheckout.ratePerSecond="$RATE" \
    -Dcheckout.durationSeconds="$TRAFFIC" -cp "$WORK/classes:$JARS" com.example.stock.client.CheckoutTraffic
) >>"$WORK/client.stdout" 2>&1 &
CLIENT_PID=$!
tlog "checkout traffic started, pid $CLIENT_PID (not in the cgroup): $RATE calls/s for $TRAFFIC s"

at() { # at SECONDS: sleep until SECONDS after START
  local now
  now=$(date +%s)
  if [ $((START + $1)) -gt "$now" ]; then sleep $((START + $1 - now)); fi
}

jstack_snapshot() {
  TZ="$ZONE" snapshot "$BUNDLE/dumps" jstack "$APP_PID" timeout 60 jstack -l "$APP_PID"
  local f
  f="$(ls -t "$BUNDLE"/dumps/jstack-*.txt | head -1)"
  tlog "  stock-http threads: $(grep -c '^"stock-http-' "$f" || true), in HikariPool.getConnection: $(grep -c 'HikariPool.getConnection' "$f" || true), reading a pgjdbc response: $(grep -c 'PGStream.receiveChar' "$f" || true), BLOCKED: $(grep -c 'State: BLOCKED' "$f" || true)"
}

# The migration session: psql reading from a FIFO the driver writes to (an engineer typing).
migration_sql() {
  tlog "migration session> $1"
  printf '%s\n' "$1" >&3
}

at "$LOCK_AT"
mkfifo "$WORK/migration.fifo"
chown postgres "$WORK/migration.fifo"
as_pg "$PG_BIN/psql" -X -e -h "$PG_SOCK" -p "$PORT" -U stock_owner -d stock -v ON_ERROR_STOP=1 \
  <"$WORK/migration.fifo" > >(while IFS= read -r line; do tlog "  psql: $line"; done) 2>&1 &
PSQL_PID=$!
exec 3>"$WORK/migration.fifo"
tlog "engineer starts the safety-stock migration by hand in psql (pid $PSQL_PID)"
migration_sql "BEGIN;"
migration_sql "ALTER TABLE stock_levels ADD COLUMN safety_stock integer NOT NULL DEFAULT 0;"
migration_sql "UPDATE stock_levels s SET safety_stock = 5 FROM skus k WHERE k.id = s.sku_id AND k.category IN ('tools', 'garden');"
migration_sql "SELECT warehouse_id, count(*) FILTER (WHERE safety_stock > 0) AS with_safety, count(*) AS rows FROM stock_levels GROUP BY warehouse_id ORDER BY 1;"

at $((LOCK_AT + 35))
jstack_snapshot
at $((LOCK_AT + 45))
migration_sql "SELECT count(*) FROM stock_levels WHERE safety_stock > on_hand;"
at $((COMMIT_AT - 10))
migration_sql "SELECT k.category, sum(s.safety_stock) FROM stock_levels s JOIN skus k ON k.id = s.sku_id GROUP BY 1 ORDER BY 1;"

at "$COMMIT_AT"
migration_sql "COMMIT;"
exec 3>&-
for _ in $(seq 1 30); do
  kill -0 "$PSQL_PID" 2>/dev/null || break
  sleep 0.5
done
stop_pids "$PSQL_PID" || true
PSQL_PID=""
tlog "migration session committed and closed"

at $((COMMIT_AT + 60))
jstack_snapshot

wait "$CLIENT_PID" || true
CLIENT_PID=""
tlog "checkout traffic finished"
at $((TRAFFIC + 10))
tlog "stopping stock-service: SIGTERM to $APP_PID"
kill "$APP_PID" 2>/dev/null || tlog "stock-service had already stopped"
for _ in $(seq 1 60); do
  kill -0 "$APP_PID" 2>/dev/null || break
  sleep 0.5
done
if kill -0 "$APP_PID" 2>/dev/null; then
  tlog "stock-service did not stop in 30 s; SIGKILL"
  kill -KILL "$APP_PID"
fi
wait "$APP_PID" || true
APP_PID=""
tlog "stock-service stopped"
wait "$CPU_LOOP_PID" || true
CPU_LOOP_PID=""
wait "$TOP_LOOP_PID" || true
TOP_LOOP_PID=""
tlog "collectors finished; final cpu.stat: $(tr '\n' ' ' <"$CG_CPU/cpu.stat")"

pg_stop
install -m 644 "$WORK/postgresql.log" "$BUNDLE/logs/postgresql.log"

L="$BUNDLE/logs/stock-service.log"
C="$BUNDLE/logs/checkout-api.log"
tlog "service log: $(wc -l <"$L") lines; $(grep -c ' 503 [0-9]*ms$' "$L" || true) answered 503, $(grep -c 'request timed out after' "$L" || true) pool timeouts, $(grep -c 'client went away' "$L" || true) responses not sent"
tlog "checkout log: $(wc -l <"$C") lines; $(grep -c 'timed out after' "$C" || true) timeouts, $(grep -c ' -> 503 ' "$C" || true) 503s"
tlog "postgresql.log: $(grep -c 'still waiting for' "$BUNDLE/logs/postgresql.log" || true) lock waits, $(grep -c 'duration: ' "$BUNDLE/logs/postgresql.log" || true) slow statements"
tlog "bundle written to $BUNDLE"
ls -lR "$BUNDLE" >&2
du -sh "$BUNDLE" >&2
