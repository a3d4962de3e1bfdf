import { describe, expect, it } from 'vitest';
import type { FdSeries } from '../../../../engine/analysis/fd-series';
import type { FileSummary } from '../../../../engine/api/report-types';
import type { Finding, Severity } from '../../../../engine/model/finding';
import { bundleSpan, fdTables, groupFindings, kindCounts, nextPage, severityCounts, signed, splitFiles, statusInfo, timeQuality } from './shape';

let nextId = 1;
function finding(signature: string, severity: Severity, first: number | null, count = 1, last: number | null = first): Finding {
  return { id: nextId++, signature, severity, title: `${signature} ${first}`, summary: '', first, last, count, data: {}, evidence: [] };
}

function file(path: string, status: string, extra: Partial<FileSummary> = {}): FileSummary {
  return { id: nextId++, path, kind: 'java-log', status, confidence: 1, lines: 1, records: 1, skipped: 0, note: null, timeQuality: 'explicit', first: null, last: null, encoding: 'utf-8', captureSources: [], ...extra };
}

describe('timeQuality of snapshot files', () => {
  it('says where capture times came from', () => {
    expect(timeQuality('none', 'UTC', 1000, ['header'])).toEqual({ label: 'captured (header)', explain: expect.stringMatching(/collector header/) });
    expect(timeQuality('none', 'UTC', 1000, ['filename', 'mtime']).label).toBe('captured (file name, mtime)');
    expect(timeQuality('none', 'UTC', 1000).label).toBe('own times');
  });
});

describe('groupFindings', () => {
  it('orders severities critical → info and skips empty ones', () => {
    const g = groupFindings([finding('a', 'info', 1), finding('b', 'critical', 5), finding('c', 'medium', 3)]);
    expect(g.map((x) => x.severity)).toEqual(['critical', 'medium', 'info']);
  });

  it('folds the many findings of one signature into one group with a count and the whole time range', () => {
    const many = Array.from({ length: 230 }, (_, i) => finding('recv-queue-backlog', 'high', 1000 + i, 2, 2000 + i));
    const g = groupFindings([...many, finding('fd-growth', 'high', 500)]);
    expect(g).toHaveLength(1);
    const [first, second] = g[0]!.groups;
    expect(first!.signature).toBe('fd-growth');
    expect(second!.signature).toBe('recv-queue-backlog');
    expect(second!.findings).toHaveLength(230);
    expect(second!.occurrences).toBe(460);
    expect(second!.first).toBe(1000);
    expect(second!.last).toBe(2229);
    expect(g[0]!.count).toBe(231);
  });

  it('keeps one signature at two severities in two groups', () => {
    const g = groupFindings([finding('goroutine-blocked', 'critical', 1), finding('goroutine-blocked', 'high', 2)]);
    expect(g.map((x) => x.groups[0]!.key)).toEqual(['critical:goroutine-blocked', 'high:goroutine-blocked']);
  });

  it('puts findings without a time after the timed ones', () => {
    const g = groupFindings([finding('x', 'low', null), finding('y', 'low', 7), finding('x', 'low', 3)]);
    expect(g[0]!.groups.map((x) => x.signature)).toEqual(['x', 'y']);
    expect(g[0]!.groups[0]!.findings.map((f) => f.first)).toEqual([3, null]);
  });

  it('counts per severity', () => {
    expect(severityCounts([finding('a', 'high', 1), finding('b', 'high', 1), finding('c', 'info', 1)])).toEqual([
      { severity: 'high', count: 2 },
      { severity: 'info', count: 1 },
    ]);
  });
});

describe('paging', () => {
  it('grows by a step and stops at the total', () => {
    expect(nextPage(10, 230)).toBe(30);
    expect(nextPage(220, 230)).toBe(230);
  });
});

describe('files', () => {
  it('lists refused, error, binary and unknown files first, with a reason', () => {
    const { problems, read } = splitFiles([file('b.log', 'parsed'), file('x.bin', 'binary'), file('../evil', 'refused'), file('a.txt', 'unknown'), file('a.log', 'parsed')]);
    expect(problems.map((f) => f.status)).toEqual(['refused', 'binary', 'unknown']);
    expect(read.map((f) => f.path)).toEqual(['a.log', 'b.log']);
    expect(statusInfo('refused').explain).toMatch(/safety/);
    expect(statusInfo('something-new').label).toBe('something-new');
  });

  it('says which zone assumed times were read in', () => {
    expect(timeQuality('assumed', 'UTC+9').label).toBe('read as UTC+9');
    expect(timeQuality('none', 'UTC').label).toBe('no times');
    expect(timeQuality('none', 'UTC', 1000).label).toBe('own times');
    expect(timeQuality(null, 'UTC').label).toBe('—');
  });

  it('counts kinds and finds the span the logs cover', () => {
    const fs = [file('a', 'parsed', { kind: 'ss', first: 10, last: 20 }), file('b', 'parsed', { kind: 'ss', first: 5, last: null }), file('c', 'parsed', { kind: 'lsof' })];
    expect(kindCounts(fs)).toEqual([
      { kind: 'ss', count: 2 },
      { kind: 'lsof', count: 1 },
    ]);
    expect(bundleSpan(fs)).toEqual({ first: 5, last: 20 });
    expect(bundleSpan([file('c', 'parsed')])).toBeNull();
  });
});

describe('fdTables', () => {
  const series: FdSeries = {
    pid: 24683,
    command: 'api_gatew',
    host: 'vm',
    points: [
      { ts: 1000, count: 11, file: 'snapshots/lsof-1.txt', line: 1 },
      { ts: 21000, count: 25, file: 'snapshots/lsof-2.txt', line: 1 },
      { ts: 41000, count: 20, file: 'gone.txt', line: 3 },
    ],
    byType: [
      { key: 'IPv4', first: 2, last: 120 },
      { key: 'REG', first: 0, last: 0 },
    ],
    byPeer: [{ key: '127.0.0.1:38151', first: 0, last: 119 }],
  };

  it('gives each snapshot its change and a file id to open', () => {
    const [t] = fdTables([series], [file('snapshots/lsof-1.txt', 'parsed', { id: 7 }), file('snapshots/lsof-2.txt', 'parsed', { id: 8 })]);
    expect(t!.title).toBe('api_gatew (pid 24683) on vm');
    expect(t!.rows.map((r) => r.delta)).toEqual([null, 14, -5]);
    expect(t!.rows.map((r) => r.fileId)).toEqual([7, 8, null]);
    expect([t!.first, t!.last, t!.span]).toEqual([11, 20, 40000]);
    expect(t!.byType).toEqual([{ key: 'IPv4', first: 2, last: 120, delta: 118 }]);
    expect(t!.byPeer[0]!.delta).toBe(119);
  });

  it('signs changes', () => {
    expect([signed(118), signed(-3), signed(0), signed(1200)]).toEqual(['+118', '−3', '0', '+1,200']);
  });
});
