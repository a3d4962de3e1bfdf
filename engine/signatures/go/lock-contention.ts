/**
 * Goroutines queued on one sync.Mutex / RWMutex across the dumps of a process, with the goroutine
 * holding it and what that one is doing (parsers/goroutine/locks.ts, stored as `lock-wait` facts at
 * ingest). One finding per lock, keyed by the code that takes it: its address changes with every
 * restart, its Lock call does not.
 */
import type { HolderActivity, LockHolder, LockKind, ContendedLock } from '../../../parsers/goroutine/locks';
import type { EvidenceRef } from '../../model/evidence';
import type { FindingDraft } from '../../model/finding';
import type { Occurrence } from '../../model/occurrence';
import { oneDumpPerInstant } from '../../store/goroutine-captures';
import { parseJson } from '../../store/json';
import { plural } from '../findings-from-hits';
import { seriesBy, snapEvidence } from '../series';
import type { Signature } from '../types';

export const GO_LOCK_CONTENTION = 'go-lock-contention';

/** Goroutines queued on one lock worth reporting: as for Java monitors, two or three queue briefly on any busy mutex. */
const MIN_WAITERS = 5;

export interface GoLockContentionData {
  /** The code that takes the lock (the waiters' caller of Lock), `func file:line`. */
  site: string;
  kind: LockKind;
  peakWaiters: number;
  /** Waiters in each dump of the process, in capture order (0 where none queued). */
  counts: number[];
  /** Dumps with at least MIN_WAITERS queued, of how many. */
  contended: number;
  dumps: number;
  /** The last dump of the process has the queue gone: the pile-up drained when the lock was free. */
  drained: boolean;
  /** The holder at the peak. */
  holder: LockHolder | null;
  /** The holder waits, through other locks, for this one: a deadlock, not contention. */
  cycle: boolean;
  /**
   * When the queue stood: each run of dumps with it, from the dump before the run (which did not
   * show it) to the dump after; a run at either end of the series starts or ends at its own dump.
   */
  stretches: { from: number; to: number }[];
}

/** One dump with the queue. */
export interface GoLockOcc extends Occurrence {
  waiters: number;
  activity: HolderActivity | null;
}

const ACTIVITY: Record<HolderActivity, string> = {
  'http-call': 'waiting for an HTTP response',
  'network-io': 'waiting on network I/O',
  sleep: 'sleeping',
  syscall: 'in a system call',
  running: 'running',
  lock: 'queued on another lock',
  channel: 'waiting on a channel',
  other: 'waiting',
};

export function activityText(h: LockHolder): string {
  return `${ACTIVITY[h.activity]} (${h.doing.split(' ')[0]}, called from ${h.code.split(' ')[0]})`;
}

export const goLockContention: Signature<typeof GO_LOCK_CONTENTION, GoLockContentionData, GoLockOcc> = {
  id: GO_LOCK_CONTENTION,
  title: 'Goroutines queued on one mutex',
  severity: 'high',
  explanation:
    'Goroutines wait in sync.(*Mutex).Lock or (*RWMutex).Lock/RLock for the same lock while one goroutine holds it. Everything ' +
    'behind that lock runs one at a time at the holder\'s pace: when the holder does I/O, sleeps or calls another service with ' +
    'the lock held, every caller waits as long as that call takes.',
  fix:
    'Do not hold the lock across the slow call: copy what you need under the lock and call outside it, refresh shared state in ' +
    'the background (or with singleflight) and swap it in under a short lock, or split the lock.',
  references: ['https://pkg.go.dev/sync#Mutex', 'https://pkg.go.dev/golang.org/x/sync/singleflight'],
  detect(ctx) {
    const q = ctx.store.series;
    const facts = q.factsOf(ctx.bundleId, ['lock-wait']);
    if (facts.length === 0) return [];
    const out: FindingDraft<GoLockContentionData, GoLockOcc>[] = [];
    const groups = q.groups(ctx.bundleId, 'goroutine');
    for (const [, all] of seriesBy(q.dumps(ctx.bundleId, 'goroutine'), (d) => `${d.host ?? ''}|${d.pid ?? ''}`)) {
      const ids = new Set(all.map((d) => d.sid));
      const dumps = oneDumpPerInstant(all, groups.filter((g) => ids.has(g.sid)));
      const kept = new Set(dumps.map((d) => d.sid));
      const rows = facts.filter((f) => kept.has(f.sid)).map((f) => ({ f, l: parseJson<ContendedLock | null>(f.value, null) })).filter((r) => r.l !== null);
      // The locks of one cycle are one deadlock, whichever line each side queues at: keyed by the locking function.
      for (const [, list] of seriesBy(rows, (r) => (r.l!.cycle ? `cycle:${r.l!.site.split(' ')[0]}` : r.l!.site))) {
        const counts = dumps.map((d) => list.filter((r) => r.f.sid === d.sid).reduce((n, r) => n + r.l!.waiters, 0));
        // A wait-for cycle is a deadlock however few goroutines it holds: two are enough, and they never move again.
        const hot = list.filter((r) => r.l!.waiters >= MIN_WAITERS || r.l!.cycle);
        if (hot.length === 0) continue;
        const peak = hot.reduce((a, b) => (b.l!.waiters > a.l!.waiters ? b : a));
        const p = peak.l!;
        const site = p.site;
        const holder = p.holder;
        const lastDump = dumps.at(-1)!;
        const drained = counts.at(-1)! < MIN_WAITERS && lastDump.sid !== peak.f.sid;
        const evidence: EvidenceRef[] = [];
        if (holder) {
          evidence.push(snapEvidence(peak.f, holder.doingLine, `the holder: ${ACTIVITY[holder.activity]}`));
          if (holder.codeLine !== holder.doingLine) evidence.push(snapEvidence(peak.f, holder.codeLine, 'the code holding the lock'));
        }
        evidence.push(snapEvidence(peak.f, p.lockLine, `${p.waiters} goroutines queued here`, p.siteLine + 1));
        if (drained) evidence.push(snapEvidence(lastDump, lastDump.line, `${counts.at(-1)} queued in the last dump`));
        const fn = site.split(' ')[0]!;
        const stretches: { from: number; to: number }[] = [];
        counts.forEach((c, i) => {
          if (c < MIN_WAITERS || dumps[i]!.capturedAt === null) return;
          const from = dumps[i - 1]?.capturedAt ?? dumps[i]!.capturedAt!;
          const to = dumps[i + 1]?.capturedAt ?? dumps[i]!.capturedAt!;
          const last = stretches.at(-1);
          if (last && from <= last.to) last.to = Math.max(last.to, to);
          else stretches.push({ from, to });
        });
        out.push({
          signature: this.id,
          severity: p.waiters >= 50 ? 'critical' : 'high',
          title: p.cycle
            ? `Deadlock: goroutines in ${fn} wait for each other's locks`
            : `${plural(p.waiters, 'goroutine')} queued on the ${p.kind === 'Mutex' ? 'mutex' : 'RWMutex'} taken in ${fn}`,
          summary:
            `Up to ${plural(p.waiters, 'goroutine')} queued in sync.(*${p.kind.startsWith('RW') ? 'RWMutex' : 'Mutex'}).${p.kind.endsWith('RLock') ? 'RLock' : 'Lock'} ` +
            `at ${site} (${counts.join(' → ')} across ${plural(dumps.length, 'dump')})` +
            (holder ? `; the holder, goroutine ${holder.id ?? '?'} [${holder.state}], is ${activityText(holder)}.` : '; no goroutine in the dump holds it visibly.') +
            (p.cycle ? ' The holder waits for this lock again through other locks: a deadlock.' : ''),
          first: hot[0]!.f.capturedAt,
          last: hot.at(-1)!.f.capturedAt,
          count: p.waiters,
          data: { site, kind: p.kind, peakWaiters: p.waiters, counts, contended: hot.length, dumps: dumps.length, drained, holder, cycle: !!p.cycle, stretches },
          evidence,
          occurrences: hot.map((r) => ({
            ts: r.f.capturedAt, lineTs: r.f.capturedAt, fileId: r.f.fileId, line: r.l!.lockLine, endLine: r.l!.siteLine + 1,
            ref: `snapshot:${r.f.sid}`, ...(r.f.pid !== null ? { process: `pid:${r.f.pid}` } : {}),
            note: `${r.l!.waiters} goroutines queued`, waiters: r.l!.waiters, activity: r.l!.holder?.activity ?? null,
          })),
        });
      }
    }
    return out;
  },
};
