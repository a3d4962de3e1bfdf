/**
 * A Node process's event loop was blocked by long synchronous work: one callback ran for seconds and
 * every other request, timer and log line waited behind it. From outside it looks like a frozen process
 * (a silent log, then a burst; callers time out), so its own evidence is what tells the two apart: the
 * process was *running* while it did not answer — top showed it on a core while its log was silent — or
 * its own event-loop reports show a delay far above its usual one, with the CPU time or loop utilization
 * of a busy loop. The request whose own response time covers the silence is the likely culprit.
 *
 * Told apart from process-starvation (the host did not run it: top shows it stopped or idle, its cgroup
 * held to the quota, timers late with no CPU spent) and from busy-loop (a goroutine or thread spinning
 * while the process's other requests keep completing: here nothing else completes).
 */
import { formatMs } from '../../signatures/findings-from-hits';
import { CALL_TIMEOUTS } from '../../signatures/log/call-timeouts';
import { EVENT_LOOP_DELAY, fmt } from '../../signatures/log/event-loop-delay';
import { HTTP_5XX_BURST } from '../../signatures/log/http-5xx-burst';
import { LOG_SILENCE_GAP } from '../../signatures/log/log-silence-gap';
import { NODE_CONNECTION_ERRORS } from '../../signatures/log/node-connection-errors';
import { SLOW_RESPONSES } from '../../signatures/log/slow-responses';
import { CPU_THROTTLING } from '../../signatures/os/cpu-throttling';
import { PROCESS_CPU } from '../../signatures/os/process-cpu';
import type { EvidenceRef } from '../../model/evidence';
import { at, overlaps, span } from '../time';
import { clamp01, STRENGTH, type CauseContextApi, type CauseRule, type Item, type ItemOf, type Link, type Window } from '../types';
import { AFTER_MS, cite, explainsLine, isFailedRequest, n } from './helpers';
import { heldToQuota } from './process-starvation';

type Silence = ItemOf<typeof LOG_SILENCE_GAP>;
type Top = ItemOf<typeof PROCESS_CPU>;
type Delay = ItemOf<typeof EVENT_LOOP_DELAY>;
type Slow = ItemOf<typeof SLOW_RESPONSES>;

/** One stretch the loop did not turn. */
interface Block {
  window: Window;
  pid: number | null;
  /** The process's own log silence over it, when there is one. */
  silence: Silence | null;
  /** top rows of the process inside the silence, when they show it running (see `running`); and any stopped (T). */
  busy: Top[];
  stopped: Top[];
  /** Mean %CPU of its top rows inside the silence, and in its captures outside any silence of its log. */
  meanCpu: number | null;
  usualCpu: number | null;
  /** Its event-loop reports that measured it (blocked reports). */
  delays: Delay[];
  /** A report's own CPU time or loop utilization says the loop was running code across it. */
  busyReport: Delay | null;
  /** Held to its cgroup's CPU quota meanwhile: then a slow loop is the quota's doing unless top shows a full core. */
  throttled: boolean;
}

interface State {
  blocks: Block[];
  /** The blocked processes (`pid:N`) and their log files. */
  processes: Set<string>;
  files: Set<number>;
}

/**
 * %CPU (top's scale: 100 is one core) from which the process had most of a core: a loop blocked by
 * synchronous work runs its one thread flat out, and a single `top -b -n 1` frame measures it over a
 * short interval that wobbles by ±25 % (73–107 % in the node-event-loop-blocked sample).
 */
const BUSY_CPU = 80;
/**
 * Or, over every capture inside the silence, a mean from a quarter of a core and RATIO_CPU times the process's
 * usual: a single-frame %CPU wobbles (6–75 % for a thread that stayed runnable, R, through a 38 s block on a
 * host with a load average of 7 on 2 cores, where a runnable thread gets about a quarter of a core). A stopped
 * process shows 0 and one starved by the host or held to a small quota a few percent.
 */
const BUSY_MEAN_CPU = 25;
/** The mean inside the silence is this many times the process's usual mean: the CPU went somewhere it does not usually go. */
const RATIO_CPU = 5;
/**
 * A report whose CPU time for its interval covers this share of the delay, or whose loop utilization is
 * this high, had a loop running code, not waiting to be run: the same four fifths as BUSY_CPU. A stopped or
 * starved process spends next to no CPU in its delay, and its loop counts the stop as idle time.
 */
const BUSY_SHARE = 0.8;
/** top's COMMAND of a Node process: `node`, `nodejs`, or a path to it with `top -c`. */
const NODE_COMMAND = /^(?:\S*\/)?node(?:js)?(?:\s|$)/;
/**
 * A request that started within this much of the block's start and was logged within this much of its end
 * spans the block; two logs whose silences begin and end this close went quiet as one: the same few
 * seconds within which a frozen process's consequences surface after its resume (helpers' AFTER_MS).
 */
const NEAR_MS = AFTER_MS;

/** Candidates: shown running while it did not answer, the mechanism is plain (above process-starvation's 0.6 for a witnessed silence); a delay alone is also what a stopped process reports. */
const PRIOR_SHOWN = 0.7;
const PRIOR_DELAY = 0.4;
/** top showing the process running through its log's silence: the conclusion by itself (a stopped or starved process does not burn CPU). */
const SEEN_RUNNING = 0.5;
/** Its own report agreeing with top: a second, independent witness of the same block. */
const REPORT_TOO = 0.15;
/** …and its CPU time or utilization saying the loop was busy: the two agree on the mechanism, not only the time. */
const REPORT_BUSY_TOO = 0.1;
/** No top, a report whose CPU time or utilization shows a busy loop: the conclusion by itself, as top would be. */
const REPORT_BUSY = 0.55;
/** No top, a delay without CPU or utilization: the loop did not turn, but a stopped process reports that too. Possible only. */
const REPORT_ALONE = 0.35;
/** The request that ran the work found (in flight across the block, started last). */
const CULPRIT = 0.1;
/** Unrelated requests and callers waiting together: what a block does, though any stall does it too. */
const OTHERS_WAITED = 0.05;
/** top saw it stopped (T) inside: not running its own work, at most a remote possibility. */
const STOPPED_CAP = 0.2;
/** Held to its cgroup quota meanwhile and not seen on a core: the quota explains a loop that did not turn. */
const QUOTA_CAP = 0.3;

const isNode = (t: Top): boolean => !!t.occ.command && NODE_COMMAND.test(t.occ.command);
const stoppedRow = (t: Top): boolean => t.occ.state === 'T' || t.occ.state === 't';

/** The loop was running code across the report's interval: CPU time ≈ the delay, or utilization near 1. */
export function busyReport(d: Delay['occ']): boolean {
  if (d.cpuMs !== null && d.delayMs > 0 && d.cpuMs >= BUSY_SHARE * Math.min(d.delayMs, d.intervalMs ?? d.delayMs)) return true;
  return d.utilization !== null && d.utilization >= BUSY_SHARE;
}

/** The report measured the silence: its interval (since the previous report) holds the silence's end. */
function measures(d: Delay, s: Silence): boolean {
  const t = d.occ.end ?? d.occ.ts;
  if (t === null) return false;
  const from = t - (d.occ.intervalMs ?? d.occ.delayMs);
  return t >= s.occ.end && from <= s.occ.end;
}

function blocksOf(ctx: CauseContextApi): Block[] {
  const top = ctx.items(PROCESS_CPU);
  const delays = ctx.items(EVENT_LOOP_DELAY).filter((d) => d.severity !== 'info' && d.occ.blocked);
  const quota = ctx.items(CPU_THROTTLING).filter(heldToQuota);
  const nodePids = new Set<number>([...top.filter(isNode).map((t) => t.occ.pid), ...delays.map((d) => d.occ.pid)].filter((p): p is number => p !== null));
  const used = new Set<Delay>();
  const blocks: Block[] = [];
  const silences = ctx.items(LOG_SILENCE_GAP);
  const inSilence = (t: Top): boolean => silences.some((s) => s.occ.pid === t.occ.pid && t.occ.ts! > s.occ.ts! && t.occ.ts! < s.occ.end);
  for (const s of silences) {
    const pid = s.occ.pid;
    if (pid === null || !nodePids.has(pid)) continue;
    const from = s.occ.ts!;
    const to = s.occ.end;
    const own = top.filter((t) => t.occ.pid === pid && t.occ.ts !== null && t.occ.cpu !== null);
    const rows = own.filter((t) => t.occ.ts! > from && t.occ.ts! < to);
    const stopped = rows.filter(stoppedRow);
    const meanCpu = mean(rows.map((t) => t.occ.cpu!));
    const usualCpu = mean(own.filter((t) => !inSilence(t)).map((t) => t.occ.cpu!));
    const running = meanCpu !== null && meanCpu >= BUSY_MEAN_CPU && (usualCpu === null || meanCpu >= RATIO_CPU * usualCpu);
    const busy = stopped.length ? [] : rows.filter((t) => (t.occ.cpu ?? 0) >= BUSY_CPU || (running && !stoppedRow(t)));
    const mine = delays.filter((d) => d.occ.pid === pid && measures(d, s));
    if (busy.length === 0 && mine.length === 0) continue;
    mine.forEach((d) => used.add(d));
    const window = { from, to };
    blocks.push({
      window, pid, silence: s, busy, stopped, meanCpu, usualCpu, delays: mine, busyReport: mine.find((d) => busyReport(d.occ)) ?? null,
      throttled: quota.some((q) => overlaps(q.occ, window)),
    });
  }
  // Blocks the reports show without a silence (a quiet service, or a block shorter than its log's rhythm).
  for (const d of delays) {
    if (used.has(d) || d.occ.ts === null) continue;
    const window = { from: d.occ.ts, to: d.occ.end ?? d.occ.ts };
    blocks.push({
      window, pid: d.occ.pid, silence: null, busy: [], stopped: [], meanCpu: null, usualCpu: null, delays: [d],
      busyReport: busyReport(d.occ) ? d : null, throttled: quota.some((q) => overlaps(q.occ, window)),
    });
  }
  return blocks.sort((a, b) => a.window.from - b.window.from);
}

function mean(xs: readonly number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

/** The process was shown running across the block (top on a core, or its own report), not stopped or held to a quota. */
function shownBusy(b: Block): boolean {
  if (b.stopped.length) return false;
  if (b.busy.length) return true;
  return !!b.busyReport && !b.throttled;
}

const processOf = (b: Block): string | null => (b.pid !== null ? `pid:${b.pid}` : null);

function mineItem(it: Item, b: Block): boolean {
  const p = processOf(b);
  return (!!p && it.occ.process === p) || (!!b.silence && it.occ.fileId === b.silence.occ.fileId);
}

/** The block an item's time falls in (or right after, within AFTER_MS). */
function blockAt(t: number | null, blocks: readonly Block[]): { block: Block; after: boolean } | null {
  if (t === null) return null;
  for (const b of blocks) {
    if (t >= b.window.from && t <= b.window.to) return { block: b, after: false };
    if (t > b.window.to && t - b.window.to <= AFTER_MS) return { block: b, after: true };
  }
  return null;
}

/**
 * A request in flight across the block: started before it (or as it began) and answered at its end or
 * after. A block known only from a report ended somewhere in the report's interval: a request answered in
 * that interval that lasted at least as long as the reported delay spans it.
 */
function spans(o: { ts: number | null; end?: number | null }, b: Block): boolean {
  const end = o.end ?? o.ts;
  if (o.ts === null || end === null) return false;
  if (b.silence) return o.ts <= b.window.from + NEAR_MS && end >= b.window.to && end - b.window.to <= NEAR_MS;
  const d = b.delays[0]!.occ;
  const to = d.end ?? b.window.to;
  return end <= to && end >= to - (d.intervalMs ?? d.delayMs) && end - o.ts >= BUSY_SHARE * d.delayMs;
}

/**
 * The request that ran the blocking work: of the requests in the process's own log in flight across the
 * block, the one that started last. Nothing starts while the loop is blocked, so every other request in
 * flight across it had started before the block began.
 */
function culpritOf(b: Block, slow: readonly Slow[]): Slow | null {
  let best: Slow | null = null;
  for (const s of slow) {
    if (!mineItem(s, b) || !spans(s.occ, b)) continue;
    if (!best || s.occ.ts! > best.occ.ts! || (s.occ.ts === best.occ.ts && (s.occ.end ?? 0) < (best.occ.end ?? 0))) best = s;
  }
  return best;
}

const route = (s: Slow): string => `${s.occ.method ? `${s.occ.method} ` : ''}${s.occ.url ?? 'a request'}`;

/** A route without its ids and query: `/api/v1/accounts/:n/preferences`. */
function routeShape(url: string | null): string {
  if (!url) return '?';
  return url.replace(/\?.*$/, '').replace(/\/\d+(?=\/|$)/g, '/:n').replace(/\/[0-9a-f]{16,}(?=\/|$)/gi, '/:id');
}

export const eventLoopBlocked: CauseRule<State> = {
  id: 'event-loop-blocked',
  title: "The Node event loop was blocked by long synchronous work: every request waited behind it",
  fix:
    'Find the synchronous work (the request that took as long as the block; a CPU profile with `node --cpu-prof` shows the function) ' +
    'and take it off the event loop: a worker thread (worker_threads, piscina) or a job queue for CPU-bound work, streaming instead of ' +
    'one big JSON.stringify/parse, the async forms of crypto and zlib instead of *Sync, input limits and linear-time regular expressions ' +
    '(no nested quantifiers; RE2) for user input. Log or export the event-loop delay (perf_hooks.monitorEventLoopDelay) and alert on it. ' +
    'Adding CPU or instances does not help the requests queued behind a block.',
  references: [
    'https://nodejs.org/en/learn/asynchronous-work/dont-block-the-event-loop',
    'https://nodejs.org/api/perf_hooks.html#perf_hooksmonitoreventloopdelayoptions',
    'https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS',
    'https://github.com/nodejs/node/issues/34661',
  ],

  candidates(ctx) {
    const blocks = blocksOf(ctx);
    if (blocks.length === 0) return [];
    const own: Item[] = [];
    for (const b of blocks) own.push(...b.delays, ...b.busy);
    if (own.length === 0) return [];
    const processes = new Set(blocks.map(processOf).filter((p): p is string => p !== null));
    const files = new Set(blocks.flatMap((b) => (b.silence ? [b.silence.occ.fileId] : [])));
    return [{
      own,
      windows: blocks.map((b) => b.window),
      // Shown running while it did not answer: the mechanism is plain. A delay alone is also what a stopped process reports.
      prior: blocks.some(shownBusy) ? PRIOR_SHOWN : PRIOR_DELAY,
      state: { blocks, processes, files },
    }];
  },

  explains(c, it): Link | null {
    const { blocks } = c.state;
    if (it.sig === LOG_SILENCE_GAP) {
      for (const b of blocks) {
        if (b.silence === it) {
          return shownBusy(b)
            ? { strength: STRENGTH.specific, reason: b.busy.length ? 'top shows the process running on a core while its log was silent: its event loop was blocked, not stopped' : 'its own event-loop report shows the loop busy running code across the silence' }
            : { strength: STRENGTH.inside, reason: 'its event loop did not turn meanwhile' };
        }
        // Another log that went quiet and resumed with it (a proxy or caller waiting on it): the same event.
        const o = it.occ;
        if (b.silence && Math.abs(o.ts! - b.window.from) <= NEAR_MS && Math.abs(o.end - b.window.to) <= NEAR_MS) {
          return { strength: shownBusy(b) ? STRENGTH.specific : STRENGTH.inside, reason: 'it went quiet and resumed with the blocked process: its requests waited on it' };
        }
      }
      return null;
    }
    const t = it.occ.lineTs ?? it.occ.ts;
    const hit = blockAt(t, blocks);
    if (it.sig === SLOW_RESPONSES) {
      const b = blocks.find((x) => spans(it.occ, x));
      if (b) {
        if (mineItem(it, b)) return { strength: shownBusy(b) ? STRENGTH.specific : STRENGTH.inside, reason: 'it was in flight in the blocked process across the block' };
        return { strength: STRENGTH.inside, reason: 'it waited on the blocked process' };
      }
    }
    if (!hit) return null;
    if (isFailedRequest(it) || it.sig === NODE_CONNECTION_ERRORS) {
      return hit.after
        ? { strength: STRENGTH.after, reason: 'it surfaced as the blocked event loop resumed' }
        : { strength: STRENGTH.inside, reason: 'it failed while the event loop was blocked' };
    }
    if (mineItem(it, hit.block)) {
      return { strength: hit.after ? STRENGTH.after : STRENGTH.inside, reason: hit.after ? 'it surfaced right after the block' : 'it happened during the block' };
    }
    return null;
  },

  conclude(c, got) {
    const blocks = c.state.blocks.filter((b) => b.window.from <= got.window.to && b.window.to >= got.window.from);
    if (blocks.length === 0) return null;
    const reasoning: string[] = [];
    const evidence: EvidenceRef[] = [];
    const busy = blocks.filter((b) => b.busy.length && !b.stopped.length);
    const reported = blocks.filter((b) => b.delays.length);
    const byReport = blocks.filter((b) => b.busyReport);
    const stopped = blocks.filter((b) => b.stopped.length);
    const longest = blocks.reduce((a, b) => (b.window.to - b.window.from > a.window.to - a.window.from ? b : a));
    let conf = 0;

    if (busy.length) {
      const b = busy.reduce((a, x) => (x.window.to - x.window.from > a.window.to - a.window.from ? x : a));
      const s = b.silence!;
      const cpus = b.busy.map((t) => t.occ.cpu ?? 0);
      const lo = Math.round(Math.min(...cpus));
      const hi = Math.round(Math.max(...cpus));
      const usual = b.usualCpu !== null ? `, against ${b.usualCpu < 10 ? b.usualCpu.toFixed(1) : Math.round(b.usualCpu)}% in its other captures` : '';
      conf = SEEN_RUNNING;
      reasoning.push(
        `${s.finding.data.file} (pid ${b.pid}) wrote nothing for ${formatMs(s.occ.durationMs)} (${span(s.occ.ts, s.occ.end)}) although it writes about ` +
          `${s.occ.rateBefore.toFixed(s.occ.rateBefore < 10 ? 1 : 0)} lines a second, while top showed the same process running ` +
          `(${n(b.busy.length, 'capture')} inside the silence at ${lo === hi ? `${lo}%` : `${lo}–${hi}%`} CPU, state ${[...new Set(b.busy.map((t) => t.occ.state))].join('/')}${usual}): it was not stopped or ` +
          'starved by the host. A Node process that burns CPU while its log stops is running one long piece of synchronous work on its event loop, and nothing ' +
          'else — no request, no timer, no log line — runs until it returns.' +
          (busy.length > 1 ? ` The same happened ${n(busy.length - 1, 'more time')} in this episode.` : ''),
      );
      evidence.push(
        { fileId: s.occ.fileId, line: s.occ.beforeLine, ts: s.occ.ts, ref: `event:${s.occ.beforeEventId}`, note: 'last line before the silence' },
        ...cite([b.busy.reduce((x, y) => ((y.occ.cpu ?? 0) > (x.occ.cpu ?? 0) ? y : x))], 1, (t) => `on a core (${(t as Top).occ.cpu}% CPU) during the silence`),
        { fileId: s.occ.fileId, line: s.occ.afterLine, ts: s.occ.end, ref: `event:${s.occ.afterEventId}`, note: 'first line after the silence' },
      );
    }
    if (reported.length) {
      const d = reported.flatMap((b) => b.delays).reduce((a, x) => (x.occ.delayMs > a.occ.delayMs ? x : a));
      const o = d.occ;
      const parts: string[] = [];
      if (o.cpuMs !== null) parts.push(`${formatMs(o.cpuMs)} of CPU time${o.intervalMs !== null ? ` in its ${formatMs(o.intervalMs)} interval` : ''}`);
      if (o.utilization !== null) parts.push(`event-loop utilization ${o.utilization.toFixed(2)}`);
      conf += busy.length ? REPORT_TOO : byReport.length ? REPORT_BUSY : REPORT_ALONE;
      if (busy.length && byReport.length) conf += REPORT_BUSY_TOO;
      reasoning.push(
        `Its own event-loop report at ${at(o.lineTs ?? o.end)} says the same: ${o.field} ${fmt(o.delayMs)} against a usual ${fmt(o.baselineMs)} ` +
          `(${Math.round(o.delayMs / Math.max(o.baselineMs, 0.001))}×)` +
          (parts.length ? `, with ${parts.join(' and ')}` : '') +
          (byReport.length
            ? ': the loop was busy running code the whole time, not idle and waiting to be run as in a stopped or starved process.'
            : ': the loop did not turn for that long (its CPU time and utilization are not in the report, so this alone does not tell a blocked loop from a stopped process).'),
      );
      evidence.push(...cite([d], 1, () => `event-loop delay ${fmt(o.delayMs)}, usually ${fmt(o.baselineMs)}`));
    }
    // The request that ran the work.
    const slow = got.of(SLOW_RESPONSES);
    const culprits = blocks.map((b) => culpritOf(b, slow)).filter((s): s is Slow => s !== null);
    if (culprits.length) {
      const k = culprits.reduce((a, x) => (x.occ.responseTimeMs > a.occ.responseTimeMs ? x : a));
      conf += CULPRIT;
      const same = new Set(culprits.map((x) => routeShape(x.occ.url)));
      reasoning.push(
        `The request that ended the block: ${route(k)} started at ${at(k.occ.ts, true)}, as the silence began, and took ${formatMs(k.occ.responseTimeMs)} ` +
          'itself; it is the last to start of the requests in flight across it, and nothing starts while the loop is blocked, so it is the likely culprit: ' +
          `profile what its handler runs synchronously.${culprits.length > 1 ? ` Each block here ended with such a request (${[...same].join(', ')}).` : ''}`,
      );
      evidence.push(...cite([k], 1, () => `took ${formatMs(k.occ.responseTimeMs)}: the likely culprit`));
    }
    // What everyone else felt: requests on unrelated routes, callers' timeouts.
    // The culprit as a proxy in front logged it is the culprit too, not a request that waited.
    const sameAsCulprit = (it: Item): boolean =>
      it.sig === SLOW_RESPONSES && culprits.some((k) => k === it || (k.occ.url === it.occ.url && Math.abs(k.occ.ts! - (it.occ.ts ?? -Infinity)) <= NEAR_MS));
    const waited = got.all.filter((g) => isFailedRequest(g.item) && !sameAsCulprit(g.item)).map((g) => g.item);
    if (waited.length) {
      conf += OTHERS_WAITED;
      const slowOthers = waited.filter((x): x is Slow => x.sig === SLOW_RESPONSES);
      const routes = new Set(slowOthers.map((x) => routeShape(x.occ.url)));
      const timeouts = waited.filter((x) => x.sig === CALL_TIMEOUTS).length;
      const errors = waited.filter((x) => x.sig === HTTP_5XX_BURST).length;
      const bits: string[] = [];
      if (slowOthers.length) bits.push(`${n(slowOthers.length, 'request')}${routes.size > 1 ? ` on ${routes.size} routes` : ''} took up to ${formatMs(Math.max(...slowOthers.map((x) => x.occ.responseTimeMs)))}`);
      if (timeouts) bits.push(`${n(timeouts, 'call')} timed out at the callers`);
      if (errors) bits.push(`${n(errors, 'server error')} followed`);
      reasoning.push(`Meanwhile ${bits.join(', ')}: unrelated requests all waited together behind one callback, the signature of a blocked loop rather than a slow route or dependency.`);
      evidence.push(...cite(slowOthers.length ? [slowOthers.reduce((a, x) => (x.occ.responseTimeMs > a.occ.responseTimeMs ? x : a))] : waited, 1, () => 'waited behind the block'));
    }
    if (stopped.length) {
      conf = Math.min(conf, STOPPED_CAP);
      reasoning.push(`But top shows the process stopped (state T) at ${at(stopped[0]!.stopped[0]!.occ.ts)}, inside the silence: it was not running, so its loop was not blocked by its own work (see process-starvation).`);
    } else if (blocks.every((b) => b.throttled) && !busy.length) {
      conf = Math.min(conf, QUOTA_CAP);
      reasoning.push("But its cgroup held it to its CPU quota meanwhile: a loop that is not run reports the same delay, and the quota explains it (see process-starvation).");
    }
    if (got.explained.length) reasoning.push(explainsLine(got.explained));
    const dur = longest.window.to - longest.window.from;
    return {
      confidence: clamp01(conf),
      summary:
        `The event loop of ${longest.pid !== null ? `pid ${longest.pid}` : 'the Node process'} was blocked for ${formatMs(dur)}` +
        `${blocks.length > 1 ? ` (longest of ${blocks.length} blocks)` : ''} by synchronous work` +
        (culprits.length ? ` (likely ${route(culprits[0]!)})` : '') +
        '; every other request waited behind it.',
      reasoning,
      evidence,
    };
  },
};
