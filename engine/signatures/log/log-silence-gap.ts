import type { EvidenceRef } from '../../model/evidence';
import type { FindingDraft } from '../../model/finding';
import type { Occurrence } from '../../model/occurrence';
import { formatMs, plural } from '../findings-from-hits';
import type { Signature } from '../types';
import { silencesOf, witnesses, type Silence } from './silences';

export const LOG_SILENCE_GAP = 'log-silence-gap';

export interface LogSilenceData {
  file: string;
  fileId: number;
  /** The source's usual interval between writes (median over the file). */
  medianIntervalMs: number;
}

/** One silence: from the last line before (`ts`, `line`) to the first line after (`end`, `afterLine`). */
export interface SilenceOcc extends Occurrence, Omit<Silence, 'from' | 'to'> {
  end: number;
}

/** A silence this long fails requests that wait on it: common client and load-balancer timeouts start at 10 s. */
const HIGH_MS = 10_000;

export const logSilenceGap: Signature<typeof LOG_SILENCE_GAP, LogSilenceData, SilenceOcc> = {
  id: LOG_SILENCE_GAP,
  title: 'A busy log went silent',
  severity: 'medium',
  explanation:
    'A log that normally writes at a steady rate wrote nothing for far longer than that rate makes likely. A process that stops ' +
    'logging mid-traffic was usually not running: frozen (CPU starvation, swapping, stop-the-world GC, a suspended VM or ' +
    'container, SIGSTOP), hung on a lock, or dead and restarted. Requests that were in flight across the silence and a burst of ' +
    'lines right after it say the process was stopped with work waiting, not idle; other logs that kept writing say only this ' +
    'process stopped.',
  fix: 'Check what the host and the JVM/runtime did during the silence: GC log, system metrics (CPU steal, swap), container events, thread dumps.',
  references: ['https://github.com/brettwooldridge/HikariCP/issues/1951', 'https://en.wikipedia.org/wiki/Poisson_point_process'],
  detect(ctx) {
    const findings: FindingDraft<LogSilenceData, SilenceOcc>[] = [];
    for (const file of ctx.store.files.list(ctx.bundleId)) {
      if (file.status !== 'parsed') continue;
      const found = silencesOf(ctx.store, ctx.bundleId, file.id, ctx.streamed?.timesInLineOrder(file.id));
      if (!found || found.silences.length === 0) continue;
      const { silences, medianMs } = found;
      const longest = silences.reduce((x, y) => (y.durationMs > x.durationMs ? y : x));
      const evidence: EvidenceRef[] = silences.slice(0, 5).flatMap((g) => [
        { fileId: file.id, line: g.beforeLine, ts: g.from, ref: `event:${g.beforeEventId}`, note: `last line before ${formatMs(g.durationMs)} of silence` },
        { fileId: file.id, line: g.afterLine, ts: g.to, ref: `event:${g.afterEventId}`, note: 'first line after the silence' },
      ]);
      findings.push({
        signature: this.id,
        // Long and shown to be a stop with work waiting: users felt it. Otherwise it may be a lull.
        severity: silences.some((g) => g.durationMs >= HIGH_MS && witnesses(g).length > 0) ? 'high' : 'medium',
        title: `${file.path} went silent`,
        summary:
          `${file.path} usually writes every ${formatMs(medianMs)} but was silent ${plural(silences.length, 'time')}, longest ` +
          `${formatMs(longest.durationMs)} (at its rate just before, a silence that long has a chance of 1 in ` +
          `${odds(longest.chance)}).`,
        first: silences[0]!.from,
        last: silences.at(-1)!.to,
        count: silences.length,
        data: { file: file.path, fileId: file.id, medianIntervalMs: medianMs },
        evidence,
        occurrences: silences.map(({ from, to, ...g }) => ({
          ...g, ts: from, end: to, fileId: file.id, line: g.beforeLine, ref: `event:${g.beforeEventId}`, process: `file:${file.id}`,
        })),
      });
    }
    return findings;
  },
};

function odds(p: number): string {
  if (p <= 0) return 'more than 10^15';
  const n = 1 / p;
  if (n >= 1e15) return 'more than 10^15';
  return n >= 1e6 ? `10^${Math.floor(Math.log10(n))}` : Math.round(n).toLocaleString('en-US');
}
