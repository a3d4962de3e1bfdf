#!/usr/bin/env bash
# Regenerates the busy-thread fixtures of this folder (see PROVENANCE.md) by running Inventory.java, a JVM
# whose "reservation-drainer" thread busy-waits on an empty queue (poll() without a timeout, in a loop),
# and taking what an operator takes for a Java CPU spike: two `jstack` dumps 10 s apart, each with
# `top -b -H -n 2 -d 1 -w 200 -p PID` beside it (top's TID is the dump's nid, in hex). Every capture
# starts with the collector header of samples/shared/lib.sh.
# The JVM runs in a session of its own at nice -10 (and that session's autogroup at -10): on a shared,
# busy build machine the spinner would otherwise get only what the other work leaves it.
# Needs a JDK (javac, java, jstack: Debian's openjdk-17-jdk-headless) and procps. Takes about 20 s.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../../../../../samples/shared/lib.sh
source "$HERE/../../../../../samples/shared/lib.sh"
WORK="$(mktemp -d /tmp/rootline-busy-threads.XXXXXX)"
JVM=""

cleanup() {
  set +e
  stop_pids "$JVM"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

javac -d "$WORK" "$HERE/Inventory.java"
rm -f "$HERE"/jstack-*.txt "$HERE"/top-threads-*.txt
setsid nice -n -10 java -Xmx64m -XX:+UseSerialGC -cp "$WORK" Inventory >"$WORK/out" 2>&1 &
JVM=$!
while ! grep -q ready "$WORK/out"; do sleep 0.2; done
if [ "$(ps -o sid= -p "$JVM" | tr -d ' ')" = "$JVM" ] && [ -w "/proc/$JVM/autogroup" ]; then echo -10 >"/proc/$JVM/autogroup" || true; fi
log "jvm pid $JVM ($(cat "/proc/$JVM/autogroup" 2>/dev/null))"
sleep 2
for round in 1 2; do
  snapshot "$HERE" jstack "$JVM" jstack "$JVM"
  snapshot "$HERE" top-threads "$JVM" top -b -H -n 2 -d 1 -w 200 -p "$JVM"
  [ "$round" = 1 ] && sleep 10
done
