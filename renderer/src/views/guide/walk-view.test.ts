import { describe, expect, it } from 'vitest';
import type { CheckResult, GuideWalk, WalkStep } from '../../../../engine/guide/walk/types';
import { CHECK_STATUS, checkText, HYPOTHESIS_STATUS, parseSymptom, proposalText, SYMPTOM_IDS, SYMPTOM_LABELS, symptomFit, tally, tallyText } from './walk-view';

const scores = { 'timeouts-5xx': 24, 'too-many-open-files': 0, 'cpu-high': 0, 'memory-growing': 0, 'db-connection-errors': 12, 'peers-disconnect': 0 };

function walk(over: Partial<GuideWalk> = {}): GuideWalk {
  return {
    episode: null,
    episodes: [],
    comparisons: [],
    symptom: { id: 'timeouts-5xx', title: 'Requests time out / 5xx', description: '' },
    proposed: { id: 'timeouts-5xx', reason: 'the bundle shows hikari-pool-timeout', scores },
    chosenByUser: false,
    steps: [],
    conclusion: null,
    openQuestions: [],
    ...over,
  };
}

function check(status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult {
  return { id: 'c', question: 'q?', status, reasoning: 'r', evidence: [], findings: [], ...extra };
}

describe('symptoms', () => {
  it('labels every symptom the engine knows and accepts only those in the route', () => {
    for (const id of SYMPTOM_IDS) expect(SYMPTOM_LABELS[id]).toBeTruthy();
    expect(parseSymptom('cpu-high')).toBe('cpu-high');
    expect(parseSymptom('rm -rf')).toBeUndefined();
    expect(parseSymptom(null)).toBeUndefined();
  });

  it('marks the proposed symptom and the others the bundle also fits', () => {
    const w = walk();
    expect(symptomFit(w, 'timeouts-5xx')).toBe('proposed');
    expect(symptomFit(w, 'db-connection-errors')).toBe('fits');
    expect(symptomFit(w, 'cpu-high')).toBe('none');
    expect(symptomFit(walk({ proposed: null }), 'timeouts-5xx')).toBe('none');
  });

  it('says why the symptom was proposed, that the user chose another, or that nothing stands out', () => {
    expect(proposalText(walk())).toBe('Rootline proposes “Requests time out / 5xx”: the bundle shows hikari-pool-timeout.');
    expect(proposalText(walk({ chosenByUser: true, symptom: { id: 'cpu-high', title: 'CPU high', description: '' } }))).toBe(
      'You chose “CPU high”. Rootline would start from “Requests time out / 5xx”: the bundle shows hikari-pool-timeout.',
    );
    expect(proposalText(walk({ chosenByUser: true }))).toMatch(/^Rootline proposes/);
    expect(proposalText(walk({ proposed: null }))).toMatch(/No finding in this bundle points at a symptom/);
  });
});

describe('statuses', () => {
  it('gives every status an icon and a word, never colour alone', () => {
    for (const s of [...Object.values(HYPOTHESIS_STATUS), ...Object.values(CHECK_STATUS)]) {
      expect(s.icon).toBeTruthy();
      expect(s.label).toMatch(/^[A-Z]/);
    }
  });

  it('tallies the checks of a hypothesis', () => {
    const step: WalkStep = {
      hypothesis: { id: 'h', title: 'h', explanation: '' },
      status: 'supported',
      checks: [check('confirmed'), check('confirmed'), check('no-data')],
      causes: [],
    };
    expect(tally(step)).toEqual({ confirmed: 2, refuted: 0, 'no-data': 1 });
    expect(tallyText(step)).toBe('2 confirmed · 1 no data');
  });

  it('shows what would settle a no-data check once, apart from the reasoning', () => {
    const missing = 'A GC log would show whether GC pauses caused the freezes.';
    expect(checkText(check('no-data', { reasoning: `The bundle has no data to answer this. ${missing}`, missing }))).toEqual({
      reasoning: 'The bundle has no data to answer this.',
      settle: missing,
    });
    expect(checkText(check('refuted', { reasoning: 'No long pause.' }))).toEqual({ reasoning: 'No long pause.', settle: null });
  });
});
