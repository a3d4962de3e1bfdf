/**
 * Not a problem in itself: what `top` saw each process doing at each capture — its %CPU and state —
 * so that root-cause rules can tell a process that was stopped (state T) or starved from one that was
 * busy burning a core while it did not answer.
 */
import type { Occurrence } from '../../model/occurrence';
import { plural } from '../findings-from-hits';
import { seriesBy, spanOccurrence } from '../series';
import type { Signature } from '../types';
import { processCpuPoints } from './top-cpu';

export const PROCESS_CPU = 'process-cpu';

export interface ProcessCpuData {
  processes: number;
  captures: number;
}

export interface CpuOcc extends Occurrence {
  pid: number | null;
  command: string | null;
  /** %CPU as top prints it: 100 is one core. */
  cpu: number | null;
  /** R running, S sleeping, D uninterruptible, T stopped, Z zombie… */
  state: string | null;
}

export const processCpu: Signature<typeof PROCESS_CPU, ProcessCpuData, CpuOcc> = {
  id: PROCESS_CPU,
  title: 'Processes in top',
  severity: 'info',
  explanation:
    'What top printed for each process at each capture: its share of CPU and its state. A process that did not answer while top ' +
    'showed it stopped (T) or idle was not being run; one that showed a full core was running, busy with something.',
  fix: 'Nothing to fix by itself; compare it with the freezes and slow stretches.',
  references: ['https://man7.org/linux/man-pages/man1/top.1.html'],
  detect(ctx) {
    // Process rows; a process only `top -H` listed counts as the sum of its threads (top-cpu.ts).
    const points = processCpuPoints(ctx.store.series.topTasks(ctx.bundleId)).filter((p) => p.row.capturedAt !== null);
    if (points.length === 0) return [];
    const rows = points.map((p) => p.row);
    const captures = new Set(rows.map((r) => r.sid)).size;
    const processes = seriesBy(points, (p) => `${p.row.host ?? ''}|${p.pid ?? p.command ?? ''}`).size;
    return [
      {
        signature: this.id,
        severity: 'info',
        title: this.title,
        summary: `${plural(processes, 'process', 'processes')} across ${plural(captures, 'top capture')}.`,
        first: Math.min(...rows.map((r) => r.capturedAt!)),
        last: Math.max(...rows.map((r) => r.capturedAt!)),
        count: rows.length,
        data: { processes, captures },
        evidence: [],
        occurrences: points.map((p) => ({
          ...spanOccurrence(p.row, p.row, p.line, p.pid),
          pid: p.pid, command: p.command, cpu: p.cpu, state: p.state,
        })),
      },
    ];
  },
};
