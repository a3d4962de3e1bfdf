import type { EvidenceRef } from '../../model/evidence';
import { formatMs, plural } from '../findings-from-hits';
import type { Signature } from '../types';
import { gcPauses, pauseOccurrence, type PauseOcc } from './gc-pauses';

export const GC_ACTIVITY = 'gc-activity';

export interface GcActivityData {
  pauses: number;
  maxPauseMs: number;
  totalPauseMs: number;
}

/**
 * Not a problem in itself: records that a GC log is in the bundle and what it says, so that root-cause
 * rules can rule GC in or out for a freeze (a starved JVM and a GC pause look alike from the app log).
 */
export const gcActivity: Signature<typeof GC_ACTIVITY, GcActivityData, PauseOcc> = {
  id: GC_ACTIVITY,
  title: 'Garbage collection in the GC log',
  severity: 'info',
  explanation:
    'The GC log records every stop-the-world pause. During a pause no application thread runs, so a long pause looks like a ' +
    'frozen process in the application log. When the GC log shows only short pauses at the time of a freeze, GC did not cause it.',
  fix: 'Nothing to fix by itself; compare the pauses with the freezes and timeouts.',
  references: ['https://docs.oracle.com/en/java/javase/17/gctuning/garbage-first-g1-garbage-collector1.html'],
  detect(ctx) {
    const pauses = gcPauses(ctx);
    if (pauses.length === 0) return [];
    const longest = pauses.reduce((a, b) => (b.pauseMs > a.pauseMs ? b : a));
    const total = pauses.reduce((s, p) => s + p.pauseMs, 0);
    const evidence: EvidenceRef[] = [{ fileId: longest.fileId, line: longest.endLine, ts: longest.ts, ref: `event:${longest.id}`, note: 'longest pause' }];
    return [
      {
        signature: this.id,
        severity: 'info',
        title: this.title,
        summary: `${plural(pauses.length, 'GC pause')}, longest ${formatMs(longest.pauseMs)}, ${formatMs(total)} in total.`,
        first: pauses[0]!.ts,
        last: pauses.at(-1)!.ts,
        count: pauses.length,
        data: { pauses: pauses.length, maxPauseMs: longest.pauseMs, totalPauseMs: total },
        evidence,
        occurrences: pauses.slice(0, 20_000).map(pauseOccurrence),
      },
    ];
  },
};
