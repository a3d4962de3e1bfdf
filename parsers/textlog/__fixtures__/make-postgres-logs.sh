#!/bin/sh
# Produces the real PostgreSQL 15 server logs in this folder: a throwaway cluster on 127.0.0.1 in a temp
# dir, driven through idle-session timeouts, "too many clients", a statement timeout, a syntax error and a
# fast shutdown. Run as root from anywhere (the server runs as the `postgres` user):
#   sh parsers/textlog/__fixtures__/make-postgres-logs.sh
# Made with PostgreSQL 15.18 (Debian 15.18-0+deb12u1). Outputs are committed; the tests never run
# PostgreSQL. Times and pids differ on every run, so re-running changes the numbers the tests assert.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
chown postgres "$work"
port=54329
bin=/usr/lib/postgresql/15/bin
as_pg() { su postgres -s /bin/sh -c "$*"; }
cleanup() { as_pg "$bin/pg_ctl -D $work/data -m immediate stop" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

# <out file> <log_line_prefix> <log_timezone>
run() {
  out=$1; prefix=$2; tz=$3
  rm -rf "$work/data" "$work/server.log"
  as_pg "TZ=UTC $bin/initdb -D $work/data -U postgres --auth=trust >/dev/null"
  as_pg "$bin/pg_ctl -D $work/data -l $work/server.log -w -o \"-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$work -c max_connections=3 -c superuser_reserved_connections=0 -c log_connections=on -c log_line_prefix='$prefix' -c log_timezone=$tz\" start" >/dev/null
  psql="psql -X -q -h 127.0.0.1 -p $port -U postgres -d postgres"
  # Three sessions hold every slot; the fourth is refused with "sorry, too many clients already".
  for i in 1 2 3; do $psql -c "select pg_sleep(3)" >/dev/null 2>&1 & done
  sleep 1
  $psql -c "select 1" >/dev/null 2>&1 || true
  wait
  # A session left idle past idle_session_timeout is terminated by the server.
  (echo "set idle_session_timeout = '1s'; select 1;"; sleep 3; echo "select 2;") | $psql >/dev/null 2>&1 || true
  # A statement cancelled by statement_timeout, and a syntax error (ERROR + STATEMENT lines).
  $psql -c "set statement_timeout = '200ms'; select pg_sleep(2)" >/dev/null 2>&1 || true
  $psql -c "selec 1" >/dev/null 2>&1 || true
  # A statement over several lines: the STATEMENT record continues on lines without a prefix.
  $psql -c "select count(*)
    from pg_class
   where 1/0 = 1" >/dev/null 2>&1 || true
  # A connection to a database that does not exist.
  psql -X -q -h 127.0.0.1 -p $port -U postgres -d nosuchdb -c "select 1" >/dev/null 2>&1 || true
  as_pg "$bin/pg_ctl -D $work/data -m fast -w stop" >/dev/null
  cp "$work/server.log" "$here/$out"
  chmod 644 "$here/$out"
  chown --reference="$here" "$here/$out" 2>/dev/null || true
}
run pg15-default-prefix.log '%m [%p] ' UTC
# Debian's packaged default prefix (user@db after %q) and a named zone (CET/CEST abbreviations).
run pg15-debian-prefix-berlin.log '%m [%p] %q%u@%d ' Europe/Berlin
