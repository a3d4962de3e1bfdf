/**
 * Which column is what, decided from the header and the first rows:
 *   time column  — named like a time (`Time`, `timestamp`, `date`, `ts`, `_time`…) and holding times,
 *                  else the first column whose cells are all times;
 *   value columns — every other column whose non-empty cells are numbers (with or without units);
 *   label columns — the rest (`Series`, Prometheus `name`, `instance`, `job`…), which name the series.
 * Shapes this covers: Grafana "series joined by time" (Time + one column per series), Grafana "series
 * as rows" (Series;Time;Value), Prometheus exports (name,timestamp,value,labels…).
 */
import type { TimeContext } from '../types';
import type { Delimiter } from './csv-line';
import { parseTimeCell } from './times';
import { parseCellValue } from './values';

export interface Layout {
  delimiter: Delimiter;
  header: string[];
  timeCol: number;
  valueCols: number[];
  labelCols: number[];
  /** Index of a label column that holds the series' own name (`Series`, `name`, `__name__`, `metric`). */
  nameCol: number;
  decimalComma: boolean;
  /** Per column, the unit its sample values printed (so empty cells join the same series). */
  units: (string | null)[];
}

const TIME_NAME = /^(?:time|timestamp|date|datetime|date_time|ts|_time|@timestamp|time_stamp|epoch|zeit|时间|時間|시간)$/i;
const NAME_COL = /^(?:series|name|__name__|metric|metric_name)$/i;

export function decideLayout(ctx: TimeContext, delimiter: Delimiter, header: string[], rows: string[][]): Layout | null {
  const width = header.length;
  const sample = rows.filter((r) => r.length === width).slice(0, 20);
  if (width < 2 || sample.length === 0) return null;
  const decimalComma = delimiter !== ',';
  // A majority of the sample decides, so one bad row does not hide the table's shape.
  const most = (n: number) => n * 2 > sample.length;
  const isTime = (c: number) => most(sample.filter((r) => parseTimeCell(ctx, r[c]!) !== null).length);
  let timeCol = header.findIndex((h, c) => TIME_NAME.test(h.trim()) && isTime(c));
  if (timeCol < 0) timeCol = header.findIndex((_, c) => isTime(c));
  if (timeCol < 0) return null;
  const valueCols: number[] = [];
  const labelCols: number[] = [];
  for (let c = 0; c < width; c++) {
    if (c === timeCol) continue;
    const vals = sample.map((r) => parseCellValue(r[c]!, decimalComma));
    const numeric = most(vals.filter((v) => v !== null).length) && vals.some((v) => v !== null && v.value !== null);
    const allEmpty = vals.every((v) => v !== null && v.value === null);
    if (numeric || (allEmpty && !NAME_COL.test(header[c]!.trim()))) valueCols.push(c);
    else labelCols.push(c);
  }
  if (valueCols.length === 0) return null;
  const nameCol = labelCols.find((c) => NAME_COL.test(header[c]!.trim())) ?? -1;
  const units = header.map((_, c) => {
    for (const r of sample) {
      const u = parseCellValue(r[c]!, decimalComma)?.unit;
      if (u) return u;
    }
    return null;
  });
  return { delimiter, header, timeCol, valueCols, labelCols, nameCol, decimalComma, units };
}

/** The series a value cell belongs to, without its unit. */
export function seriesName(layout: Layout, row: string[], valueCol: number, fallback: string): string {
  const { header, labelCols, nameCol, valueCols } = layout;
  const colName = header[valueCol]!.trim();
  const labels = labelCols.filter((c) => c !== nameCol && (row[c] ?? '').trim() !== '').map((c) => `${header[c]!.trim()}="${row[c]!.trim()}"`);
  const base = nameCol >= 0 ? (row[nameCol] ?? '').trim() : '';
  const genericValue = /^values?$/i.test(colName) && valueCols.length === 1;
  // Grafana's `Series;Time;Value` names the series in one cell; Prometheus rows in name + labels.
  const name = genericValue ? base : base ? `${base} ${colName}` : colName;
  if (labels.length) return `${name}{${labels.join(', ')}}`;
  return name || fallback;
}
