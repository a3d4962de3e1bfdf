/** `top` samples → top_tasks rows (with their line, and under `top -H` the process of each thread) and the summary numbers as facts. */
import type { TopSample, TopTask } from '../../../parsers/top';
import type { SnapshotWriter } from '../../store/snapshots';

/**
 * The process of each thread of a `top -H` sample. top prints thread ids only; the threads of one process
 * share its memory, so VIRT, RES and SHR are the same on all of its rows. A TGID column, when printed,
 * says it outright; otherwise threads with the same memory belong together, and the process is the
 * capture's pid when it is one of them (`top -H -p PID`), else the lowest thread id among them (the main
 * thread's id is the process id, and it is the first one created). Without memory columns only the
 * capture's pid can be told, and only when it is the sole process listed.
 */
export function threadProcesses(tasks: readonly TopTask[], capturePid: number | null): Map<TopTask, number | null> {
  const out = new Map<TopTask, number | null>();
  const mem = (t: TopTask) => (t.virtKb !== undefined && t.resKb !== undefined ? `${t.user}|${t.virtKb}|${t.resKb}|${t.shrKb ?? ''}` : null);
  const groups = new Map<string, TopTask[]>();
  for (const t of tasks) {
    if (t.tgid !== undefined) {
      out.set(t, t.tgid);
      continue;
    }
    const k = mem(t);
    if (k === null) {
      out.set(t, null);
      continue;
    }
    const g = groups.get(k);
    if (g) g.push(t);
    else groups.set(k, [t]);
  }
  for (const g of groups.values()) {
    const pid = capturePid !== null && g.some((t) => t.pid === capturePid) ? capturePid : g.reduce((m, t) => Math.min(m, t.pid), Infinity);
    for (const t of g) out.set(t, pid);
  }
  // No memory columns: a capture of one process (-p PID) still says whose threads these are.
  if (capturePid !== null && groups.size === 0 && tasks.some((t) => t.pid === capturePid)) for (const t of tasks) if (out.get(t) === null) out.set(t, capturePid);
  return out;
}

export function writeTopSample(w: SnapshotWriter, sid: number, s: TopSample, capturePid: number | null = null): number {
  const procs = s.threads ? threadProcesses(s.tasks, capturePid) : null;
  for (const t of s.tasks) {
    w.topTasks.add(sid, t.line ?? null, t.pid, t.user, t.cpu, t.mem, t.state, t.command, s.threads ? 1 : 0, procs ? (procs.get(t) ?? null) : t.pid);
  }
  if (s.load) w.facts.add(sid, s.line, 'load', s.load.join(' '));
  if (s.cpu) {
    w.facts.add(sid, s.line, 'cpu-idle', String(s.cpu.id));
    w.facts.add(sid, s.line, 'cpu-steal', String(s.cpu.st));
    w.facts.add(sid, s.line, 'cpu-iowait', String(s.cpu.wa));
  }
  return s.tasks.length;
}
