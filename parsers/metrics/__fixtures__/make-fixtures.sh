#!/bin/sh
# Produces the Prometheus and Grafana-style CSV fixtures in this folder from a real Prometheus scraping a
# real node exporter on this machine for ~30 s (with a shell busy loop running, so CPU moves). Run from anywhere:
#   sh parsers/metrics/__fixtures__/make-fixtures.sh
# Needs: Debian's prometheus (2.42) and prometheus-node-exporter (1.5) packages, curl, python3, node.
# - prometheus-*.csv: the query_range result written by prom-to-csv.py (Robust Perception's query_csv.py layout).
# - grafana7-*.csv: the same results written by grafana-to-csv.mjs, a port of Grafana's own CSV serialiser
#   (Grafana is not run here; see that file).
# Values and times differ on every run, so re-running changes the numbers the tests assert.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
cat >"$work/prometheus.yml" <<YML
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: node
    static_configs:
      - targets: ['127.0.0.1:19100']
YML
prometheus-node-exporter --web.listen-address=127.0.0.1:19100 >"$work/node.log" 2>&1 &
node_pid=$!
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" --web.listen-address=127.0.0.1:19090 >"$work/prom.log" 2>&1 &
prom_pid=$!
sh -c 'while :; do :; done' &
busy=$!
trap 'kill $node_pid $prom_pid $busy 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 30
kill $busy
end=$(date +%s)
start=$((end - 20))
q() { # <file> <promql>
  curl -sf -G http://127.0.0.1:19090/api/v1/query_range --data-urlencode "query=$2" \
    --data-urlencode "start=$start" --data-urlencode "end=$end" --data-urlencode step=2 >"$work/$1.json"
}
q load1 'node_load1'
q busy '100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5s])))'
q avail 'node_memory_MemAvailable_bytes'
python3 "$here/prom-to-csv.py" <"$work/load1.json" >"$here/prometheus-query-csv-node-load1.csv"
python3 "$here/prom-to-csv.py" <"$work/busy.json" >"$here/prometheus-query-csv-cpu-busy-no-name.csv"
node "$here/grafana-to-csv.mjs" "$work/load1.json" "$work/busy.json" >"$here/grafana7-joined-by-time-raw.csv"
node "$here/grafana-to-csv.mjs" --excel --formatted bytes "$work/avail.json" >"$here/grafana7-joined-formatted-excel.csv"
