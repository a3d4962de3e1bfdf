#!/bin/sh
# Produces the real JDK 17 unified-logging (-Xlog) GC logs in this folder by running Alloc.java (a tiny
# allocating program) under different collectors and decorator sets. Run from anywhere:
#   sh parsers/gclog/__fixtures__/make-fixtures.sh
# Made with: openjdk 17.0.15 (Debian 17.0.15+6-Debian-1deb12u1), 2 CPUs. The outputs are committed; the
# tests never run Java. Times, pids and durations differ on every run, so re-running changes the files
# and the exact numbers the tests assert.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
javac -d "$work" "$here/Alloc.java"
run() { # <out file> <mode> <jvm options...>
  out=$1; mode=$2; shift 2
  rm -f "$here/$out"
  java -Xmx64m "$@" -cp "$work" Alloc "$mode" >/dev/null
}
# G1, all gc tags, wall clock + uptime + level + tags: young, concurrent cycles, remark/cleanup, mixed, System.gc().
run g1-churn-time-uptime.log churn -XX:+UseG1GC "-Xlog:gc*:file=$here/g1-churn-time-uptime.log:time,uptime,level,tags"
# G1 running out of heap: To-space exhausted, Full GC (G1 Compaction Pause), Concurrent Mark Abort.
run g1-leak-oom.log leak -XX:+UseG1GC "-Xlog:gc*:file=$here/g1-leak-oom.log:time,uptime,level,tags"
# Parallel collector, all gc tags.
run parallel-churn.log churn -XX:+UseParallelGC "-Xlog:gc*:file=$here/parallel-churn.log:time,uptime,level,tags"
# Serial collector out of heap, uptime only (no wall clock: ts must be null).
run serial-leak-uptime-only.log leak -XX:+UseSerialGC "-Xlog:gc:file=$here/serial-leak-uptime-only.log:uptime,level,tags"
# Serial collector with the class histogram around each Full GC (gc+classhisto=trace), utctime/uptimemillis/pid/tid.
run serial-classhisto.log churn -XX:+UseSerialGC "-Xlog:gc,gc+classhisto*=trace:file=$here/serial-classhisto.log:utctime,uptimemillis,pid,tid,level,tags"
# Safepoint log only.
run g1-safepoint.log churn -XX:+UseG1GC "-Xlog:safepoint:file=$here/g1-safepoint.log:time,uptime,level,tags"
