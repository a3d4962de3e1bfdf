// Prometheus query_range results (JSON files named on the command line) -> the CSV Grafana's panel
// inspector downloads ("Series joined by time"), for parser fixtures. Grafana itself cannot run here, so this
// ports its serialiser: toCSV() in packages/grafana-data/src/utils/csv.ts (grafana/grafana @ 04c9ddff0a4b):
// header of quoted display names joined by the delimiter, CRLF line ends, values written as numbers, null
// written as an empty field, a value containing the delimiter, a quote or a newline quoted, a blank line after
// the frame, and `sep=,` first when "Download for Excel" is chosen. Display names follow Grafana's default for
// Prometheus series without a legend: `metric{label="v", …}`. With --formatted the time column is written
// as "YYYY-MM-DD HH:mm:ss" (UTC) and values with the panel unit, as "Formatted data" does.
//   node grafana-to-csv.mjs [--excel] [--formatted UNIT] result1.json [result2.json …] > out.csv
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const excel = args.includes('--excel');
const fi = args.indexOf('--formatted');
const unit = fi >= 0 ? args[fi + 1] : null;
const files = args.filter((a, i) => !a.startsWith('--') && (fi < 0 || i !== fi + 1));
const delimiter = ',';
const newline = '\r\n';

function displayName(metric) {
  const { __name__: name = '', ...labels } = metric;
  const inner = Object.keys(labels).sort().map((k) => `${k}="${labels[k]}"`).join(', ');
  return `${name}{${inner}}`;
}

function writeValue(str) {
  if (str.includes('"')) return '"' + str.replace(/"/g, '""') + '"';
  if (str.includes('\n') || str.includes(delimiter)) return '"' + str + '"';
  return str;
}

function formatValue(v) {
  if (unit === 'percent') return `${v.toFixed(1)}%`;
  if (unit === 'bytes') {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let i = 0;
    while (Math.abs(v) >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return `${v.toFixed(2)} ${units[i]}`;
  }
  return String(v);
}

const pad = (n) => String(n).padStart(2, '0');
const formatTime = (ms) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

// Join every series of every query on time, as the inspector's "Series joined by time" does.
const series = files.flatMap((f) => JSON.parse(readFileSync(f, 'utf8')).data.result);
const times = [...new Set(series.flatMap((s) => s.values.map(([t]) => Math.round(t * 1000))))].sort((a, b) => a - b);
let csv = excel ? `sep=${delimiter}${newline}` : '';
csv += ['Time', ...series.map((s) => displayName(s.metric))].map((n) => `"${n.replace(/"/g, '""')}"`).join(delimiter) + newline;
for (const t of times) {
  const row = [unit ? writeValue(formatTime(t)) : String(t)];
  for (const s of series) {
    const hit = s.values.find(([st]) => Math.round(st * 1000) === t);
    if (!hit) row.push('');
    else row.push(unit ? writeValue(formatValue(Number(hit[1]))) : String(Number(hit[1])));
  }
  csv += row.join(delimiter) + newline;
}
csv += newline;
process.stdout.write(csv);
