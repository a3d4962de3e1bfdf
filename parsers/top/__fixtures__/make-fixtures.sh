#!/bin/sh
# Produces the real procps-ng `top` batch outputs in this folder. Run from anywhere:
#   sh parsers/top/__fixtures__/make-fixtures.sh
# Made with: procps-ng 4.0.2 (Debian 12), 2 CPUs. The task lists are limited with -p to processes this script
# starts (a JVM idling in Alloc's "wait" mode and a shell busy loop), so nothing else on the machine is
# recorded; the summary lines (uptime, load, tasks, CPU, memory) are the machine's. Outputs are committed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
javac -d "$work" "$here/../../gclog/__fixtures__/Alloc.java"
java -Xmx64m -cp "$work" Alloc wait >"$work/out" &
jvm=$!
sh -c 'while :; do :; done' &
busy=$!
trap 'kill $jvm $busy 2>/dev/null || true; rm -rf "$work"' EXIT
while ! grep -q ready "$work/out"; do sleep 0.2; done
sleep 1
# 3 iterations, 1 s apart, full command lines (-c) in a wide (-w 512) batch.
top -b -n 3 -d 1 -c -w 512 -p "$jvm,$busy" >"$here/top-b-n3-c.txt"
# Threads mode (-H) of the JVM: COMMAND is the thread name, the summary says "Threads:".
top -H -b -n 2 -d 1 -p "$jvm" >"$here/top-H-b-jvm-threads.txt"
# A collector loop: `date -u` above each `top -b -n 1`, default 80-column width (truncated commands end in +).
for i in 1 2; do
  date -u
  top -b -n 1 -p "$jvm,$busy"
  sleep 1
done >"$here/top-collector-date-loop.txt"
