/** `top` samples → top_tasks rows and the summary numbers as facts. */
import type { TopSample } from '../../../parsers/top';
import type { SnapshotWriter } from '../../store/snapshots';

export function writeTopSample(w: SnapshotWriter, sid: number, s: TopSample): number {
  for (const t of s.tasks) w.topTasks.add(sid, null, t.pid, t.user, t.cpu, t.mem, t.state, t.command, s.threads ? 1 : 0);
  if (s.load) w.facts.add(sid, s.line, 'load', s.load.join(' '));
  if (s.cpu) {
    w.facts.add(sid, s.line, 'cpu-idle', String(s.cpu.id));
    w.facts.add(sid, s.line, 'cpu-steal', String(s.cpu.st));
    w.facts.add(sid, s.line, 'cpu-iowait', String(s.cpu.wa));
  }
  return s.tasks.length;
}
