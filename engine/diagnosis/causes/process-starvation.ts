/**
 * The process was frozen: the host did not run it. Its own evidence: HikariCP's housekeeper waking
 * late and busy logs going silent with work in flight. It explains what failed in that process during
 * the freeze or right at its resume, and what other processes saw while it did not answer.
 */
import { formatMs } from '../../signatures/findings-from-hits';
import { GC_ACTIVITY } from '../../signatures/jvm/gc-activity';
import { HIKARI_BROKEN_CONNECTION } from '../../signatures/log/hikari-broken-connection';
import { HIKARI_POOL_SATURATED } from '../../signatures/log/hikari-pool-saturated';
import { HIKARI_POOL_TIMEOUT } from '../../signatures/log/hikari-pool-timeout';
import { HIKARI_STARVATION, HOUSEKEEPING_MS } from '../../signatures/log/hikari-starvation';
import { HIKARI_VALIDATION_FAILURE } from '../../signatures/log/hikari-validation-failure';
import { HIKARI_LEAK } from '../../signatures/log/hikari-leak';
import { DB_SESSION_TIMEOUTS } from '../../signatures/log/db-session-timeouts';
import { LOG_SILENCE_GAP, type SilenceOcc } from '../../signatures/log/log-silence-gap';
import { hadBacklog, witnesses } from '../../signatures/log/silences';
import type { EvidenceRef } from '../../model/evidence';
import { at, mergeWindows, overlaps, span as stretch, windowAt, windowBefore } from '../time';
import { PROCESS_CPU } from '../../signatures/os/process-cpu';
import { CPU_THROTTLING } from '../../signatures/os/cpu-throttling';
import { POOL_WAITERS } from '../../signatures/jvm/pool-waiters';
import { clamp01, STRENGTH, type CauseContextApi, type CauseRule, type Item, type ItemOf, type Link, type Window } from '../types';
import { AFTER_MS, cite, explainsLine, fromSource, n, sourcesOf, spans, timeLink, type Sources, isFailedRequest } from './helpers';

/**
 * A freeze this long outlasts HikariCP's own housekeeping period: pooled connections that were idle
 * across it are as good as dead to the server or a firewall, so their failure at the resume is the
 * freeze's doing.
 */
const LONG_FREEZE_MS = HOUSEKEEPING_MS;

interface State {
  sources: Sources;
  freezes: Window[];
  /** Stretches its cgroup was held to its CPU quota (see `heldToQuota`). */
  throttled: Window[];
  /**
   * The cgroup captures name no process (a `date` + `cat` loop prints no pid): whichever service logged
   * inside a held stretch may be the one in the cgroup, so its items are weighed as the cgroup's.
   */
  cgroupUnnamed: boolean;
}

/**
 * Throttled in most scheduling periods, with runnable threads held off the CPU at least half of the
 * time: every request waited for CPU as long as it ran or longer. Below that the quota clipped peaks
 * (a service near its limit is throttled in some periods every day) without stalling the work.
 */
const HELD_SHARE = 0.5;
const HELD_STALL = 0.5;
export function heldToQuota(t: ItemOf<typeof CPU_THROTTLING>): boolean {
  return t.occ.share >= HELD_SHARE && (t.occ.stallPerSecond === null || t.occ.stallPerSecond >= HELD_STALL);
}

/** A silence counts as a freeze when something shows the process had work it did not do (see `witnesses`). */
export function corroborated(o: SilenceOcc): boolean {
  return witnesses(o).length > 0;
}

/** %CPU (top's scale: 100 is one core) from which a process is busy, not starved: it got most of a core. */
const BUSY_CPU = 80;

/**
 * A pool timeout this much past its connectionTimeout: the waiting thread was not run when its deadline
 * came. A timed wait on a healthy JVM returns within milliseconds of its deadline; a second late is a stop.
 */
export const LATE_MS = 1000;

/** A timeout that woke late, as the stretch its thread could not run: from its deadline to when it logged. */
export function lateTimeouts(ctx: { items: CauseContextApi['items'] }): ItemOf<typeof HIKARI_POOL_TIMEOUT>[] {
  return ctx.items(HIKARI_POOL_TIMEOUT).filter((t) => (t.occ.overshootMs ?? 0) >= LATE_MS);
}

/**
 * What the process did while its cgroup held it to the quota. The pool filling, threads queuing for it
 * and timeouts across the stretch are the quota's doing when nothing else in the process is: threads
 * holding connections were runnable and not run. Slow answers there are in it.
 */
function throttledLink(s: State, it: Item): Link | null {
  if (s.throttled.length === 0 || (!s.cgroupUnnamed && !fromSource(it, s.sources))) return null;
  const t = it.occ.lineTs ?? it.occ.ts;
  const inside = windowAt(t, s.throttled) ?? windowBefore(t, s.throttled, AFTER_MS);
  if (it.sig === HIKARI_POOL_TIMEOUT) {
    const o = (it as ItemOf<typeof HIKARI_POOL_TIMEOUT>).occ;
    const start = o.ts !== null && o.waitMs > 0 ? o.ts - o.waitMs : null;
    if (start !== null && s.throttled.some((w) => start <= w.to && o.ts! >= w.from)) return { strength: STRENGTH.specific, reason: 'it waited while the cgroup was held to its CPU quota' };
  }
  if (!inside) return null;
  if (it.sig === HIKARI_POOL_SATURATED || it.sig === POOL_WAITERS) {
    return { strength: STRENGTH.specific, reason: 'the threads holding the connections were runnable but held off the CPU by the quota' };
  }
  return { strength: STRENGTH.inside, reason: 'it happened while the cgroup was held to its CPU quota' };
}

/** What top saw of the frozen process inside its freezes: stopped (state T), or busy on a core. */
function topDuring(freezes: readonly Item[], samples: readonly ItemOf<typeof PROCESS_CPU>[]): { stopped: ItemOf<typeof PROCESS_CPU>[]; busy: ItemOf<typeof PROCESS_CPU>[] } {
  const stopped: ItemOf<typeof PROCESS_CPU>[] = [];
  const busy: ItemOf<typeof PROCESS_CPU>[] = [];
  for (const f of freezes) {
    const from = f.occ.ts;
    const to = f.occ.end ?? f.occ.ts;
    if (from === null || to === null) continue;
    const pid = pidOf(f);
    // Only the frozen process's own rows: a pid the log prints. Another process's CPU says nothing of this one.
    if (pid === null) continue;
    const mine = samples.filter((s) => s.occ.ts !== null && s.occ.ts > from && s.occ.ts < to && s.occ.pid === pid);
    for (const s of mine) {
      if (s.occ.state === 'T' || s.occ.state === 't') stopped.push(s);
      else if ((s.occ.cpu ?? 0) >= BUSY_CPU) busy.push(s);
    }
  }
  return { stopped, busy };
}

function pidOf(it: Item): number | null {
  if (it.sig === LOG_SILENCE_GAP) return it.occ.pid;
  const m = /^pid:(\d+)$/.exec(it.occ.process ?? '');
  return m ? Number(m[1]) : null;
}

/** A silence alone: possible. Each independent witness that the process was stopped with work waiting adds to it. */
const SILENCE_BASE = 0.3;
/** Late timeouts alone: possible (a GC pause stops threads too); with the GC log ruling GC out they are the conclusion (+0.05). */
const LATE_ALONE = 0.45;
/** A process seen busy during its silence was not starved: at most a possibility (something else may have stopped it too). */
const BUSY_CONFIDENCE = 0.3;
/** Held to its cgroup's quota, seen in cpu.stat itself: the kernel's own account of the starvation. */
const HELD_ALONE = 0.5;
/** Throttled in some periods only: possible at most. */
const CLIPPED = 0.25;
/** Each independent witness adds this much: two of the three take a silence to the conclusion (0.3 + 2 × 0.15 = 0.6). */
const PER_WITNESS = 0.15;


export const processStarvation: CauseRule<State> = {
  id: 'process-starvation',
  title: 'The process was frozen: the host did not run it (CPU starvation, swapping, pauses)',
  fix:
    'Treat it as a host problem: check CPU steal and cgroup throttling, co-located containers, memory and swap, VM suspension and GC ' +
    'pauses at the times of the freezes; give the service dedicated resources (fewer containers per instance, a larger instance, CPU ' +
    'requests/limits that match its needs). Do not grow the connection pool: pool timeouts during a freeze are a symptom.',
  references: ['https://github.com/brettwooldridge/HikariCP/issues/1951', 'https://github.com/brettwooldridge/HikariCP/issues/668'],

  candidates(ctx) {
    const late = lateTimeouts(ctx);
    const throttles = ctx.items(CPU_THROTTLING);
    const own: Item[] = [...ctx.items(HIKARI_STARVATION), ...ctx.items(LOG_SILENCE_GAP), ...late, ...throttles];
    if (own.length === 0) return [];
    const freezes = mergeWindows([
      ...spans([...ctx.items(HIKARI_STARVATION), ...ctx.items(LOG_SILENCE_GAP)]),
      ...late.flatMap((t) => (t.occ.ts === null ? [] : [{ from: t.occ.ts - t.occ.overshootMs!, to: t.occ.ts }])),
    ]);
    const throttled = spans(throttles.filter(heldToQuota));
    const corroboratedSilence = ctx.items(LOG_SILENCE_GAP).some((it) => corroborated(it.occ));
    const strong = ctx.items(HIKARI_STARVATION).length || corroboratedSilence || late.length || throttled.length;
    const cgroupUnnamed = throttled.length > 0 && throttles.every((t) => !t.occ.process);
    return [{ own, windows: mergeWindows([...freezes, ...throttled]), prior: strong ? 0.6 : 0.3, state: { sources: sourcesOf(own), freezes, throttled, cgroupUnnamed } }];
  },

  explains(c, it) {
    const { freezes, sources } = c.state;
    const t = it.occ.lineTs ?? it.occ.ts;
    const quota = throttledLink(c.state, it);
    if (quota) return quota;
    // Logged at the resume: inside the freeze's span (its last moment) or within seconds after it.
    const resumed = windowAt(t, freezes) ?? windowBefore(t, freezes, AFTER_MS);
    if (fromSource(it, sources)) {
      if (it.sig === HIKARI_POOL_TIMEOUT) {
        const o = (it as ItemOf<typeof HIKARI_POOL_TIMEOUT>).occ;
        const start = o.ts !== null && o.waitMs > 0 ? o.ts - o.waitMs : null;
        // Only a timeout that woke late (or whose deadline is unknown) says its thread was not run: one that
        // fired on time across a short quiet spell had a running process waiting for a connection.
        const onTime = o.overshootMs !== null && o.overshootMs !== undefined && o.overshootMs < LATE_MS;
        if (!onTime && start !== null && freezes.some((w) => start <= w.to && o.ts! >= w.to)) return { strength: STRENGTH.specific, reason: 'its wait spans the freeze' };
      }
      if ((it.sig === HIKARI_VALIDATION_FAILURE || it.sig === HIKARI_BROKEN_CONNECTION) && resumed && resumed.to - resumed.from >= LONG_FREEZE_MS) {
        return { strength: STRENGTH.specific, reason: `it failed as the process resumed from a ${formatMs(resumed.to - resumed.from)} freeze` };
      }
      if (it.sig === HIKARI_POOL_SATURATED && resumed) return { strength: STRENGTH.specific, reason: 'the pool was full at the resume, with the threads the freeze had queued' };
      if (it.sig === HIKARI_LEAK && resumed) return { strength: STRENGTH.specific, reason: 'the connection was held across the freeze' };
      return timeLink(it, freezes, sources, 'the freeze');
    }
    // The database closing idle sessions during the freeze: the freeze let them idle past its timeout.
    if (it.sig === DB_SESSION_TIMEOUTS && freezes.some((w) => overlaps(it.occ, w))) return { strength: STRENGTH.specific, reason: 'the database closed sessions the frozen process could not use' };
    // Another process waiting on this one while it was frozen.
    if (isFailedRequest(it) && [...freezes, ...c.state.throttled].some((w) => overlaps(it.occ, w))) {
      return { strength: STRENGTH.after, reason: 'it was in flight while a process it may depend on was frozen' };
    }
    return null;
  },

  conclude(c, got, ctx) {
    const warnings = got.of(HIKARI_STARVATION);
    const silences = got.of(LOG_SILENCE_GAP);
    const late = got.own.filter((it): it is ItemOf<typeof HIKARI_POOL_TIMEOUT> => it.sig === HIKARI_POOL_TIMEOUT);
    const throttles = got.of(CPU_THROTTLING);
    const quotaHeld = throttles.filter(heldToQuota);
    if (warnings.length === 0 && silences.length === 0 && late.length === 0 && throttles.length === 0) return null;
    const reasoning: string[] = [];
    const evidence: EvidenceRef[] = [];
    let conf = 0;
    const maxDelta = Math.max(0, ...warnings.map((w) => w.occ.deltaMs));
    if (warnings.length) {
      conf = maxDelta >= 60_000 ? 0.6 : 0.5;
      reasoning.push(
        `HikariCP's housekeeper, scheduled every 30 s, ran up to ${formatMs(maxDelta)} late (${n(warnings.length, 'warning')}): ` +
          'for that long no thread of the JVM got CPU time. A large housekeeper delta points at the host, not at the pool size.',
      );
      evidence.push(...cite(warnings, 3, (w) => `housekeeper ${formatMs((w as ItemOf<typeof HIKARI_STARVATION>).occ.deltaMs)} late`));
    }
    const held = silences.filter((s) => corroborated(s.occ));
    if (silences.length) {
      const longest = silences.reduce((a, b) => (b.occ.durationMs > a.occ.durationMs ? b : a));
      const o = longest.occ;
      const f = longest.finding;
      conf += warnings.length ? 0.2 : SILENCE_BASE + PER_WITNESS * witnesses(o).length;
      const why: string[] = [];
      if (o.inFlight) why.push(`${n(o.inFlight, 'request')} logged after it had been in flight across it${o.inFlightLongest ? ` (up to ${formatMs(o.inFlightLongest.ms)})` : ''}`);
      if (hadBacklog(o)) why.push(`${o.resumeLines} lines in the first second after it, against about ${Math.max(1, Math.round(o.resumeExpected))} usually`);
      if (witnesses(o).includes('others-wrote')) why.push(`${n(o.othersWriting, 'other log')} kept writing meanwhile`);
      reasoning.push(
        `${f.data.file} wrote nothing for ${formatMs(o.durationMs)} (${stretch(o.ts, o.end)}) although it writes about ` +
          `${o.rateBefore.toFixed(o.rateBefore < 10 ? 1 : 0)} lines a second` +
          (why.length ? `; ${why.join('; ')}: the process was stopped with work waiting, not idle.` : ': a stopped process goes quiet like this, though nothing shows it had work waiting.') +
          (warnings.length ? ' The housekeeper warning came right after: the same freeze seen from two sides.' : ''),
      );
      evidence.push(
        { fileId: o.fileId, line: o.beforeLine, ts: o.ts, ref: `event:${o.beforeEventId}`, note: 'last line before the silence' },
        { fileId: o.fileId, line: o.afterLine, ts: o.end, ref: `event:${o.afterEventId}`, note: 'first line after the silence' },
      );
      if (o.inFlightLongest) evidence.push({ fileId: o.fileId, line: o.inFlightLongest.line, ts: null, ref: `event:${o.inFlightLongest.eventId}`, note: 'in flight across the silence' });
    }
    if (late.length) {
      const worst = late.reduce((a, b) => ((b.occ.overshootMs ?? 0) > (a.occ.overshootMs ?? 0) ? b : a));
      const f = worst.finding.data;
      conf += warnings.length || silences.length ? 0.1 : LATE_ALONE;
      reasoning.push(
        `${n(late.length, 'pool timeout')} fired up to ${formatMs(worst.occ.overshootMs!)} after ${f.timeoutSource === 'configuration' ? 'the configured' : 'the'} ` +
          `connectionTimeout of ${formatMs(f.timeoutMs!)}${f.timeoutSource && f.timeoutSource !== 'configuration' ? ` (${f.timeoutSource})` : ''}: ` +
          'HikariCP wakes a waiting thread at its deadline, so for that long the thread was not run — the process was starved or stopped, not only short of connections.',
      );
      evidence.push(...cite([worst], 1, () => `${formatMs(worst.occ.overshootMs!)} past connectionTimeout`));
    }
    if (throttles.length) {
      const worst = throttles.reduce((a, b) => (b.occ.throttled > a.occ.throttled ? b : a));
      const o = worst.occ;
      const other = warnings.length || silences.length || late.length;
      conf += quotaHeld.length ? (other ? 0.15 : HELD_ALONE) : other ? 0 : CLIPPED;
      const used = o.usedCores !== null && o.quotaCores !== null ? ` and used ${o.usedCores.toFixed(o.usedCores < 0.1 ? 3 : 2)} of them` : '';
      reasoning.push(
        `The cgroup${o.cgroup && o.cgroup !== '/' ? ` ${o.cgroup}` : ''}${o.pid !== null ? ` of pid ${o.pid}` : ''} was throttled in ${o.throttled} of ${o.periods} scheduling periods ` +
          `(${Math.round(o.share * 100)} %) in ${stretch(o.ts, o.end)}${o.quotaCores !== null ? `; its CPU quota was ${o.quotaCores} ${o.quotaCores === 1 ? 'core' : 'cores'}${used}` : ''}` +
          (quotaHeld.length
            ? `: runnable threads waited for the next period instead of running (${n(quotaHeld.length, 'stretch', 'stretches')} like this between captures). The limit starved the process, not its own work or the database.`
            : ': the quota clipped its peaks without holding it to the limit, which alone does not stall a service.'),
      );
      evidence.push(...cite([...quotaHeld, ...throttles.filter((t) => !quotaHeld.includes(t))], 2, (t) => `${(t as ItemOf<typeof CPU_THROTTLING>).occ.throttled} of ${(t as ItemOf<typeof CPU_THROTTLING>).occ.periods} periods throttled`));
      const full = [...got.of(HIKARI_POOL_SATURATED), ...got.of(POOL_WAITERS)];
      if (quotaHeld.length && full.length) {
        conf += 0.1;
        reasoning.push(
          `The pool was full inside those stretches (${n(full.length, 'observation')}): its connections were held by threads that were runnable but not run, ` +
            'so growing the pool or tuning queries would not have helped.',
        );
      }
    }
    // A stopped JVM and a long GC pause look the same from the application log; the GC log tells them apart.
    const gc = ctx.items(GC_ACTIVITY);
    const freezes = [...warnings, ...silences];
    const stops: Window[] = [
      ...freezes.flatMap((f) => (f.occ.ts === null ? [] : [{ from: f.occ.ts, to: f.occ.end ?? f.occ.ts }])),
      ...late.flatMap((t) => (t.occ.ts === null ? [] : [{ from: t.occ.ts - t.occ.overshootMs!, to: t.occ.ts }])),
    ];
    const longestFreeze = Math.max(0, ...stops.map((w) => w.to - w.from));
    if (gc.length) {
      const during = gc.filter((p) => stops.some((w) => overlaps(p.occ, w)));
      const worst = during.reduce<(typeof gc)[number] | null>((a, b) => (!a || b.occ.pauseMs > a.occ.pauseMs ? b : a), null);
      if (worst && worst.occ.pauseMs >= longestFreeze * 0.5) {
        conf = Math.min(conf, 0.4);
        reasoning.push(`But the GC log shows a ${formatMs(worst.occ.pauseMs)} stop-the-world pause inside the freeze: garbage collection, not the host, stopped the threads (see gc-pressure).`);
      } else {
        conf += 0.05;
        reasoning.push(
          `The GC log rules GC out: ${worst ? `its longest pause during the freezes was ${formatMs(worst.occ.pauseMs)}` : 'no pause fell inside the freezes'} ` +
            `(${n(gc.length, 'pause')} in the log). The JVM was not collecting garbage; it was not being run.`,
        );
      }
    } else if (warnings.length || late.length) {
      reasoning.push('There is no GC log in the bundle, so a long GC pause cannot be ruled out; -Xlog:gc* (JDK 9+) or -XX:+PrintGCDetails would settle it.');
    }
    // top inside the freeze settles it: a stopped process was stopped; a process on a full core was busy, not starved.
    // Logs that went quiet at the same time are the same event (a proxy waits on its stuck upstream): what top saw of
    // any of them counts for all.
    const together = ctx.items(LOG_SILENCE_GAP).filter((x) => !freezes.includes(x) && freezes.some((f) => overlaps(x.occ, { from: f.occ.ts ?? 0, to: f.occ.end ?? f.occ.ts ?? 0 })));
    const seen = topDuring([...freezes, ...together], ctx.items(PROCESS_CPU));
    if (seen.stopped.length) {
      conf += 0.1;
      const s = seen.stopped[0]!;
      reasoning.push(`top shows the process (pid ${s.occ.pid}) stopped (state T) at ${at(s.occ.ts)}, inside the freeze: it was not being run.`);
      evidence.push(...cite(seen.stopped, 1, () => 'stopped during the freeze'));
    } else if (seen.busy.length && quotaHeld.length === 0) {
      // A process held to its quota is busy by definition: the cap is for one burning a core of its own accord.
      conf = Math.min(conf, BUSY_CONFIDENCE);
      const b = seen.busy.reduce((x, y) => ((y.occ.cpu ?? 0) > (x.occ.cpu ?? 0) ? y : x));
      reasoning.push(
        `But top shows the process (pid ${b.occ.pid}) at ${b.occ.cpu}% CPU at ${at(b.occ.ts)}, inside the silence: it was running, busy with its own ` +
          'work, not starved by the host. A thread dump (or a CPU profile) taken during such a stretch shows what it ran.',
      );
      evidence.push(...cite([b], 1, () => 'busy during the silence'));
    }
    // Timeouts not already told as late ones above.
    const timeouts = got.of(HIKARI_POOL_TIMEOUT).filter((t) => !late.includes(t));
    if (timeouts.length) {
      conf += 0.1;
      const maxWait = Math.max(0, ...timeouts.map((t) => t.occ.waitMs));
      reasoning.push(
        `${n(timeouts.length, 'request')} timed out waiting for a pool connection across the freezes (longest wait ${formatMs(maxWait)}` +
          `${maxWait > 60_000 ? ', far beyond any connectionTimeout: the clock kept running while the waiting thread could not' : ''}). ` +
          'Raising maximumPoolSize would not have prevented them.',
      );
      evidence.push(...cite(timeouts, 2, () => 'timed out across the freeze'));
    }
    const dead = [...got.of(HIKARI_VALIDATION_FAILURE), ...got.of(HIKARI_BROKEN_CONNECTION)];
    if (dead.length) {
      const server = got.of(DB_SESSION_TIMEOUTS).length;
      reasoning.push(
        `${n(dead.length, 'pooled connection')} failed at the resume: while the process was frozen its idle connections were closed` +
          (server ? ` (the database's own log shows ${n(server, 'session')} ended for idling during the freezes)` : ' by the database or the network') +
          ', so they were found dead afterwards — a consequence of the freeze.',
      );
      evidence.push(...cite(dead, 1, () => 'dead at the resume'));
    }
    const others = got.all.filter((g) => !fromSource(g.item, c.state.sources) && g.item.sig !== DB_SESSION_TIMEOUTS);
    if (others.length) {
      const frozen = warnings.length || silences.length || late.length;
      reasoning.push(`${n(others.length, 'slow or failed request')} in other services happened while this process was ${frozen ? 'frozen' : 'held to its quota'}.`);
    }
    // Requests that failed or crawled inside the stretches the quota held the process: what users felt of it,
    // whichever process logged them (a cgroup captured without a pid cannot be tied to one log).
    const felt = quotaHeld.length ? got.all.filter((g) => isFailedRequest(g.item) && c.state.throttled.some((w) => overlaps(g.item.occ, w))) : [];
    if (felt.length) conf += 0.1;
    if (got.explained.length) reasoning.push(explainsLine(got.explained));
    if (!got.of(HIKARI_POOL_SATURATED).length && warnings.length && !ctx.has(HIKARI_POOL_SATURATED)) {
      reasoning.push('No pool statistics show all connections busy with threads waiting outside the freezes, which an undersized or leaking pool would.');
    }
    const longest = Math.max(maxDelta, ...silences.map((s) => s.occ.durationMs));
    return {
      confidence: clamp01(conf),
      summary: warnings.length
        ? `The JVM stopped getting CPU for up to ${formatMs(maxDelta)} at a time; ${timeouts.length || dead.length ? 'timeouts and dead connections followed from the freezes' : 'everything it did stopped with it'}.`
        : quotaHeld.length && !silences.length
          ? `Its cgroup held the process to ${quotaHeld[0]!.occ.quotaCores !== null ? `a CPU quota of ${quotaHeld[0]!.occ.quotaCores} cores` : 'its CPU quota'}: ` +
            `threads waited for CPU in up to ${Math.round(Math.max(...quotaHeld.map((h) => h.occ.share)) * 100)} % of the scheduling periods.`
          : silences.length
          ? `${silences[0]!.finding.data.file} stopped for ${formatMs(longest)}${held.length ? ' with work waiting' : ''}: its process was not running.`
          : `Threads waiting on the pool were not run for up to ${formatMs(Math.max(...late.map((t) => t.occ.overshootMs ?? 0)))} after their deadline: the process was starved or stopped.`,
      reasoning,
      evidence,
    };
  },
};
