/**
 * Java threads spinning: RUNNABLE in the same method of the program's own code in dump after dump, not
 * in I/O, while the CPU says they run — top -H shows the thread (its TID is jstack's nid) at most of a
 * core, the CPU time the JVM prints for it (`cpu=…ms`) grew about as fast as the clock between dumps,
 * or top shows the process burning a core.
 */
import type { EvidenceRef } from '../../model/evidence';
import type { FindingDraft } from '../../model/finding';
import { parseJson } from '../../store/json';
import type { JavaThreadRow, TopTaskRow } from '../../store/snapshot-queries';
import { plural } from '../findings-from-hits';
import { cpuEvidence, HIGH_CPU, hotProcess } from '../go/busy-goroutines';
import { processCpuPoints } from '../os/top-cpu';
import { seriesBy, snapEvidence, spanOccurrence } from '../series';
import type { Signature } from '../types';

export const BUSY_THREADS = 'busy-threads';

/** The same method in this many dumps: once is a snapshot of work, twice apart in time is a thread that never left. */
const MIN_DUMPS = 2;
/** CPU time gained per second of wall time between two dumps that counts as spinning (1 = a whole core). */
const CPU_RATE = 0.8;
/** Threads that are RUNNABLE without using the CPU (native I/O waits) or legitimately always running. */
const NOT_BUSY_TAGS = /(^|,)(idle-pool-worker|gc|vm|io-wait|hikari-housekeeper)(,|$)/;
const PLATFORM = /^(?:java|javax|jdk|sun|com\.sun|kotlin|scala)\./;
const NEAR_MS = 60_000;

export interface BusyThreadsData {
  /** `com.acme.Indexer.normalize`: the program's method the threads were caught in. */
  frame: string;
  threads: string[];
  dumps: number;
  pid: number | null;
  /** %CPU of the busiest of them in top -H, when listed. */
  threadCpu: number | null;
  /** CPU time gained per wall second between dumps (1 = a core), when the JVM printed it. */
  cpuRate: number | null;
  /** %CPU of the process in top, when high. */
  cpu: number | null;
}

/** `com.acme.Spin.loop(Spin.java:12)` → `com.acme.Spin.loop`; module or loader prefixes dropped. */
const method = (frame: string): string => frame.replace(/^at /, '').replace(/\(.*$/, '').replace(/^.*\//, '');

export const busyThreads: Signature<typeof BUSY_THREADS, BusyThreadsData> = {
  id: BUSY_THREADS,
  title: 'Java threads spinning in the same method',
  severity: 'high',
  explanation:
    'The same threads are RUNNABLE in the same method of the application, not in I/O, in dump after dump, and the CPU says they run: ' +
    'top -H shows them (their TID is the dump\'s nid) at most of a core, or their CPU time grew as fast as the clock. A loop that never ' +
    'waits — a retry without backoff, a condition that never changes, an index that never advances — burns a core per thread.',
  fix:
    'Read the method the threads sit in: make the loop wait (block on a queue or a condition, back off between retries) or end ' +
    '(advance the index, check the exit condition); take two dumps a few seconds apart with top -H to confirm which thread burns the core.',
  references: [
    'https://docs.oracle.com/en/java/javase/17/troubleshoot/troubleshoot-process-hangs-and-loops.html',
    'https://man7.org/linux/man-pages/man1/top.1.html',
  ],
  detect(ctx) {
    const q = ctx.store.series;
    const rows = q.javaThreads(ctx.bundleId).filter((t) => t.state === 'RUNNABLE' && !NOT_BUSY_TAGS.test(t.tags ?? ''));
    if (rows.length === 0) return [];
    const frames = new Map(q.groups(ctx.bundleId, 'jstack').map((g) => [`${g.sid}|${g.key}`, parseJson<string[]>(g.frames, [])]));
    const tasks = q.topTasks(ctx.bundleId);
    const procs = processCpuPoints(tasks);
    const threadRows = tasks.filter((t) => t.isThread && t.cpu !== null);
    /** The program's method a thread is in, and its index on the stack. */
    const where = (t: JavaThreadRow): { fn: string; idx: number } | null => {
      const fs = frames.get(`${t.sid}|${t.groupKey}`) ?? (t.topFrame ? [t.topFrame] : []);
      const idx = fs.findIndex((f) => !PLATFORM.test(method(f)));
      return idx < 0 ? null : { fn: method(fs[idx]!), idx };
    };
    const out: FindingDraft<BusyThreadsData>[] = [];
    for (const [, list] of seriesBy(rows, (t) => `${t.host ?? ''}|${t.pid ?? ''}`)) {
      const placed = list.map((t) => ({ t, w: where(t) })).filter((x): x is { t: JavaThreadRow; w: { fn: string; idx: number } } => x.w !== null);
      for (const [fn, caught] of seriesBy(placed, (x) => x.w.fn)) {
        const byThread = seriesBy(caught, (x) => x.t.name);
        const spinning: { name: string; rows: typeof caught; hotRow: TopTaskRow | null; rate: number | null }[] = [];
        for (const [name, trs] of byThread) {
          if (new Set(trs.map((x) => x.t.sid)).size < MIN_DUMPS) continue;
          const first = trs[0]!.t;
          const last = trs.at(-1)!.t;
          const near = (ts: number | null) => ts !== null && first.capturedAt !== null && last.capturedAt !== null && ts >= first.capturedAt - NEAR_MS && ts <= last.capturedAt + NEAR_MS;
          const ids = new Set(trs.map((x) => x.t.osId).filter((id): id is number => id !== null));
          const hotRow = threadRows.filter((r) => r.pid !== null && ids.has(r.pid) && (first.pid === null || r.tgid === null || r.tgid === first.pid) && near(r.capturedAt))
            .reduce<TopTaskRow | null>((a, b) => (!a || (b.cpu ?? 0) > (a.cpu ?? 0) ? b : a), null);
          const wall = first.capturedAt !== null && last.capturedAt !== null ? last.capturedAt - first.capturedAt : 0;
          const rate = first.cpuMs !== null && last.cpuMs !== null && wall > 0 ? (last.cpuMs - first.cpuMs) / wall : null;
          spinning.push({ name, rows: trs, hotRow: hotRow && (hotRow.cpu ?? 0) >= HIGH_CPU ? hotRow : null, rate });
        }
        if (spinning.length === 0) continue;
        const all = spinning.flatMap((s) => s.rows.map((x) => x.t));
        const pid = all.find((t) => t.pid !== null)?.pid ?? null;
        const proc = hotProcess(procs, pid, Math.min(...all.map((t) => t.capturedAt ?? Infinity)), Math.max(...all.map((t) => t.capturedAt ?? -Infinity)));
        const burning = spinning.filter((s) => s.hotRow || (s.rate !== null && s.rate >= CPU_RATE));
        // Without a thread-level signal, a hot process still says the RUNNABLE threads are the ones running.
        const chosen = burning.length ? burning : proc ? spinning : [];
        if (chosen.length === 0) continue;
        const hottest = chosen.map((s) => s.hotRow).filter((r): r is TopTaskRow => r !== null).sort((a, b) => (b.cpu ?? 0) - (a.cpu ?? 0))[0] ?? null;
        const rate = Math.max(...chosen.map((s) => s.rate ?? -1));
        const sample = chosen[0]!.rows;
        const dumps = new Set(chosen.flatMap((s) => s.rows.map((x) => x.t.sid))).size;
        const cite = (x: (typeof sample)[number]) => snapEvidence(x.t, x.t.threadLine, `"${x.t.name}" RUNNABLE in ${fn}`, x.t.threadLine + Math.min(5, 2 + x.w.idx));
        const cpuRefs: EvidenceRef[] = hottest
          ? [snapEvidence(hottest, hottest.taskLine ?? hottest.line, `thread ${hottest.pid} ("${chosen.find((s) => s.hotRow === hottest)?.name}") at ${hottest.cpu}% CPU in top -H`)]
          : proc
            ? [cpuEvidence(proc)]
            : [];
        const how = hottest
          ? `top -H shows thread ${hottest.pid} at ${hottest.cpu}% CPU`
          : rate >= CPU_RATE
            ? `their CPU time grew ${Math.round(rate * 100)} % as fast as the clock between dumps`
            : `top shows the process at ${proc!.cpu}% CPU`;
        out.push({
          signature: this.id,
          severity: 'critical',
          title: `${plural(chosen.length, 'thread')} on-CPU in ${fn}`,
          summary: `${chosen.map((s) => `"${s.name}"`).slice(0, 5).join(', ')}${chosen.length > 5 ? ' …' : ''} RUNNABLE in ${fn} in ${plural(dumps, 'dump')}; ${how}.`,
          first: sample[0]!.t.capturedAt,
          last: sample.at(-1)!.t.capturedAt,
          count: chosen.length,
          data: { frame: fn, threads: chosen.map((s) => s.name), dumps, pid, threadCpu: hottest?.cpu ?? null, cpuRate: rate >= 0 ? Math.round(rate * 100) / 100 : null, cpu: proc?.cpu ?? null },
          evidence: [...sample.slice(-2).map(cite), ...cpuRefs],
          occurrences: [spanOccurrence(sample[0]!.t, sample.at(-1)!.t, sample.at(-1)!.t.threadLine, pid, `${plural(chosen.length, 'thread')} on-CPU in ${fn}`)],
        });
      }
    }
    return out;
  },
};
