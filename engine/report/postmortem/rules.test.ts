/** The derived parts of the postmortem: severity, impact window, detection, timeline rows. */
import { describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../../model/finding';
import type { RootCause } from '../../model/root-cause';
import { detection, impactWindow } from './impact';
import { renderPostmortem } from './render';
import { deriveSeverity } from './severity';
import { timelineRows } from './timeline';
import type { PostmortemAnnotation } from './types';

const T = Date.parse('2026-11-22T04:18:21.476Z');
const S = 1000;

function finding(signature: string, severity: Severity, first: number | null, last = first, line = 10): Finding {
  return {
    id: line, signature, severity, title: signature, summary: '', first, last, count: 2, data: {},
    evidence: first === null ? [] : [{ fileId: 1, line, ts: first, file: 'logs/app.log', excerpt: `line ${line}`, note: 'first occurrence' }],
  };
}

function cause(id: RootCause['cause'], confidence: number, findings: string[], evidence: RootCause['evidence'] = []): RootCause {
  return { id: 1, rank: 1, cause: id, confidence, title: id, summary: '', reasoning: [], fix: `fix ${id}`, references: [], findings, evidence };
}

function note(marker: PostmortemAnnotation['marker'], ts: number | null, text: string = marker, tsEnd: number | null = null): PostmortemAnnotation {
  return { id: ts ?? 0, marker, text, ts, tsEnd, filePath: null, line: null, ref: null, tsFromLine: false };
}

describe('deriveSeverity', () => {
  it.each([
    ['a critical finding', [finding('node-emfile', 'critical', T)], [], 'SEV1'],
    ['a likely cause backed by a high finding', [finding('hikari-starvation', 'high', T)], [cause('process-starvation', 0.95, ['hikari-starvation'])], 'SEV1'],
    ['a likely cause backed only by medium findings', [finding('hikari-validation-failure', 'medium', T)], [cause('idle-connections-closed', 0.9, ['hikari-validation-failure'])], 'SEV2'],
    ['a high finding, cause below 80 %', [finding('hikari-starvation', 'high', T)], [cause('process-starvation', 0.7, ['hikari-starvation'])], 'SEV2'],
    ['a medium finding only', [finding('slow-responses', 'medium', T)], [], 'SEV3'],
    ['a weak cause and low findings', [finding('gc-activity', 'low', T)], [cause('gc-pressure', 0.2, ['gc-activity'])], 'SEV3'],
    ['informational findings only', [finding('gc-activity', 'info', T)], [], 'SEV4'],
    ['nothing', [], [], 'SEV4'],
  ] as const)('%s → %s', (_what, findings, causes, expected) => {
    expect(deriveSeverity(findings as readonly Finding[], causes as readonly RootCause[]).severity).toBe(expected);
  });
});

describe('impactWindow and detection', () => {
  const findings = [finding('gc-activity', 'info', T - 300 * S, T + 600 * S), finding('hikari-pool-timeout', 'high', T, T + 180 * S), finding('hikari-starvation', 'high', T + S, T + 183 * S)];

  it('spans the high and critical findings only', () => {
    const w = impactWindow(findings, [])!;
    expect([w.start, w.end]).toEqual([T, T + 183 * S]);
    expect(w.annotations).toEqual([]);
  });

  it('is widened by detection and repair annotations outside it, not by other markers or those inside', () => {
    const marks = [note('detection', T - 60 * S), note('repair', T + 100 * S, 'restart', T + 900 * S), note('note', T - 999 * S), note('detection', T + 10 * S)];
    const w = impactWindow(findings, marks)!;
    expect([w.start, w.end]).toEqual([T - 60 * S, T + 900 * S]);
    expect(w.annotations.map((a) => a.text)).toEqual(['detection', 'restart']);
  });

  it('is set by annotations alone when no finding is high, and null when nothing bounds it', () => {
    expect(impactWindow([findings[0]!], [note('repair', T)])).toMatchObject({ start: T, end: T });
    expect(impactWindow([findings[0]!], [note('diagnosis', T)])).toBeNull();
  });

  it('first signal: the earliest medium-or-worse finding; detected: the earliest detection annotation', () => {
    const d = detection(findings, [note('detection', T + 30 * S, 'late'), note('detection', T + 20 * S, 'paged'), note('key', T)]);
    expect(d.firstSignal?.signature).toBe('hikari-pool-timeout');
    expect(d.detected?.text).toBe('paged');
    expect(detection([findings[0]!], []).firstSignal?.signature).toBe('gc-activity');
  });
});

describe('timelineRows', () => {
  it('sorts by time, puts untimed annotations last, and does not repeat a finding\'s line as a key event', () => {
    const findings = [finding('hikari-starvation', 'high', T + S, T + S, 61), finding('hikari-pool-timeout', 'high', T, T, 34)];
    const ev = (line: number, ts: number | null, n: string) => ({ fileId: 1, line, ts, file: 'logs/app.log', excerpt: `line ${line}\nat frame`, note: n });
    const causes = [cause('process-starvation', 0.9, [], [ev(34, T, 'first occurrence'), ev(39, T, 'longest wait'), ev(70, null, 'untimed'), ev(39, T, 'again')])];
    const rows = timelineRows(findings, causes, [note('note', null, 'untimed note'), note('diagnosis', T + S, 'host frozen')]);
    expect(rows.map((r) => [r.kind, r.evidence || r.event])).toEqual([
      ['finding', 'logs/app.log:34'],
      ['key-event', 'logs/app.log:39'],
      ['finding', 'logs/app.log:61'],
      ['annotation', 'host frozen'],
      ['annotation', 'untimed note'],
    ]);
    expect(rows[1]).toMatchObject({ source: 'Evidence: process-starvation', event: 'Longest wait', excerpt: 'line 39' });
    expect(rows[3]!.marker).toBe('Diagnosis');
  });

  it('one row for a signature with many findings (one per connection): its earliest, with how many more', () => {
    const many = [5, 1, 3, 4, 2].map((k) => ({ ...finding('recv-queue-backlog', 'high', T + k * S, T + k * S, 100 + k), title: `Unread data piles up on port ${k}` }));
    const few = [finding('hikari-starvation', 'high', T + 9 * S, T + 9 * S, 61), finding('hikari-starvation', 'high', T + 8 * S, T + 8 * S, 62)];
    const rows = timelineRows([...many, ...few], [], []);
    expect(rows.map((r) => r.event)).toEqual([
      'Unread data piles up on port 1, 2 times (and 4 more recv-queue-backlog findings, see Appendix A)',
      'hikari-starvation, 2 times',
      'hikari-starvation, 2 times',
    ]);
    expect(rows.map((r) => r.evidence)).toEqual(['logs/app.log:101', 'logs/app.log:62', 'logs/app.log:61']);
  });
});

describe('renderPostmortem with hundreds of findings of one signature', () => {
  it('keeps the summary, timeline and appendix readable', () => {
    const findings = Array.from({ length: 250 }, (_, k) => ({ ...finding('recv-queue-backlog', 'high', T + k * S, T + k * S, 100 + k), title: `Unread data piles up on port ${k}` }));
    const md = renderPostmortem({
      bundle: { name: 'b', tz: 'UTC', tzSource: 'default', bytes: 0, lines: 0, records: 0, stopped: null },
      findings, episodes: [], rootCauses: [], consequences: [], annotations: [], files: [], hosts: [], anonymized: false,
    });
    expect(md).toContain('the logs show 250 high-severity findings: Unread data piles up on port 0 (and 249 like it).');
    const timeline = md.slice(md.indexOf('## Timeline'), md.indexOf('## Action items'));
    expect(timeline.match(/^\| 2026/gm)).toHaveLength(1);
    const appendix = md.slice(md.indexOf('## Appendix A'), md.indexOf('## Appendix B'));
    expect(appendix.match(/^\| high \| \*\*Unread/gm)).toHaveLength(10);
    expect(appendix).toContain('| high | … and 240 more `recv-queue-backlog` findings');
  });
});
