import type { EvidenceRef } from '../../model/evidence';
import type { FindingDraft } from '../../model/finding';
import { formatMs, plural } from '../findings-from-hits';
import { percentile } from '../stats';
import type { Signature } from '../types';

/** A source is "busy" when half its records are at most this far apart. */
const BUSY_MEDIAN_MS = 10_000;
const MIN_RECORDS = 50;
/** A silence is at least this long, and this many times the source's usual 99th-percentile interval. */
const MIN_GAP_MS = 30_000;
const FACTOR = 20;

export interface SilenceGap {
  fileId: number;
  from: number;
  to: number;
  durationMs: number;
  beforeEventId: number;
  afterEventId: number;
  beforeLine: number;
  afterLine: number;
}

export const logSilenceGap: Signature = {
  id: 'log-silence-gap',
  title: 'A busy log went silent',
  severity: 'medium',
  explanation:
    'A log that normally writes every few seconds wrote nothing for far longer than its usual interval. A process that stops ' +
    'logging mid-traffic was usually not running: frozen (CPU starvation, swapping, stop-the-world GC, a suspended VM or ' +
    'container, SIGSTOP), hung on a lock, or dead and restarted. Compare the silence with the other logs of the bundle: if they ' +
    'kept writing, only this process stopped.',
  fix: 'Check what the host and the JVM/runtime did during the silence: GC log, system metrics (CPU steal, swap), container events, thread dumps.',
  references: ['https://github.com/brettwooldridge/HikariCP/issues/1951'],
  detect(ctx) {
    const findings: FindingDraft[] = [];
    for (const file of ctx.store.files.list(ctx.bundleId)) {
      if (file.status !== 'parsed' || file.records < MIN_RECORDS) continue;
      const t = ctx.store.events.timesInLineOrder(file.id);
      if (t.length < MIN_RECORDS) continue;
      const deltas = new Float64Array(t.length - 1);
      for (let i = 1; i < t.length; i++) deltas[i - 1] = Math.max(0, t.ts[i]! - t.ts[i - 1]!);
      const sorted = Float64Array.from(deltas).sort();
      const median = percentile(sorted, 50);
      if (median > BUSY_MEDIAN_MS) continue;
      const p99 = percentile(sorted, 99);
      const limit = Math.max(MIN_GAP_MS, FACTOR * p99);
      const gaps: SilenceGap[] = [];
      for (let i = 0; i < deltas.length; i++) {
        if (deltas[i]! < limit) continue;
        gaps.push({
          fileId: file.id, from: t.ts[i]!, to: t.ts[i + 1]!, durationMs: t.ts[i + 1]! - t.ts[i]!,
          beforeEventId: t.ids[i]!, afterEventId: t.ids[i + 1]!, beforeLine: t.lines[i]!, afterLine: t.lines[i + 1]!,
        });
      }
      if (gaps.length === 0) continue;
      const longest = gaps.reduce((x, y) => (y.durationMs > x.durationMs ? y : x));
      const evidence: EvidenceRef[] = gaps.slice(0, 5).flatMap((g) => [
        { fileId: file.id, line: g.beforeLine, ts: g.from, ref: `event:${g.beforeEventId}`, note: `last line before ${formatMs(g.durationMs)} of silence` },
        { fileId: file.id, line: g.afterLine, ts: g.to, ref: `event:${g.afterEventId}`, note: 'first line after the silence' },
      ]);
      findings.push({
        signature: this.id,
        severity: longest.durationMs >= 60_000 ? 'high' : 'medium',
        title: `${file.path} went silent`,
        summary: `${file.path} usually writes every ${formatMs(median)} (99% of intervals under ${formatMs(p99)}) but was silent ${plural(gaps.length, 'time')}, longest ${formatMs(longest.durationMs)}.`,
        first: gaps[0]!.from,
        last: gaps.at(-1)!.to,
        count: gaps.length,
        data: { file: file.path, fileId: file.id, medianIntervalMs: median, p99IntervalMs: p99, gaps: gaps.slice(0, 100) },
        evidence,
      });
    }
    return findings;
  },
};
