/**
 * Requests queue on one lock while its holder does something slow with it held. Its own evidence: many
 * goroutines queued on one mutex (Go) or threads blocked on one monitor or lock (Java) whose holder is
 * found and busy — in I/O, an HTTP call, a sleep, a system call, or running. It explains the slow
 * responses and timeouts of the queued requests, and the goroutine pile-up that is that queue.
 *
 * Not this cause: a holder that waits, through other locks, for the lock again (a deadlock: the
 * deadlock rule's, or for Go left unconcluded here); a holder queued on another lock (the queue is
 * that other lock's: it is its own finding when many wait there); no holder in the dumps (shown as
 * possible only).
 */
import type { EvidenceRef } from '../../model/evidence';
import { GOROUTINE_BLOCKED } from '../../signatures/go/goroutine-blocked';
import { GOROUTINE_GROWTH } from '../../signatures/go/goroutine-growth';
import { activityText, GO_LOCK_CONTENTION } from '../../signatures/go/lock-contention';
import { LOCK_CONTENTION } from '../../signatures/jvm/lock-contention';
import { mergeWindows, overlaps, span } from '../time';
import { clamp01, STRENGTH, type CauseRule, type Item, type ItemOf, type Window } from '../types';
import { isFailedRequest, n } from './helpers';
import { seriesBy } from '../../signatures/series';

/**
 * A Java finding is one dump: the queue stood at that instant. Between dumps nothing is known, so it
 * counts from half the spacing of the process's contended dumps before to half after, and this much
 * either side when only one dump shows it (the collectors here and in the field take one every 10–60 s).
 */
const ONE_DUMP_MS = 30_000;

/** Java owner states in which it works or waits on something else than this lock: busy with the lock held. */
const BUSY_JAVA = /^(RUNNABLE|TIMED_WAITING|WAITING)$/;

type GoItem = ItemOf<typeof GO_LOCK_CONTENTION>;
type JavaItem = ItemOf<typeof LOCK_CONTENTION>;

interface State {
  windows: Window[];
  /** Functions that take the lock (Go: the waiters' caller of Lock): goroutine groups there are the queue. */
  sites: Set<string>;
}

const goBusy = (it: GoItem) => {
  const d = it.finding.data;
  return !d.cycle && d.holder !== null && d.holder.activity !== 'lock';
};
const javaBusy = (it: JavaItem) => {
  const d = it.finding.data;
  return d.owner !== null && BUSY_JAVA.test(d.ownerState ?? '');
};

function javaWindows(items: readonly JavaItem[]): Window[] {
  const timed = items.filter((it) => it.occ.ts !== null);
  const byProcess = seriesBy(timed, (it) => it.occ.process ?? `file:${it.occ.fileId}`);
  const ws: Window[] = [];
  for (const list of byProcess.values()) {
    const ts = list.map((it) => it.occ.ts!);
    const sorted = [...new Set(ts)].sort((a, b) => a - b);
    const gaps = sorted.slice(1).map((t, i) => t - sorted[i]!).sort((a, b) => a - b);
    const half = gaps.length ? gaps[Math.floor(gaps.length / 2)]! / 2 : ONE_DUMP_MS;
    for (const t of sorted) ws.push({ from: t - half, to: t + half });
  }
  return ws;
}

export const lockContention: CauseRule<State> = {
  id: 'lock-contention',
  title: 'Requests queue on a lock held during slow work (lock contention)',
  fix:
    'Do not hold the lock across slow work: copy what you need under the lock and do the call, I/O or computation outside it; ' +
    'refresh shared state in the background (Go: singleflight or a goroutine swapping a pointer; Java: a ConcurrentHashMap or an ' +
    'AtomicReference swapped after the refresh) so readers never wait for it; split one lock into finer ones. A bigger pool or more ' +
    'threads only lengthen the queue.',
  references: ['https://pkg.go.dev/golang.org/x/sync/singleflight', 'https://docs.oracle.com/javase/tutorial/essential/concurrency/locksync.html'],

  candidates(ctx) {
    const go = ctx.items(GO_LOCK_CONTENTION).filter(goBusy);
    const java = ctx.items(LOCK_CONTENTION).filter(javaBusy);
    const goUnowned = ctx.items(GO_LOCK_CONTENTION).filter((it) => it.finding.data.holder === null && !it.finding.data.cycle);
    const javaUnowned = ctx.items(LOCK_CONTENTION).filter((it) => it.finding.data.owner === null);
    const own: Item[] = [...go, ...java, ...goUnowned, ...javaUnowned];
    if (own.length === 0) return [];
    const goWindows = [...go, ...goUnowned].flatMap((it) => it.finding.data.stretches);
    const windows = mergeWindows([...goWindows, ...javaWindows([...java, ...javaUnowned])]);
    const sites = new Set([...go, ...goUnowned].map((it) => it.finding.data.site.split(' ')[0]!));
    return [{ own, windows, prior: go.length || java.length ? 0.6 : 0.35, state: { windows, sites } }];
  },

  explains(c, it) {
    const inWindow = c.state.windows.some((w) => overlaps(it.occ, w));
    if (!inWindow) return null;
    // Goroutines that pile up in the locking function are the queue itself.
    if (it.sig === GOROUTINE_GROWTH || it.sig === GOROUTINE_BLOCKED) {
      const fn = it.finding.data.frame.split(' ')[0]!;
      return c.state.sites.has(fn) ? { strength: STRENGTH.specific, reason: `those goroutines are the queue on the lock taken in ${fn}` } : null;
    }
    if (isFailedRequest(it)) return { strength: STRENGTH.inside, reason: 'it waited while requests queued on the lock' };
    return null;
  },

  conclude(c, got) {
    const go = got.of(GO_LOCK_CONTENTION);
    const java = got.of(LOCK_CONTENTION);
    if (go.length === 0 && java.length === 0) return null;
    const reasoning: string[] = [];
    const evidence: EvidenceRef[] = [];
    // Without a holder it stays possible, whatever else it got: who holds the lock and why is the finding.
    let conf = 0.35;
    let summary = '';
    const g = go.find(goBusy);
    const j = java.find(javaBusy);
    if (g) {
      const d = g.finding.data;
      const h = d.holder!;
      const fn = d.site.split(' ')[0]!;
      conf = 0.65;
      summary = `Requests queue on the ${d.kind === 'Mutex' ? 'mutex' : 'RWMutex'} taken in ${fn} while the goroutine holding it is ${activityText(h)}.`;
      reasoning.push(g.finding.summary);
      reasoning.push(
        `The holder was found ${h.matchedBy === 'address' ? "by the lock's address in its frames" : h.matchedBy === 'receiver' ? 'by the receiver the waiters lock through' : 'by the code path (it is inside the locking function past its Lock call)'}: ` +
          `${h.code.split(' ')[0]} holds the lock across that call, so every caller of ${fn} waits as long as it takes.`,
      );
      evidence.push(...g.finding.evidence);
      if (d.contended >= 2) conf += 0.1;
      if (d.drained) {
        conf += 0.05;
        reasoning.push(`The queue drained in the last dump (${d.counts.join(' → ')}): the goroutines waited for the lock and finished when it came free; nothing leaked.`);
      }
    } else if (j) {
      const d = j.finding.data;
      conf = 0.65;
      summary =
        `Threads queue on the lock ${d.waiterCode ? `taken in ${d.waiterCode}` : d.lock} while its owner "${d.owner}" is ${d.ownerState}` +
        `${d.ownerFrame ? ` in ${d.ownerFrame}` : ''}${d.ownerCode && d.ownerCode !== d.ownerFrame ? ` (called from ${d.ownerCode})` : ''}.`;
      reasoning.push(...java.slice(0, 2).map((x) => x.finding.summary));
      reasoning.push(`The owner holds the lock while it ${d.ownerState === 'RUNNABLE' ? 'runs or does I/O' : 'waits on something else'}: every thread that needs it waits as long.`);
      evidence.push(...j.finding.evidence);
      const dumps = new Set(java.filter(javaBusy).map((x) => x.occ.ts)).size;
      if (dumps >= 2) {
        conf += 0.1;
        reasoning.push(`${n(dumps, 'thread dump')} show the queue.`);
      }
    } else {
      const u = go[0] ?? java[0]!;
      summary = 'Requests queue on one lock; the dumps do not show who holds it.';
      reasoning.push(u.finding.summary, 'A dump with arguments (pprof debug=2 or a SIGQUIT trace) or jstack -l would name the holder and what it does.');
      evidence.push(...u.finding.evidence.slice(0, 2));
    }
    const failed = got.all.filter((x) => isFailedRequest(x.item));
    if (failed.length) {
      conf += 0.1;
      const f = failed[0]!.item;
      reasoning.push(`The requests that waited show it: ${f.finding.summary}`);
      evidence.push(...f.finding.evidence.slice(0, 1));
    }
    const queue = got.all.filter((x) => x.item.sig === GOROUTINE_GROWTH || x.item.sig === GOROUTINE_BLOCKED);
    if (queue.length) reasoning.push(`The goroutines that piled up are that queue, not a leak: ${queue[0]!.item.finding.summary}`);
    if (c.state.windows.length) reasoning.push(`The queue stood ${c.state.windows.map((w) => span(w.from, w.to)).slice(0, 3).join(', ')}.`);
    return { confidence: clamp01(conf), summary, reasoning, evidence: evidence.slice(0, 6) };
  },
};
