/**
 * Descriptor leaks told apart by kind, on findings built in memory: growth carried by files is file-leak's
 * and its EMFILE errors with it; growth carried by sockets (files flat) stays socket-leak's; a CLOSE_WAIT
 * pile-up that appears once a file leak has filled the table is its consequence, one there before is not.
 */
import { describe, expect, it } from 'vitest';
import type { FindingDraft } from '../model/finding';
import type { FdGrowthData } from '../signatures/net/fd-growth';
import type { CloseWaitData } from '../signatures/net/close-wait-accumulation';
import { growth } from '../signatures/series';
import { diagnose } from './diagnose';

const T = Date.UTC(2026, 11, 7, 15, 39, 0);
const S = 1000;
const busy = (from: number, to: number) => Math.floor((to - from) / 100);

/** Descriptor counts every 15 s, with the first and last count per kind and the growing target or peer. */
function fdGrowth(counts: number[], kinds: Record<string, [number, number]>, extra: Partial<FdGrowthData> = {}): FindingDraft {
  const pts = counts.map((count, i) => ({ ts: T + i * 15 * S, count }));
  const g = growth(pts.map((p) => ({ t: p.ts, v: p.count })));
  const byKind = Object.entries(kinds).map(([key, [first, last]]) => ({ key, first, last })).sort((a, b) => b.last - b.first - (a.last - a.first));
  const top = byKind[0];
  const data: FdGrowthData = {
    pid: 4242, command: 'ingestd', counts: pts, growth: g, limit: 512, limitSource: 'limits', minutesToLimit: null,
    byType: [], byPeer: [], growingPeer: null, peerStates: null, growingType: null,
    byKind, leakKind: top && top.last - top.first > g.delta / 2 ? (top.key as FdGrowthData['leakKind']) : null,
    byTarget: [], growingTarget: null, codePath: null, ...extra,
  };
  return {
    signature: 'fd-growth', severity: 'critical', title: 'fd', summary: 'fd', first: pts[0]!.ts, last: pts.at(-1)!.ts, count: g.last, data: { ...data },
    evidence: [], occurrences: [{ ts: pts[0]!.ts, end: pts.at(-1)!.ts, lineTs: pts.at(-1)!.ts, fileId: 1, line: 14, process: 'pid:4242' }],
  };
}

function emfile(at: number[]): FindingDraft {
  return {
    signature: 'node-emfile', severity: 'critical', title: 'emfile', summary: 'emfile', first: at[0]!, last: at.at(-1)!, count: at.length,
    data: { syscalls: {} }, evidence: [], occurrences: at.map((ts, i) => ({ ts, fileId: 2, line: 500 + i, process: 'file:2', syscall: null })),
  };
}

/** CLOSE_WAIT counts in ss captures every 15 s from `from`. */
function closeWait(from: number, counts: number[]): FindingDraft {
  const pts = counts.map((count, i) => ({ ts: from + i * 15 * S, count }));
  const g = growth(pts.map((p) => ({ t: p.ts, v: p.count })));
  const seen = pts.filter((p) => p.count > 0);
  return {
    signature: 'close-wait-accumulation', severity: 'high', title: 'cw', summary: `${g.last} sockets toward 127.0.0.1 in CLOSE_WAIT: the peer closed, our side never did.`,
    first: seen[0]!.ts, last: seen.at(-1)!.ts, count: g.max, data: { ...({ peer: '127.0.0.1', counts: pts, growth: g, growing: true, process: null } satisfies CloseWaitData) },
    evidence: [], occurrences: [{ ts: seen[0]!.ts, end: seen.at(-1)!.ts, lineTs: seen.at(-1)!.ts, fileId: 3, line: 10 }],
  };
}

const FILES = fdGrowth([10, 114, 214, 314, 409, 498, 512, 512, 512, 512], { file: [5, 505], socket: [1, 3], pipe: [2, 2], anon: [1, 1] }, {
  byTarget: [{ key: '/data/journal/acme.ndjson', first: 0, last: 375 }], growingTarget: '/data/journal/acme.ndjson',
});
const SOCKETS = fdGrowth([11, 25, 40, 56, 73, 93, 114, 129], { socket: [2, 120], file: [5, 5], pipe: [2, 2], anon: [1, 1] }, {
  byPeer: [{ key: '127.0.0.1:38151', first: 0, last: 119 }], growingPeer: '127.0.0.1:38151', peerStates: { ESTABLISHED: 119 },
});
const FULL = T + 6 * 15 * S; // the files' table is at its limit from the seventh snapshot

describe('descriptor leaks by kind', () => {
  it('calls growth carried by files a file leak, with the EMFILE errors, and the CLOSE_WAIT pile-up after the table filled its consequence', () => {
    const d = diagnose([FILES, emfile([FULL - 10 * S, FULL + 5 * S, FULL + 30 * S]), closeWait(T, [0, 0, 0, 0, 0, 0, 0, 5, 13, 19, 28])], busy);
    const ranked = d.rootCauses.map((c) => c.cause);
    expect(ranked[0]).toBe('file-leak');
    expect(ranked).not.toContain('socket-leak');
    const fl = d.rootCauses[0]!;
    expect(fl.findings).toEqual(expect.arrayContaining(['fd-growth', 'node-emfile', 'close-wait-accumulation']));
    expect(fl.summary).toContain('/data/journal/acme.ndjson');
    expect(fl.reasoning.join(' ')).toContain('sockets stayed at 1 → 3');
    expect(d.consequences).toEqual([expect.objectContaining({ cause: 'socket-leak', explainedBy: 'file-leak' })]);
  });

  it('leaves a CLOSE_WAIT pile-up that was there before the table filled to its own cause', () => {
    const d = diagnose([FILES, emfile([FULL + 5 * S]), closeWait(T, [4, 9, 14, 19, 24, 29, 30, 31, 31, 32, 33])], busy);
    expect(d.consequences.map((c) => c.cause)).not.toContain('socket-leak');
    const sl = d.rootCauses.find((c) => c.cause === 'socket-leak');
    expect(sl?.findings).toEqual(['close-wait-accumulation']);
    expect(d.rootCauses[0]!.cause).toBe('file-leak');
  });

  it('calls growth carried by sockets (files flat) a socket leak, never a file leak', () => {
    const d = diagnose([SOCKETS, emfile([T + 7 * 15 * S])], busy);
    expect(d.rootCauses.map((c) => c.cause)).toEqual(['socket-leak']);
    expect(d.rootCauses[0]!.reasoning.join(' ')).toContain('Files stayed at 5 → 5: not a file leak.');
    expect(d.rootCauses[0]!.findings).toEqual(['fd-growth', 'node-emfile']);
  });

  it('keeps counts that cannot tell kinds (a service logging its own fd count) with socket-leak, as before', () => {
    const logged = fdGrowth([40, 90, 150, 210], {});
    const d = diagnose([logged], busy);
    expect(d.rootCauses.map((c) => c.cause)).toEqual(['socket-leak']);
  });
});

describe('non-socket kinds other than files', () => {
  it('calls growth carried by pipes a file leak, named by its kind (pipes of child processes), not a socket leak', () => {
    const pipes = fdGrowth([12, 60, 110, 160], { pipe: [4, 152], file: [5, 5], socket: [2, 2], anon: [1, 1] }, {
      byTarget: [{ key: 'pipe', first: 4, last: 152 }], growingTarget: 'pipe',
    });
    const d = diagnose([pipes], busy);
    expect(d.rootCauses.map((c) => c.cause)).toEqual(['file-leak']);
    expect(d.rootCauses[0]!.summary).toMatch(/^Pipes \(pipe\) are opened and never closed/);
  });
});
