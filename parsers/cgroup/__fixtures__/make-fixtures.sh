#!/bin/sh
# Produces the real cgroup CPU accounting captures in this folder (see PROVENANCE.md). Run as root from anywhere:
#   sh parsers/cgroup/__fixtures__/make-fixtures.sh
# Needs a host with the v1 `cpu` and `cpuacct` controllers mounted at /sys/fs/cgroup/cpu and /sys/fs/cgroup/cpuacct
# and a controller-less cgroup2 tree at /sys/fs/cgroup/unified (hybrid mode, as on the machine that made them).
# A shell busy loop is the only process put into the child cgroups this script creates (and removes at the end).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
name=rootline-cgroup-fixture
V1=/sys/fs/cgroup/cpu/$name
ACCT=/sys/fs/cgroup/cpuacct/$name
V2=/sys/fs/cgroup/unified/$name
B=/sys/fs/cgroup/cpu/$name-b
busy=""
cleanup() {
  [ -n "$busy" ] && kill "$busy" 2>/dev/null && wait "$busy" 2>/dev/null || true
  for d in "$V1" "$ACCT" "$V2" "$B"; do [ -d "$d" ] && rmdir "$d"; done
}
trap cleanup EXIT

# The collector header of samples/shared/lib.sh's snapshot(): `# captured <ISO UTC> host=… pid=… cmd=…`, then the
# command's output (stderr too), then a comment if it failed.
snapshot() {
  out="$1" pid="$2"
  shift 2
  {
    printf '# captured %s host=%s pid=%s cmd=%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(hostname)" "$pid" "$*"
    "$@" 2>&1 || printf '# command exited with status %s\n' "$?"
  } >"$out"
}

mkdir "$V1" "$ACCT" "$V2" "$B"
sh -c 'while :; do :; done' &
busy=$!
echo "$busy" >"$V1/cgroup.procs"
echo "$busy" >"$ACCT/cgroup.procs"
echo "$busy" >"$V2/cgroup.procs"

# cgroup v1, unlimited (cpu.cfs_quota_us = -1): the busy loop runs freely for 2 s.
sleep 2
snapshot "$here/v1-head-unlimited.txt" "$busy" head -n 50 "$V1/cpu.cfs_period_us" "$V1/cpu.cfs_quota_us" "$V1/cpu.stat" "$ACCT/cpuacct.usage"

# cgroup v1, throttled: 2 ms of CPU per 100 ms period for 3 s.
echo 2000 >"$V1/cpu.cfs_quota_us"
sleep 3
snapshot "$here/v1-head-throttled-all-files.txt" "$busy" head -n 50 "$V1/cpu.cfs_period_us" "$V1/cpu.cfs_quota_us" "$V1/cpu.stat" \
  "$V1/cpu.stat.local" "$V1/cpu.shares" "$V1/cpu.cfs_burst_us" "$ACCT/cpuacct.usage" "$ACCT/cpuacct.usage_user" \
  "$ACCT/cpuacct.usage_sys" "$ACCT/cpuacct.stat" "$ACCT/cpuacct.usage_percpu"
snapshot "$here/v1-cat-quota.txt" "$busy" cat "$V1/cpu.cfs_quota_us"
# Two cgroups in one capture: the throttled one and an empty sibling with no quota.
snapshot "$here/v1-head-two-cgroups.txt" "$busy" head -n 50 "$V1/cpu.cfs_quota_us" "$V1/cpu.stat" "$B/cpu.cfs_quota_us" "$B/cpu.stat"
# `cat` of two one-value files: no `==>` lines; the order of the arguments tells which value is which.
snapshot "$here/v1-cat-two-files.txt" "$busy" cat "$V1/cpu.cfs_period_us" "$V1/cpu.cfs_quota_us"
# A v2 file on a v1 cgroup: the tool's error and the collector's exit-status comment.
snapshot "$here/v1-head-missing-file.txt" "$busy" head -n 50 "$V1/cpu.max"
# A collector loop without a capture header: the same `head` twice, 1 s apart.
for i in 1 2; do
  head -n 50 "$V1/cpu.cfs_period_us" "$V1/cpu.cfs_quota_us" "$V1/cpu.stat"
  sleep 1
done >"$here/v1-head-loop-no-date.txt"
# A collector loop `date -u; cat cpu.stat`: bare key/value lines under each date.
for i in 1 2 3; do
  date -u
  cat "$V1/cpu.stat"
  sleep 1
done >"$here/v1-date-loop-cat-cpu-stat.txt"

# cgroup v2 (no cpu controller on this tree: cpu.stat has only the usage counters).
snapshot "$here/v2-child-head.txt" "$busy" head -n 50 "$V2/cpu.stat" "$V2/cpu.stat.local" "$V2/cpu.pressure"
cat /sys/fs/cgroup/unified/cpu.stat >"$here/cgroup2-root-cpu.stat"
cat /sys/fs/cgroup/unified/cpu.pressure >"$here/cgroup2-root-cpu.pressure"

# Other key/value files of the same machine, which the cgroup-cpu sniffer must not claim.
cat /sys/fs/cgroup/unified/cgroup.stat >"$here/not-cgroup-cpu/cgroup2-root-cgroup.stat"
cat /sys/fs/cgroup/memory/memory.stat >"$here/not-cgroup-cpu/cgroup1-root-memory.stat"
cat /proc/vmstat >"$here/not-cgroup-cpu/proc-vmstat.txt"
cat /proc/meminfo >"$here/not-cgroup-cpu/proc-meminfo.txt"
