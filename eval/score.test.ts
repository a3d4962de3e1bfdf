import { describe, expect, it } from 'vitest';
import type { AnalysisReport } from '../engine/api/report-types';
import type { RootCause } from '../engine/model/root-cause';
import { ExpectedError, parseExpected } from './expected';
import { perCause, score } from './score';

const T = Date.parse('2026-12-07T13:00:00Z');

const cause = (id: RootCause['cause'], confidence: number): RootCause => ({
  id: 1, rank: 1, cause: id, confidence, title: id, summary: '', reasoning: [], fix: '', references: [], findings: [], evidence: [],
});

function report(causes: RootCause[], episodes: [number, number, RootCause[]][]): AnalysisReport {
  return {
    rootCauses: causes,
    consequences: [],
    episodes: episodes.map(([from, to, rc], i) => ({ id: `E${i + 1}`, from, to, summary: '', firstSignal: null, rootCauses: rc, consequences: [], findings: [] })),
  } as unknown as AnalysisReport;
}

const expected = (o: Record<string, unknown>) => parseExpected(JSON.stringify({ story: 's', must_not_conclude: [], episodes: [], ...o }), 'expected.json');

describe('parseExpected', () => {
  it('refuses a misspelt cause id', () => expect(() => expected({ first_cause: 'deadlocks' })).toThrow(ExpectedError));
  it('refuses an unknown symptom and a bad time', () => {
    expect(() => expected({ symptom: 'slow' })).toThrow(/symptom/);
    expect(() => expected({ episodes: [{ from: 'noon', to: '2026-12-07T13:00:00Z', first_cause: null }] })).toThrow(/ISO-8601/);
  });
  it('takes one first cause or several', () => {
    expect(expected({ first_cause: 'deadlock' }).firstCause).toEqual(['deadlock']);
    expect(expected({ first_cause: ['deadlock', 'gc-pressure'] }).firstCause).toEqual(['deadlock', 'gc-pressure']);
    expect(expected({ first_cause: null }).firstCause).toBeNull();
  });
});

describe('score', () => {
  const ep = { from: '2026-12-07T13:00:00Z', to: '2026-12-07T13:02:00Z', first_cause: 'deadlock' };
  it('passes the right first cause in the right episode', () => {
    const r = score('b', report([cause('deadlock', 0.9)], [[T, T + 60_000, [cause('deadlock', 0.9)]]]), 'timeouts-5xx', expected({ first_cause: 'deadlock', symptom: 'timeouts-5xx', episodes: [ep] }));
    expect(r).toMatchObject({ pass: true, gotFirst: 'deadlock', rank: 1 });
  });
  it('does not count an unconfident top cause as concluded', () => {
    const r = score('b', report([cause('deadlock', 0.4)], [[T, T + 60_000, [cause('deadlock', 0.4)]]]), null, expected({ first_cause: 'deadlock', episodes: [ep] }));
    expect(r.gotFirst).toBeNull();
    expect(r.rank).toBe(1);
    expect(r.pass).toBe(false);
  });
  it('fails on a concluded must-not, a missing episode and an invented one', () => {
    const r = score(
      'b',
      report([cause('deadlock', 0.9), cause('connection-leak', 0.6)], [[T + 3_600_000, T + 3_660_000, [cause('deadlock', 0.9)]]]),
      null,
      expected({ first_cause: 'deadlock', must_not_conclude: ['connection-leak'], episodes: [ep] }),
    );
    expect(r.pass).toBe(false);
    expect(r.concludedMustNot).toEqual(['connection-leak']);
    expect(r.why.join('\n')).toMatch(/not found/);
    expect(r.why.join('\n')).toMatch(/not an expected one/);
  });
  it('a healthy bundle passes only with nothing concluded and no episode', () => {
    expect(score('h', report([], []), null, expected({ first_cause: null })).pass).toBe(true);
    expect(score('h', report([cause('gc-pressure', 0.3)], []), null, expected({ first_cause: null })).pass).toBe(true);
    expect(score('h', report([cause('gc-pressure', 0.7)], []), null, expected({ first_cause: null })).pass).toBe(false);
  });
  it('counts precision and recall per cause', () => {
    const rows = [
      score('a', report([cause('deadlock', 0.9), cause('connection-leak', 0.7)], []), null, expected({ first_cause: 'deadlock' })),
      score('b', report([], []), null, expected({ first_cause: 'connection-leak' })),
    ];
    expect(perCause(rows)).toEqual([
      { cause: 'connection-leak', tp: 0, fp: 1, fn: 1 },
      { cause: 'deadlock', tp: 1, fp: 0, fn: 0 },
    ]);
  });
});
