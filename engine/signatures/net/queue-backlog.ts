import type { FindingDraft } from '../../model/finding';
import type { QueuePoint } from '../../store/snapshot-queries';
import { snapEvidence, spanOccurrence } from '../series';
import type { Signature } from '../types';
import { longestRun, type ConnSeries } from './queue-series';

/** Three consecutive snapshots with data queued: one or two are a reader caught between two reads. */
const MIN_RUN = 3;
/** A backlog worth reporting: kilobytes queued (more than a few messages), or the same on several connections. */
const MIN_BYTES = 1024;
const MIN_CONNECTIONS = 3;

export interface QueueBacklogData {
  owner: string;
  process: string | null;
  connections: { local: string; remote: string; values: number[]; times: (number | null)[] }[];
  maxBytes: number;
}

export interface StalledConn {
  local: string;
  remote: string;
  process: string | null;
  run: QueuePoint[];
  max: number;
}

/**
 * Connections whose queue stays above zero for ≥ 3 consecutive snapshots and ends higher than it
 * started, grouped by the endpoint that owns the problem (`ownerOf`). One finding per owner.
 */
export function queueBacklogFindings<Id extends string>(
  sig: Signature<Id, QueueBacklogData>,
  series: readonly ConnSeries[],
  value: (q: QueuePoint) => number,
  ownerOf: (s: ConnSeries) => string,
  describe: (owner: string, conns: number, worst: StalledConn) => Pick<FindingDraft, 'title' | 'summary'>,
): FindingDraft<QueueBacklogData>[] {
  const byOwner = new Map<string, StalledConn[]>();
  for (const s of series) {
    const run = longestRun(s, value);
    if (run.length < MIN_RUN) continue;
    const first = value(run[0]!);
    const last = value(run.at(-1)!);
    if (last <= first) continue;
    const stalled: StalledConn = { local: s.local, remote: s.remote, process: s.process, run, max: Math.max(...run.map(value)) };
    const owner = ownerOf(s);
    const list = byOwner.get(owner);
    if (list) list.push(stalled);
    else byOwner.set(owner, [stalled]);
  }
  return [...byOwner.entries()].filter(([, conns]) => conns.length >= MIN_CONNECTIONS || conns.some((c) => c.max >= MIN_BYTES)).map(([owner, conns]) => {
    const worst = conns.reduce((a, b) => (b.max > a.max ? b : a));
    const d = describe(owner, conns.length, worst);
    return {
      signature: sig.id,
      severity: sig.severity,
      ...d,
      first: worst.run[0]!.capturedAt,
      last: worst.run.at(-1)!.capturedAt,
      count: conns.length,
      data: {
        owner,
        process: worst.process,
        connections: conns.slice(0, 20).map((c) => ({ local: c.local, remote: c.remote, values: c.run.map(value), times: c.run.map((p) => p.capturedAt) })),
        maxBytes: worst.max,
      },
      evidence: worst.run.slice(-4).map((p) => snapEvidence(p, p.rowLine, `${value(p).toLocaleString('en-US')} bytes queued ${p.local} → ${p.remote}`)),
      occurrences: [spanOccurrence(worst.run[0]!, worst.run.at(-1)!, worst.run.at(-1)!.rowLine, worst.run.at(-1)!.pid, `up to ${worst.max} bytes queued`)],
    };
  });
}
