import type { FindingDraft } from '../../model/finding';
import { plural } from '../findings-from-hits';
import { drained, growth, isGrowing, snapEvidence, spanOccurrence, type Growth } from '../series';
import type { Signature } from '../types';
import { hostOf } from './fd-growth';

export const CLOSE_WAIT_ACCUMULATION = 'close-wait-accumulation';

/**
 * A pile-up seen once: at least this many CLOSE_WAIT sockets toward one peer in one snapshot. A few
 * CLOSE_WAIT sockets are normal for the moment between the peer's FIN and our close.
 */
const MIN_PILE = 10;
/** A growing series must add at least this many over its points (see isGrowing). */
const MIN_GROWTH = 5;

export interface CloseWaitData {
  peer: string;
  counts: { ts: number | null; count: number }[];
  growth: Growth;
  /** Rose across the snapshots and did not drain. */
  growing: boolean;
  process: string | null;
}

export const closeWaitAccumulation: Signature<typeof CLOSE_WAIT_ACCUMULATION, CloseWaitData> = {
  id: CLOSE_WAIT_ACCUMULATION,
  title: 'Sockets pile up in CLOSE_WAIT',
  severity: 'high',
  explanation:
    'CLOSE_WAIT means the peer closed its side of the connection and the kernel told our process so, but our process never called ' +
    'close(). Each one holds a descriptor until the process runs out. Many toward one peer mean the code that talks to that peer ' +
    'does not close connections when the other side hangs up (a missing close on error or EOF, a leaked client, an unread body).',
  fix:
    'Find the code path that owns connections to that peer and close them on EOF, on errors and on timeouts (try-with-resources, ' +
    '`defer resp.Body.Close()`, closing clients). A thread dump or goroutine dump taken at the same time shows who still holds them.',
  references: ['https://blog.cloudflare.com/this-is-strictly-a-violation-of-the-tcp-specification/', 'https://man7.org/linux/man-pages/man8/ss.8.html'],
  detect(ctx) {
    const rows = ctx.store.series.socketStates(ctx.bundleId).filter((r) => r.state === 'CLOSE_WAIT');
    const captures = new Map<string, ReturnType<typeof ctx.store.series.dumps>>();
    const byPeer = new Map<string, Map<number, { ref: (typeof rows)[number]; count: number }>>();
    for (const r of rows) {
      const key = `${r.kind}|${hostOf(r.remote)}`;
      const snaps = byPeer.get(key) ?? new Map();
      const cur = snaps.get(r.sid);
      snaps.set(r.sid, { ref: cur?.ref ?? r, count: (cur?.count ?? 0) + r.count });
      byPeer.set(key, snaps);
    }
    const findings: FindingDraft<CloseWaitData>[] = [];
    for (const [key, snaps] of byPeer) {
      const kind = key.split('|')[0]!;
      if (!captures.has(kind)) captures.set(kind, ctx.store.series.dumps(ctx.bundleId, kind));
      // Every capture of the same kind and process counts, as 0 when it saw none toward the peer: a pile-up that drained must show it.
      const pids = new Set(captures.get(kind)!.filter((c) => snaps.has(c.sid)).map((c) => c.pid));
      const all = captures.get(kind)!.filter((c) => snaps.has(c.sid) || pids.has(c.pid));
      const present = [...snaps.values()];
      const points = all.map((c) => ({ snap: c, count: snaps.get(c.sid)?.count ?? 0, ref: snaps.get(c.sid)?.ref ?? null }));
      const g = growth(points.map((p) => ({ t: p.snap.capturedAt, v: p.count })));
      const growing = isGrowing(g, MIN_GROWTH);
      if (g.max < MIN_PILE && !growing) continue;
      const peer = key.split('|')[1]!;
      const last = present.at(-1)!;
      const firstSeen = points.find((p) => p.count > 0)!;
      const lastSeen = [...points].reverse().find((p) => p.count > 0)!;
      const proc = last.ref.process ? ` held by ${last.ref.process}` : '';
      const counts = points.map((p) => p.count);
      findings.push({
        signature: this.id,
        // Drained by the last snapshot: our side did close them, late (often inbound clients that gave up on a slow answer).
        severity: growing || (g.max >= 100 && !drained(g)) ? 'high' : drained(g) ? 'low' : 'medium',
        title: `CLOSE_WAIT sockets toward ${peer}`,
        summary:
          `${plural(last.count, 'socket')} toward ${peer} in CLOSE_WAIT${proc}` +
          (counts.length > 1 ? ` (${counts.join(' → ')} across ${plural(counts.length, 'snapshot')})` : '') +
          (drained(g) ? ': they were closed later (a pile-up that drained).' : ': the peer closed, our side never did.'),
        first: firstSeen.snap.capturedAt,
        last: lastSeen.snap.capturedAt,
        count: g.max,
        data: { peer, counts: points.map((p) => ({ ts: p.snap.capturedAt, count: p.count })), growth: g, growing, process: last.ref.process },
        evidence: present.slice(-4).map((s) => snapEvidence(s.ref, s.ref.rowLine, `${s.count} in CLOSE_WAIT toward ${peer}`)),
        occurrences: [spanOccurrence(firstSeen.snap, lastSeen.snap, lastSeen.ref!.rowLine, null, `${g.max} in CLOSE_WAIT at most`)],
      });
    }
    return findings;
  },
};
