import type { EvidenceRef } from '../../model/evidence';
import type { FindingDraft } from '../../model/finding';
import { formatMs, plural } from '../../signatures/findings-from-hits';
import type { SilenceGap } from '../../signatures/log/log-silence-gap';
import { clamp01, type CauseContext, type CauseRule } from '../types';

const NEAR_MS = 2 * 60_000;
const iso = (ts: number | null | undefined) => (ts == null ? '?' : new Date(ts).toISOString().replace('.000Z', 'Z'));

interface Delta {
  ts: number | null;
  deltaMs: number;
  eventId: number;
}

/** Silences that end within two minutes of a starvation warning: the same freeze seen from two sides. */
function matchingGaps(deltas: readonly Delta[], gaps: readonly SilenceGap[]): SilenceGap[] {
  return gaps.filter((g) => deltas.some((d) => d.ts !== null && d.ts >= g.from && d.ts - g.to <= NEAR_MS));
}

export const processStarvation: CauseRule = {
  id: 'process-starvation',
  title: 'The process was frozen: the host did not run it (CPU starvation, swapping, pauses)',
  fix:
    'Treat it as a host problem: check CPU steal and cgroup throttling, co-located containers, memory and swap, VM suspension and GC ' +
    'pauses at the times of the freezes; give the service dedicated resources (fewer containers per instance, a larger instance, CPU ' +
    'requests/limits that match its needs). Do not grow the connection pool: pool timeouts during a freeze are a symptom.',
  references: ['https://github.com/brettwooldridge/HikariCP/issues/1951', 'https://github.com/brettwooldridge/HikariCP/issues/668'],
  assess(ctx: CauseContext) {
    const starv = ctx.of('hikari-starvation');
    const gaps = ctx.of('log-silence-gap').flatMap((f) => (f.data.gaps as SilenceGap[]) ?? []);
    if (starv.length === 0 && gaps.length === 0) return null;
    const deltas = starv.flatMap((f) => (f.data.deltas as Delta[]) ?? []);
    const maxDelta = Math.max(0, ...deltas.map((d) => d.deltaMs));
    const reasoning: string[] = [];
    const evidence: EvidenceRef[] = [];
    const used = ['hikari-starvation'];
    let conf = 0;

    if (starv.length) {
      conf = maxDelta >= 60_000 ? 0.6 : 0.5;
      reasoning.push(
        `HikariCP's housekeeper, scheduled every 30 s, ran up to ${formatMs(maxDelta)} late (${plural(deltas.length, 'warning')}): ` +
          'for that long no thread of the JVM got CPU time. A large housekeeper delta points at the host, not at the pool size.',
      );
      evidence.push(...starv.flatMap((f) => f.evidence).slice(0, 4));
    }
    const joined = starv.length ? matchingGaps(deltas, gaps) : gaps.filter((g) => g.durationMs >= 60_000);
    if (joined.length) {
      conf += starv.length ? 0.2 : 0.4;
      used.push('log-silence-gap');
      const g = joined.reduce((a, b) => (b.durationMs > a.durationMs ? b : a));
      const gapFinding = ctx.of('log-silence-gap').find((f) => (f.data.gaps as SilenceGap[]).includes(g));
      reasoning.push(
        `${String(gapFinding?.data.file ?? 'The log')} wrote nothing for ${formatMs(g.durationMs)} (${iso(g.from)} to ${iso(g.to)}) although it ` +
          `normally writes every ${formatMs(Number(gapFinding?.data.medianIntervalMs ?? 0))}` +
          (starv.length ? ', and the starvation warning came right after: the process was stopped, not merely slow.' : ': a stopped process goes quiet like this.'),
      );
      evidence.push(
        { fileId: g.fileId, line: g.beforeLine, ts: g.from, ref: `event:${g.beforeEventId}`, note: 'last line before the silence' },
        { fileId: g.fileId, line: g.afterLine, ts: g.to, ref: `event:${g.afterEventId}`, note: 'first line after the silence' },
      );
    }
    if (conf === 0) return null;
    // A stopped JVM and a long GC pause look the same from the application log; the GC log tells them apart.
    const freezes = [
      ...deltas.filter((d) => d.ts !== null).map((d) => ({ from: d.ts! - d.deltaMs, to: d.ts! })),
      ...joined.map((g) => ({ from: g.from, to: g.to })),
    ];
    const gc = ctx.of('gc-activity')[0];
    if (gc) {
      const long = (gc.data.longPauses as { ts: number; pauseMs: number; fileId: number; line: number; id: number }[]) ?? [];
      const overlapping = long.filter((p) => freezes.some((f) => p.ts <= f.to && p.ts + p.pauseMs >= f.from));
      const worst = overlapping.reduce<(typeof long)[number] | null>((a, b) => (!a || b.pauseMs > a.pauseMs ? b : a), null);
      const longestFreeze = Math.max(...freezes.map((f) => f.to - f.from), 0);
      used.push('gc-activity');
      if (worst && worst.pauseMs >= longestFreeze * 0.5) {
        conf = Math.min(conf, 0.4);
        reasoning.push(`But the GC log shows a ${formatMs(worst.pauseMs)} stop-the-world pause inside the freeze: garbage collection, not the host, stopped the threads (see gc-pressure).`);
        evidence.push({ fileId: worst.fileId, line: worst.line, ts: worst.ts, ref: `event:${worst.id}`, note: 'GC pause during the freeze' });
      } else {
        conf += 0.05;
        reasoning.push(
          `The GC log rules GC out: ${worst ? `its longest pause during the freezes was ${formatMs(worst.pauseMs)}` : 'no pause of 200 ms or more fell inside the freezes'} ` +
            `(${gc.summary.replace(/\.$/, '')}). The JVM was not collecting garbage; it was not being run.`,
        );
      }
    } else {
      reasoning.push('There is no GC log in the bundle, so a long GC pause cannot be ruled out; -Xlog:gc* (JDK 9+) or -XX:+PrintGCDetails would settle it.');
    }
    const timeouts = ctx.of('hikari-pool-timeout');
    const firstFreeze = Math.min(...deltas.map((d) => d.ts ?? Infinity), ...joined.map((g) => g.from));
    const after = timeouts.filter((t) => t.last !== null && t.last >= firstFreeze - NEAR_MS);
    if (after.length && starv.length) {
      conf += 0.1;
      used.push('hikari-pool-timeout');
      const maxWait = Math.max(...after.map((t) => Number(t.data.maxWaitMs) || 0));
      reasoning.push(
        `The ${plural(ctx.count('hikari-pool-timeout'), 'connection timeout')} came with the freezes (longest wait ${formatMs(maxWait)}` +
          `${maxWait > 60_000 ? ', far beyond any connectionTimeout: the clock kept running while the waiting thread could not' : ''}). ` +
          'Raising maximumPoolSize would not have prevented them.',
      );
      evidence.push(...after.flatMap((t) => t.evidence).slice(0, 2));
    }
    const validation = ctx.of('hikari-validation-failure');
    if (validation.length && starv.length) {
      used.push('hikari-validation-failure');
      reasoning.push(
        'While the process was frozen the database or the network closed its idle connections, so HikariCP found them dead on ' +
          'validation afterwards — a consequence of the freeze.',
      );
    }
    const saturated: FindingDraft[] = ctx.of('hikari-pool-saturated');
    if (saturated.length === 0 && starv.length) {
      reasoning.push('No pool statistics show all connections busy with threads waiting, which an undersized or leaking pool would.');
    }
    return {
      confidence: clamp01(conf),
      summary: starv.length
        ? `The JVM stopped getting CPU for up to ${formatMs(maxDelta)} at a time; timeouts and dead connections followed from the freezes.`
        : `A busy log stopped for ${formatMs(Math.max(...joined.map((g) => g.durationMs)))}: the process was likely not running.`,
      reasoning,
      findings: used,
      evidence,
    };
  },
};
