/** What the guide view says about a walk: symptom labels and choice, status words and icons (pure). */
import { SYMPTOM_IDS, type CheckResult, type CheckStatus, type GuideWalk, type HypothesisStatus, type SymptomId, type WalkStep } from '../../../../engine/guide/walk/types';

export { SYMPTOM_IDS };

/** The six symptoms as users say them (the walk carries the chosen one's own title and description). */
export const SYMPTOM_LABELS: Record<SymptomId, string> = {
  'timeouts-5xx': 'Requests time out / 5xx',
  'too-many-open-files': 'Too many open files',
  'cpu-high': 'CPU high',
  'memory-growing': 'Memory keeps growing',
  'db-connection-errors': 'Database connection errors',
  'peers-disconnect': 'Peers disconnect',
};

/** The `?symptom=` of the route, when it names one of the six. */
export function parseSymptom(value: string | null | undefined): SymptomId | undefined {
  return value && (SYMPTOM_IDS as readonly string[]).includes(value) ? (value as SymptomId) : undefined;
}

export interface StatusLook {
  icon: string;
  label: string;
  explain: string;
}

/** Icon and word together: the status reads without colour. */
export const HYPOTHESIS_STATUS: Record<HypothesisStatus, StatusLook> = {
  supported: { icon: '✓', label: 'Supported', explain: 'At least one check is confirmed by the bundle.' },
  explained: { icon: '↳', label: 'Explained', explain: 'The bundle shows it, but another cause explains it here: a consequence, not a cause.' },
  rejected: { icon: '✕', label: 'Rejected', explain: 'The bundle has the data, and it does not show this.' },
  open: { icon: '?', label: 'Open', explain: 'The bundle has no data to answer these checks.' },
};

export const CHECK_STATUS: Record<CheckStatus, StatusLook> = {
  confirmed: { icon: '✓', label: 'Confirmed', explain: 'Findings in the bundle answer yes.' },
  refuted: { icon: '✕', label: 'Refuted', explain: 'The data is there and shows no such thing.' },
  'no-data': { icon: '–', label: 'No data', explain: 'Nothing in the bundle can answer this.' },
};

/** How the proposed symptom relates to each of the six: the proposal, another that also fits, or none. */
export function symptomFit(walk: GuideWalk, id: SymptomId): 'proposed' | 'fits' | 'none' {
  if (walk.proposed?.id === id) return 'proposed';
  return (walk.proposed?.scores[id] ?? 0) > 0 ? 'fits' : 'none';
}

/** The sentence above the symptom picker. */
export function proposalText(walk: GuideWalk): string {
  const chosen = walk.symptom.title;
  if (!walk.proposed) return `No finding in this bundle points at a symptom, so the walk starts from “${chosen}”. Pick the symptom you saw.`;
  const proposed = SYMPTOM_LABELS[walk.proposed.id] ?? walk.proposed.id;
  if (walk.chosenByUser && walk.proposed.id !== walk.symptom.id) return `You chose “${chosen}”. Rootline would start from “${proposed}”: ${walk.proposed.reason}.`;
  return `Rootline proposes “${proposed}”: ${walk.proposed.reason}.`;
}

export function tally(step: WalkStep): Record<CheckStatus, number> {
  const t: Record<CheckStatus, number> = { confirmed: 0, refuted: 0, 'no-data': 0 };
  for (const c of step.checks) t[c.status]++;
  return t;
}

/** "2 confirmed · 1 refuted", the checks of a hypothesis at a glance. */
export function tallyText(step: WalkStep): string {
  const t = tally(step);
  return (['confirmed', 'refuted', 'no-data'] as const)
    .filter((s) => t[s] > 0)
    .map((s) => `${t[s]} ${s === 'no-data' ? 'no data' : s}`)
    .join(' · ');
}

/** A check's reasoning without the "what would settle it" sentence, which is shown on its own. */
export function checkText(c: CheckResult): { reasoning: string; settle: string | null } {
  if (!c.missing) return { reasoning: c.reasoning, settle: null };
  const i = c.reasoning.indexOf(c.missing);
  const reasoning = i >= 0 ? `${c.reasoning.slice(0, i)}${c.reasoning.slice(i + c.missing.length)}`.trim() : c.reasoning;
  return { reasoning, settle: c.missing };
}

/** DOM id of a hypothesis card, for the at-a-glance list. */
export const stepId = (step: WalkStep) => `gd-h-${step.hypothesis.id}`;

