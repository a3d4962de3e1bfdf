/**
 * Silences judged against the source's own rate. A gap between two lines is a silence when, at the
 * rate the source was writing just before and just after it, a gap that long is improbable for the
 * whole file (Poisson arrivals, p < ALPHA / intervals), and it is also far beyond the file's own long
 * gaps (so a bursty source's ordinary pauses do not count). A traffic lull lowers the local rate on
 * one side and is not a silence; a freeze leaves the rate normal on both sides.
 */
import type { Store } from '../../store';
import { ExactHistogram, poissonTail } from '../stats';
import type { TimesInLineOrder } from '../types';

/** Expected number of chance silences per file: 1 in 100 files would show one by luck. */
const ALPHA = 0.01;
/** Distinct write times on each side that estimate the local rate (±22% at 1/√20). */
const K = 20;
/** The rate needs 2K+1 writes to be estimated on both sides of any gap. */
const MIN_WRITES = 2 * K + 1;
/** A silence is also this many times the file's 99th-percentile gap: for Poisson writes that is ≈14/λ, the same order as the test. */
const EMPIRICAL_FACTOR = 3;
/** Lines after a resume counted for the backlog burst. */
const RESUME_WINDOW_MS = 1000;

export interface Silence {
  from: number;
  to: number;
  durationMs: number;
  beforeEventId: number;
  afterEventId: number;
  beforeLine: number;
  afterLine: number;
  /** Lines per second just before and just after. */
  rateBefore: number;
  rateAfter: number;
  /** Probability of a gap this long at the lower of the two rates. */
  chance: number;
  /** Requests logged after the silence that were already in flight when it began: the process held work it did not do. */
  inFlight: number;
  /** The longest of those requests (ms) and where it is. */
  inFlightLongest: { ms: number; line: number; eventId: number } | null;
  /** Lines in the first second after the resume, and how many the rate before would give. */
  resumeLines: number;
  resumeExpected: number;
  /** How many other files of the bundle kept writing during the silence. */
  othersWriting: number;
  /** The writer's pid, when its records print one. */
  pid: number | null;
}

type Times = TimesInLineOrder;

/** The file's times read back from the store (when the stream did not keep them). */
function storedTimes(store: Store, fileId: number): Times {
  const t = store.events.timesInLineOrder(fileId);
  return { at: (i) => t.ts[i]!, length: t.length, id: (i) => t.ids[i]!, line: (i) => t.lines[i]! };
}

/**
 * Rates over the K distinct write times ending at (dir −1) or starting at (dir +1) index i: distinct
 * write times per ms (the test's rate: lines stamped in the same instant are one write) and lines per
 * ms (what a resume is compared with).
 */
function localRate(t: Times, i: number, dir: -1 | 1): { writes: number; lines: number } | null {
  let distinct = 0;
  let j = i;
  let last = t.at(i);
  while (distinct < K) {
    const next = j + dir;
    if (next < 0 || next >= t.length) return null;
    j = next;
    if (t.at(j) !== last) {
      distinct++;
      last = t.at(j);
    }
  }
  const span = Math.abs(t.at(j) - t.at(i));
  return span > 0 ? { writes: distinct / span, lines: Math.abs(j - i) / span } : null;
}

export function silencesOf(store: Store, bundleId: number, fileId: number, streamed?: Times | null): { silences: Silence[]; medianMs: number } | null {
  const t = streamed ?? storedTimes(store, fileId);
  if (t.length < MIN_WRITES) return null;
  // Gaps are measured from the latest time written so far: a line stamped early (an async appender, a
  // thread that took its time before writing) must not open a gap to the next one. Two passes over
  // the times, no array per gap: the gaps' percentiles from their counts, then the candidates.
  const ts = t.at;
  const gaps = new ExactHistogram();
  for (let i = 1, latest = 0; i < t.length; i++) {
    gaps.add(Math.max(0, ts(i) - ts(latest)));
    if (ts(i) >= ts(latest)) latest = i;
  }
  const medianMs = gaps.percentile(50);
  const floor = EMPIRICAL_FACTOR * gaps.percentile(99);
  const intervals = t.length - 1;
  const silences: Silence[] = [];
  for (let i = 1, latest = 0; i < t.length; i++) {
    const b = latest;
    if (ts(i) >= ts(latest)) latest = i;
    const gap = Math.max(0, ts(i) - ts(b));
    if (gap <= floor || gap <= 0) continue;
    const before = localRate(t, b, -1);
    const after = localRate(t, i, 1);
    if (!before || !after) continue;
    const rate = Math.min(before.writes, after.writes);
    const chance = Math.exp(-rate * gap);
    if (chance * intervals >= ALPHA) continue;
    silences.push(describe(store, bundleId, fileId, t, b, i, gap, before, after, chance));
  }
  return { silences, medianMs };
}

type Rates = { writes: number; lines: number };

/** `b` is the line that held the latest time before the gap, `a` the first line after it. */
function describe(store: Store, bundleId: number, fileId: number, t: Times, b: number, a: number, gap: number, before: Rates, after: Rates, chance: number): Silence {
  const from = t.at(b);
  const to = t.at(a);
  // A request logged after the resume whose duration reaches back before the silence was in flight across it.
  const logged = store.events.requestsLoggedBetween(fileId, to, to + gap);
  let inFlight = 0;
  let longest: Silence['inFlightLongest'] = null;
  for (const r of logged) {
    if (r.ms === null || r.ts - r.ms > from) continue;
    inFlight++;
    if (!longest || r.ms > longest.ms) longest = { ms: r.ms, line: r.line, eventId: r.id };
  }
  let resumeLines = 0;
  for (let j = a; j < t.length && t.at(j) <= to + RESUME_WINDOW_MS; j++) resumeLines++;
  const others = store.events.countsByFileBetween(bundleId, from, to);
  others.delete(fileId);
  return {
    from, to, durationMs: gap,
    beforeEventId: t.id(b), afterEventId: t.id(a), beforeLine: t.line(b), afterLine: t.line(a),
    rateBefore: before.lines * 1000, rateAfter: after.lines * 1000, chance,
    inFlight, inFlightLongest: longest,
    // Lines against lines: a log stamped to the second writes many lines per distinct time.
    resumeLines, resumeExpected: before.lines * RESUME_WINDOW_MS,
    othersWriting: others.size,
    pid: store.events.byIds([t.id(b)])[0]?.pid ?? null,
  };
}

/**
 * What says a silence was a stop with work waiting rather than a lull: requests in flight across it, a
 * backlog at the resume; and, with one of those, other logs writing meanwhile (only this process
 * stopped). Other logs writing alone says nothing of work waiting: a service idle before its traffic,
 * or one whose requests all wait on something else, goes quiet while the rest of the bundle writes.
 */
export function witnesses(s: Pick<Silence, 'inFlight' | 'resumeLines' | 'resumeExpected' | 'othersWriting'>): ('in-flight' | 'backlog' | 'others-wrote')[] {
  const out: ('in-flight' | 'backlog' | 'others-wrote')[] = [];
  if (s.inFlight > 0) out.push('in-flight');
  if (hadBacklog(s)) out.push('backlog');
  if (out.length > 0 && s.othersWriting > 0) out.push('others-wrote');
  return out;
}

/** Lines after the resume far above the rate before it: work had queued up while the process was stopped. */
export function hadBacklog(s: Pick<Silence, 'resumeLines' | 'resumeExpected'>): boolean {
  // Improbable at the usual rate (p < 0.001): a backlog, not ordinary traffic.
  return poissonTail(s.resumeLines, s.resumeExpected) < 0.001;
}
