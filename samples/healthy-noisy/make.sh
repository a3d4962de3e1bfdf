#!/usr/bin/env bash
# Regenerates bundle/ for the healthy-noisy sample: ~6 minutes of two healthy services full of ordinary,
# alarming-sounding noise. Nothing fails; a correct diagnosis concludes nothing.
#   - PostgreSQL 15: throwaway cluster on 127.0.0.1:54371, times in UTC, log_line_prefix with user@db.
#   - The orders service (java/OrdersServiceApplication.java: JDK 17 com.sun.net.httpserver on
#     127.0.0.1:18181, HikariCP 2.7.9 "orders-db" with maxLifetime=60 s and leakDetectionThreshold=3 s,
#     pgjdbc 42.5, gson, logback 1.2 with ISO8601 times and Sleuth-style [app,traceId,spanId] fields,
#     TZ=UTC). Its catch-all handler logs every 400/404 and every client abort at ERROR with the stack
#     trace; a scheduled daily sales report keeps a connection 7-9 s (leak detection fires, then "unleaked").
#   - The catalog API (node/catalog-api.mjs: Node 20, pino + pino-http from the npm registry, installed into
#     a temp dir, never into the repo) on 127.0.0.1:18182: isoTime, level labels, "message" key, reqId.
#   - node/traffic.mjs: bounded traffic to both for 345 s, with bad input, unknown ids, a retried POST
#     (409), abandoned downloads (client resets mid-response) and a lull from 150 s to 255 s.
#   - Every 60 s: jstack -l, lsof -p and top of the JVM, ss -tanp of the services' ports.
#   - At the end both services are stopped with SIGTERM (an ordinary deploy) and shut down cleanly.
# Needs root or the postgres OS user for initdb, Node >= 20, npm registry access, and:
#   apt-get install libhikaricp-java libpostgresql-jdbc-java liblogback-java libslf4j-java libgoogle-gson-java \
#     postgresql-15 openjdk-17-jdk-headless lsof iproute2 procps
# Takes about 6 minutes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../shared/lib.sh
source "$HERE/../shared/lib.sh"
# shellcheck source=../shared/go/lib.sh
source "$HERE/../shared/go/lib.sh" # wait_ports_quiet

BUNDLE="$HERE/bundle"
PORT=54371
ORDERS_PORT=18181
CATALOG_PORT=18182
ZONE=UTC
CLIENT_SECONDS=345
LULL_FROM=150
LULL_TO=255
PINO_VERSION=10.4.0
PINO_HTTP_VERSION=11.0.0
CP="$JARS:/usr/share/java/gson.jar"
WORK="$(mktemp -d /tmp/rootline-healthy-noisy.XXXXXX)"
chmod 755 "$WORK"
[ "$(id -u)" = 0 ] && chown postgres "$WORK"
APP_PID=""
API_PID=""
CLIENT_PID=""

cleanup() {
  set +e
  stop_pids "$CLIENT_PID" "$API_PID" "$APP_PID"
  pg_stop
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

logu() { printf '[make %s] %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }

rm -rf "$BUNDLE"
mkdir -p "$BUNDLE/logs" "$BUNDLE/dumps" "$BUNDLE/snapshots"

logu "installing pino@$PINO_VERSION pino-http@$PINO_HTTP_VERSION into $WORK/node"
mkdir -p "$WORK/node"
cp "$HERE/node/catalog-api.mjs" "$HERE/node/traffic.mjs" "$WORK/node/"
npm install --prefix "$WORK/node" --no-audit --no-fund --no-save "pino@$PINO_VERSION" "pino-http@$PINO_HTTP_VERSION" >&2

wait_ports_quiet "$PORT" "$ORDERS_PORT" "$CATALOG_PORT"
logu "PostgreSQL on 127.0.0.1:$PORT"
pg_start "$WORK/pgdata" "$PORT" "$ZONE"
# The team's server logging: user@database on every line.
pg_sql -d postgres -c "ALTER SYSTEM SET log_line_prefix = '%m [%p] %q%u@%d '" -c "SELECT pg_reload_conf()" >/dev/null
pg_sql -d postgres -c "CREATE ROLE orders_app LOGIN PASSWORD 'orders-app-pw'" -c "CREATE DATABASE orders OWNER orders_app"
logu "loading the schema (5,000 products, 1,200,000 orders over 60 days)"
as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d orders \
  -c "SET ROLE orders_app" -f "$HERE/java/schema.sql" >/dev/null

logu "compiling the orders service"
mkdir -p "$WORK/classes"
javac -encoding UTF-8 -cp "$CP" -d "$WORK/classes" "$HERE/java/OrdersServiceApplication.java"
cp "$HERE/java/logback.xml" "$WORK/classes/logback.xml"

(
  cd "$WORK"
  TZ="$ZONE" exec java -Xms64m -Xmx256m -XX:+UseG1GC \
    "-Xlog:gc*:file=$BUNDLE/logs/gc.log:time,uptimemillis,level,tags" \
    -Dlogback.configurationFile="$WORK/classes/logback.xml" -DLOG_DIR="$BUNDLE/logs" \
    -Dorders.jdbcUrl="jdbc:postgresql://127.0.0.1:$PORT/orders" -Dorders.user=orders_app -Dorders.password=orders-app-pw \
    -Dorders.port="$ORDERS_PORT" -Dorders.durationSeconds=$((CLIENT_SECONDS + 60)) \
    -cp "$WORK/classes:$CP" com.example.orders.OrdersServiceApplication
) >>"$WORK/app.stdout" 2>&1 &
APP_PID=$!
logu "orders service started, pid $APP_PID"

(
  cd "$WORK/node"
  API_PORT=$CATALOG_PORT API_SECONDS=$((CLIENT_SECONDS + 60)) API_LOG="$BUNDLE/logs/catalog-api.log" exec node catalog-api.mjs
) >>"$WORK/api.stdout" 2>&1 &
API_PID=$!
logu "catalog api started, pid $API_PID"

for i in $(seq 1 60); do
  curl -fsS -o /dev/null "http://127.0.0.1:$ORDERS_PORT/actuator/health" 2>/dev/null &&
    curl -fsS -o /dev/null "http://127.0.0.1:$CATALOG_PORT/healthz" 2>/dev/null && break
  [ "$i" = 60 ] && { logu "services did not come up"; cat "$WORK/app.stdout" "$WORK/api.stdout" >&2; exit 1; }
  sleep 1
done
logu "both services answer"

(cd "$WORK/node" && ORDERS_PORT=$ORDERS_PORT CATALOG_PORT=$CATALOG_PORT CLIENT_SECONDS=$CLIENT_SECONDS \
  LULL_FROM=$LULL_FROM LULL_TO=$LULL_TO exec timeout $((CLIENT_SECONDS + 60)) node traffic.mjs) &
CLIENT_PID=$!
T0=$(date -u +%s)
logu "traffic started (pid $CLIENT_PID): $CLIENT_SECONDS s, lull from +$LULL_FROM s to +$LULL_TO s ($(date -u -d "@$((T0 + LULL_FROM))" +%H:%M:%S)-$(date -u -d "@$((T0 + LULL_TO))" +%H:%M:%S) UTC)"

capture_all() {
  TZ="$ZONE" snapshot "$BUNDLE/dumps" jstack "$APP_PID" jstack -l "$APP_PID"
  TZ="$ZONE" snapshot "$BUNDLE/snapshots" lsof "$APP_PID" lsof -n -P -p "$APP_PID"
  TZ="$ZONE" snapshot "$BUNDLE/snapshots" ss "$APP_PID" ss -tanp "( sport = :$ORDERS_PORT or sport = :$CATALOG_PORT or dport = :$PORT )"
  # the JVM, the Node service and the PostgreSQL postmaster only: the rest of this build machine is not part of the story
  TZ="$ZONE" snapshot "$BUNDLE/snapshots" top "$APP_PID" top -b -n 1 -w 200 -p "$APP_PID,$API_PID,$(head -1 "$PG_DATA/postmaster.pid")"
}

# Snapshots every 60 s from +20 s: +20, +80, +140, +200 (in the lull), +260, +320.
for at in 20 80 140 200 260 320; do
  now=$(date -u +%s)
  [ $((T0 + at)) -gt "$now" ] && sleep $((T0 + at - now))
  capture_all
done

wait "$CLIENT_PID" || logu "traffic exited with $?"
CLIENT_PID=""
logu "traffic done; stopping both services with SIGTERM"
kill -TERM "$API_PID" "$APP_PID" 2>/dev/null || true
for i in $(seq 1 30); do
  kill -0 "$APP_PID" 2>/dev/null || kill -0 "$API_PID" 2>/dev/null || break
  sleep 1
done
for pid in "$APP_PID" "$API_PID"; do
  kill -0 "$pid" 2>/dev/null && { logu "pid $pid did not stop in time; terminating it"; kill -9 "$pid"; }
done
wait "$APP_PID" || true
APP_PID=""
wait "$API_PID" || true
API_PID=""
logu "services stopped"

install -m 644 "$PG_SOCK/postgresql.log" "$BUNDLE/logs/postgresql.log"
logu "bundle written to $BUNDLE"
ls -lR "$BUNDLE" >&2
du -sh "$BUNDLE" >&2
