import type { FindingDraft } from '../../model/finding';
import { plural } from '../findings-from-hits';
import { growth, snapEvidence } from '../series';
import type { Signature } from '../types';
import { hostOf } from './fd-growth';

/** A pile-up: at least this many CLOSE_WAIT sockets toward one peer in one snapshot. */
const MIN_PILE = 10;

export const closeWaitAccumulation: Signature = {
  id: 'close-wait-accumulation',
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
    const byPeer = new Map<string, Map<number, { ref: (typeof rows)[number]; count: number }>>();
    for (const r of rows) {
      const key = `${r.kind}|${hostOf(r.remote)}`;
      const snaps = byPeer.get(key) ?? new Map();
      const cur = snaps.get(r.sid);
      snaps.set(r.sid, { ref: cur?.ref ?? r, count: (cur?.count ?? 0) + r.count });
      byPeer.set(key, snaps);
    }
    const findings: FindingDraft[] = [];
    for (const [key, snaps] of byPeer) {
      const series = [...snaps.values()];
      const g = growth(series.map((s) => ({ t: s.ref.capturedAt, v: s.count })));
      const growing = g.points >= 3 && g.delta >= 5 && g.last > g.first;
      if (g.max < MIN_PILE && !growing) continue;
      const peer = key.split('|')[1]!;
      const last = series.at(-1)!;
      const proc = last.ref.process ? ` held by ${last.ref.process}` : '';
      findings.push({
        signature: this.id,
        severity: g.max >= 100 || growing ? 'high' : 'medium',
        title: `CLOSE_WAIT sockets toward ${peer}`,
        summary:
          `${plural(last.count, 'socket')} toward ${peer} in CLOSE_WAIT${proc}` +
          (series.length > 1 ? ` (${series.map((s) => s.count).join(' → ')} across ${plural(series.length, 'snapshot')})` : '') +
          ': the peer closed, our side never did.',
        first: series[0]!.ref.capturedAt,
        last: last.ref.capturedAt,
        count: g.max,
        data: { peer, counts: series.map((s) => ({ ts: s.ref.capturedAt, count: s.count })), growth: g, process: last.ref.process },
        evidence: series.slice(-4).map((s) => snapEvidence(s.ref, s.ref.rowLine, `${s.count} in CLOSE_WAIT toward ${peer}`)),
      });
    }
    return findings;
  },
};
