#!/bin/sh
# Produces real JDK 17 heap histograms in this folder: starts ../../gclog/__fixtures__/Alloc.java in its
# "wait" mode (3,000 retained Alloc$Session objects) and runs the JDK tools against it. Run from anywhere:
#   sh parsers/jmap/__fixtures__/make-fixtures.sh
# Made with: openjdk 17.0.15 (Debian 17.0.15+6-Debian-1deb12u1). Outputs are committed; tests never run Java.
# Counts differ slightly on every run, so re-running changes the numbers the tests assert.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
javac -d "$work" "$here/../../gclog/__fixtures__/Alloc.java"
java -Xmx64m -cp "$work" Alloc wait >"$work/out" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
while ! grep -q ready "$work/out"; do sleep 0.2; done
# jmap -histo (JDK 9+ "class name (module)" column, Total line); the PID is replaced so the file does not
# depend on the run.
jmap -histo:live "$pid" >"$here/jdk17-jmap-histo-live.txt"
# jcmd prints "<pid>:" above the same table; -all also counts unreachable objects (no full GC first).
jcmd "$pid" GC.class_histogram -all | sed "1s/^$pid:/12345:/" >"$here/jdk17-jcmd-class-histogram.txt"
