/**
 * Code spins in a loop that never blocks. Its own evidence: goroutines on-CPU in the same function across
 * dumps, or Java threads RUNNABLE in the same method while top -H or their CPU time says they burn a
 * core. A CPU profile whose hottest function is that same function names it beyond doubt; a profile
 * alone, with the process at a full core in top, only suggests one.
 */
import type { EvidenceRef } from '../../model/evidence';
import { BUSY_GOROUTINES } from '../../signatures/go/busy-goroutines';
import { BUSY_THREADS } from '../../signatures/jvm/busy-threads';
import { CPU_PROFILE_HOTSPOT } from '../../signatures/os/cpu-profile-hotspot';
import { PROCESS_CPU } from '../../signatures/os/process-cpu';
import { evidenceOfItem } from '../diagnose';
import { clamp01, type CauseRule, type Item, type ItemOf, type Window } from '../types';
import { spans } from './helpers';

/** A profile alone names a busy loop only when one function takes this share of the samples… */
const PROFILE_ONLY_SHARE = 0.8;
/** …and top shows the process at this %CPU (100 = one core) within this long of the profile. */
const PROFILE_ONLY_CPU = 80;
const NEAR_MS = 5 * 60_000;

interface State {
  /** The functions the loop was caught in (dumps) or that the profile names. */
  frames: Set<string>;
  /** CPU profiles naming one of them (facts, not symptoms: never attributed, so kept here). */
  profiles: ItemOf<typeof CPU_PROFILE_HOTSPOT>[];
  /** Profile alone: the top row showing the process at a full core near it. */
  cpu?: EvidenceRef;
}

const near = (a: number | null | undefined, b: number | null | undefined) => a == null || b == null || Math.abs(a - b) <= NEAR_MS;
/** A profile taken during the episode, or within NEAR_MS of it. */
const inWindow = (o: { ts: number | null; end?: number | null }, w: Window) =>
  o.ts === null || !Number.isFinite(w.from) || (o.ts <= w.to + NEAR_MS && (o.end ?? o.ts) >= w.from - NEAR_MS);

export const busyLoop: CauseRule<State> = {
  id: 'busy-loop',
  title: 'Code spins in a loop that never blocks (busy loop)',
  fix:
    'Make the loop block or exit. Go: `return` instead of `break` inside `select` (break only leaves the select), no `default:` case ' +
    'without a sleep, close the stream/connection when it ends, advance the index on every path; guard with goleak in tests. Java: wait on ' +
    'a queue or condition instead of polling, back off between retries, check the exit condition. Confirm with two dumps and top -H.',
  references: ['https://go.dev/ref/spec#Break_statements', 'https://github.com/uber-go/goleak', 'https://go.dev/blog/pprof'],

  candidates(ctx) {
    const dumps: Item[] = [...ctx.items(BUSY_GOROUTINES), ...ctx.items(BUSY_THREADS)];
    const profiles = ctx.items(CPU_PROFILE_HOTSPOT);
    if (dumps.length) {
      const frames = new Set(dumps.map((it) => (it.sig === BUSY_GOROUTINES || it.sig === BUSY_THREADS ? it.finding.data.frame : '')).filter(Boolean));
      // The profile that names the function the dumps caught spinning.
      const naming = profiles.filter((p) => frames.has(p.occ.function) && dumps.some((d) => near(d.occ.ts, p.occ.ts) || near(d.occ.end, p.occ.ts)));
      return [{ own: [...dumps, ...naming], windows: spans(dumps), prior: 0.7, state: { frames, profiles: naming } }];
    }
    // No dumps: a profile with one dominant function while top shows the process at a full core suggests one.
    const hot = ctx.items(PROCESS_CPU).filter((it) => (it.occ.cpu ?? 0) >= PROFILE_ONLY_CPU);
    const strong = profiles.filter((p) => p.occ.share >= PROFILE_ONLY_SHARE && hot.some((h) => near(h.occ.ts, p.occ.ts)));
    if (strong.length === 0) return [];
    const cpu = hot.filter((h) => strong.some((p) => near(h.occ.ts, p.occ.ts))).sort((a, b) => (b.occ.cpu ?? 0) - (a.occ.cpu ?? 0))[0]!;
    const state: State = { frames: new Set(strong.map((p) => p.occ.function)), profiles: strong, cpu: evidenceOfItem(cpu, `${cpu.occ.command ?? 'the process'} at ${cpu.occ.cpu}% CPU`) };
    return [{ own: strong, windows: spans(strong), prior: 0.4, state }];
  },

  explains() {
    return null;
  },

  conclude(c, got) {
    const goroutines = got.of(BUSY_GOROUTINES);
    const threads = got.of(BUSY_THREADS);
    const profiles = c.state.profiles.filter((p) => inWindow(p.occ, got.window));
    if (goroutines.length === 0 && threads.length === 0 && profiles.length === 0) return null;
    const reasoning: string[] = [];
    const cpuRefs: EvidenceRef[] = [];
    const frameRefs: EvidenceRef[] = [];
    let conf = 0;
    let what = '';
    const isCpuRef = (e: EvidenceRef) => /% CPU|% in all/.test(e.note ?? '');

    const g = goroutines[0];
    if (g) {
      const f = g.finding;
      conf = 0.65;
      what = `Goroutines stay on-CPU in ${f.data.frame} instead of waiting; each one burns a core.`;
      reasoning.push(f.summary);
      if (f.data.cpu !== null) {
        conf += 0.2;
        reasoning.push(`The process is on-CPU at ${f.data.cpu}% in top while those goroutines run: they are what burns the cores.`);
      }
      if (f.data.growing) {
        conf += 0.05;
        reasoning.push('Their number grows with each new stream: every stream leaves one spinning goroutine behind.');
      }
      for (const x of goroutines) for (const e of x.finding.evidence) (isCpuRef(e) ? cpuRefs : frameRefs).push(e);
    }
    const t = threads[0];
    if (t) {
      const f = t.finding;
      conf = Math.max(conf, 0.8);
      what ||= `Threads stay RUNNABLE in ${f.data.frame} and burn a core each instead of waiting.`;
      reasoning.push(f.summary);
      for (const x of threads) for (const e of x.finding.evidence) (isCpuRef(e) ? cpuRefs : frameRefs).push(e);
    }
    const named = profiles.find((p) => c.state.frames.has(p.occ.function)) ?? profiles[0];
    if (named) {
      const p = named.occ;
      if (g || t) {
        conf += c.state.frames.has(p.function) ? 0.1 : 0;
        reasoning.push(`The CPU profile agrees: ${named.finding.summary}`);
      } else {
        // A profile and top alone: where the time goes, not that the loop never waits.
        conf = 0.45;
        what = `One function, ${p.function}, takes ${Math.round(p.share * 100)} % of the CPU profile while the process burns a core: possibly a loop that never waits.`;
        reasoning.push(named.finding.summary, 'No goroutine or thread dump shows whether it waits: dumps a few seconds apart would tell a busy loop from heavy work.');
        if (c.state.cpu) cpuRefs.push(c.state.cpu);
      }
    }
    // The telling lines first: the row at a full core, the frame the loop is in, the profile's hottest function.
    const profileRefs = named ? named.finding.evidence : [];
    const evidence = dedupe([...cpuRefs.slice(0, 1), ...frameRefs.slice(-1), ...profileRefs, ...frameRefs.slice(0, -1), ...cpuRefs.slice(1)]).slice(0, 5);
    return { confidence: clamp01(conf), summary: what, reasoning, evidence };
  },
};

function dedupe(refs: EvidenceRef[]): EvidenceRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = `${r.fileId}:${r.line}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
