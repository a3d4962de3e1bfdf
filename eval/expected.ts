/**
 * A sample's ground truth (`expected.json`), written from what its make script did, never from
 * Rootline's output. Validated when loaded: a typo in a cause id fails loudly instead of never matching.
 */
import { readFileSync } from 'node:fs';
import { ROOT_CAUSE_IDS, type RootCauseId } from '../engine/model/root-cause';
import { SYMPTOM_IDS, type SymptomId } from '../engine/guide/walk/types';

export interface ExpectedEpisode {
  from: number;
  to: number;
  firstCause: RootCauseId | null;
  what: string;
}

export interface Expected {
  story: string;
  /** The cause that must come first; several when the bundle holds independent incidents (any of them may lead). Null: nothing failed. */
  firstCause: RootCauseId[] | null;
  /** Other causes that are really present and may be concluded too (not counted as false positives). */
  otherCauses: RootCauseId[];
  /** The symptom a user would start the guide from; several when either is a fair start (500s that are database errors). */
  symptom: SymptomId[] | null;
  mustNotConclude: RootCauseId[];
  episodes: ExpectedEpisode[];
}

export class ExpectedError extends Error {}

function causeId(v: unknown, where: string): RootCauseId {
  if (typeof v !== 'string' || !(ROOT_CAUSE_IDS as readonly string[]).includes(v)) {
    throw new ExpectedError(`${where}: "${String(v)}" is not a root-cause id (one of ${ROOT_CAUSE_IDS.join(', ')})`);
  }
  return v as RootCauseId;
}

function time(v: unknown, where: string): number {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(t)) throw new ExpectedError(`${where}: "${String(v)}" is not an ISO-8601 time`);
  return t;
}

export function parseExpected(text: string, file: string): Expected {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new ExpectedError(`${file}: not JSON (${(e as Error).message})`);
  }
  const list = (v: unknown, key: string): unknown[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw new ExpectedError(`${file}: ${key} must be an array`);
    return v;
  };
  const first = raw.first_cause;
  const symptom = raw.symptom == null ? null : Array.isArray(raw.symptom) ? raw.symptom : [raw.symptom];
  for (const s of symptom ?? []) {
    if (!(SYMPTOM_IDS as readonly string[]).includes(String(s))) throw new ExpectedError(`${file}: symptom "${String(s)}" is not one of ${SYMPTOM_IDS.join(', ')}`);
  }
  return {
    story: String(raw.story ?? ''),
    firstCause: first === null || first === undefined ? null : (Array.isArray(first) ? first : [first]).map((c, i) => causeId(c, `${file}: first_cause[${i}]`)),
    otherCauses: list(raw.other_causes, 'other_causes').map((c, i) => causeId(c, `${file}: other_causes[${i}]`)),
    symptom: symptom as SymptomId[] | null,
    mustNotConclude: list(raw.must_not_conclude, 'must_not_conclude').map((c, i) => causeId(c, `${file}: must_not_conclude[${i}]`)),
    episodes: list(raw.episodes, 'episodes').map((e, i) => {
      const o = e as Record<string, unknown>;
      const where = `${file}: episodes[${i}]`;
      const from = time(o.from, `${where}.from`);
      const to = time(o.to, `${where}.to`);
      if (to < from) throw new ExpectedError(`${where}: ends before it starts`);
      return { from, to, firstCause: o.first_cause == null ? null : causeId(o.first_cause, `${where}.first_cause`), what: String(o.what ?? '') };
    }),
  };
}

export function loadExpected(file: string): Expected {
  return parseExpected(readFileSync(file, 'utf8'), file);
}
