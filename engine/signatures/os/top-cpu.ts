/**
 * %CPU per process and per thread from `top` captures. A process's point is its own row in `top -b`;
 * a process that only `top -H` listed gets the sum of its threads at each capture (top counts 100 per
 * core for both), pointing at its busiest thread's row: the row that shows where the core went.
 */
import type { TopTaskRow } from '../../store/snapshot-queries';
import { seriesBy } from '../series';

export interface ProcessCpuPoint {
  row: TopTaskRow;
  pid: number | null;
  command: string | null;
  /** %CPU of the process (100 = one core). */
  cpu: number;
  /** R when any of its threads ran, T when all were stopped; else the process row's or main thread's state. */
  state: string | null;
  /** The row to cite: the process row, or its busiest thread's. */
  line: number;
  /** Under top -H: the busiest thread at this capture. */
  hottestThread: TopTaskRow | null;
}

const procKey = (host: string | null, pid: number | null) => `${host ?? ''}|${pid ?? ''}`;

export function processCpuPoints(rows: readonly TopTaskRow[]): ProcessCpuPoint[] {
  const out: ProcessCpuPoint[] = [];
  const listed = new Set<string>();
  for (const r of rows) {
    if (r.isThread || r.cpu === null) continue;
    listed.add(procKey(r.host, r.pid));
    out.push({ row: r, pid: r.pid, command: r.command, cpu: r.cpu, state: r.state, line: r.taskLine ?? r.line, hottestThread: null });
  }
  // Threads of processes no `top -b` capture listed: one point per capture and process.
  const unlisted = rows.filter((r) => r.isThread && r.cpu !== null && r.tgid !== null && !listed.has(procKey(r.host, r.tgid)));
  const byCapture = seriesBy(unlisted, (r) => `${r.sid}|${r.tgid}`);
  for (const threads of byCapture.values()) {
    const hottest = threads.reduce((a, b) => ((b.cpu ?? 0) > (a.cpu ?? 0) ? b : a));
    const main = threads.find((t) => t.pid === t.tgid) ?? threads[0]!;
    const states = threads.map((t) => t.state ?? '');
    const state = states.includes('R') ? 'R' : states.every((s) => s === 'T' || s === 't') ? 'T' : main.state;
    out.push({
      row: hottest, pid: main.tgid, command: main.command, cpu: Math.round(threads.reduce((n, t) => n + (t.cpu ?? 0), 0) * 10) / 10, state,
      line: hottest.taskLine ?? hottest.line, hottestThread: hottest,
    });
  }
  return out.sort((a, b) => (a.row.capturedAt ?? 0) - (b.row.capturedAt ?? 0) || a.row.sid - b.row.sid);
}
