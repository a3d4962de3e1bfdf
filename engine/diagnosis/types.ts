/**
 * The vocabulary of the diagnosis: items (dated pieces of findings), candidates (a cause rule's claim
 * that its mechanism is in the bundle, with the windows it acted in), links (why a candidate explains
 * an item) and what a candidate got once every item went to one cause.
 */
import type { EvidenceRef } from '../model/evidence';
import type { RootCauseId } from '../model/root-cause';
import type { Severity } from '../model/finding';
import type { FindingOf, OccOf, SignatureId } from '../signatures';

/** A time range in UTC ms, both ends included. */
export interface Window {
  from: number;
  to: number;
}

/** One occurrence of one finding of signature K, numbered for the run. */
export interface ItemOf<K extends SignatureId> {
  key: number;
  sig: K;
  occ: OccOf<K>;
  finding: FindingOf<K>;
  severity: Severity;
}

/** Any item: a union discriminated by `sig`, so `if (it.sig === X)` narrows to X's types. */
export type Item = { [K in SignatureId]: ItemOf<K> }[SignatureId];

/**
 * How strongly a cause explains an item:
 * - `after`: it surfaced shortly after the cause's window (a consequence noticed at the resume);
 * - `inside`: it happened inside the window, in the process the cause acted on;
 * - `specific`: its timing fits only this cause: a pause that covers the freeze, a wait that spans it, a
 *   connection that broke as the database went down;
 * - `named`: the item itself names the cause: its error's cause chain, the thread the cause holds.
 * A cause's own evidence counts as OWN: only a `specific` explanation by another cause takes it away.
 */
export const STRENGTH = { after: 1, inside: 2, specific: 3, named: 3.5 } as const;
export const OWN = 2.5;

export interface Link {
  strength: number;
  /** Why, in a few words ("its cause chain says Connection refused"). */
  reason: string;
}

export interface CandidateInit<S> {
  /** When the cause was at work, in time order. */
  windows: Window[];
  /** Items that show the mechanism itself (housekeeper warnings, leak warnings, a deadlock cycle…). */
  own: Item[];
  /** How strongly the mechanism alone shows the cause (0–1); orders candidates when links tie. */
  prior: number;
  /** Whatever the rule wants to keep for `explains` and `conclude`. */
  state: S;
}

export interface Candidate<S = unknown> extends CandidateInit<S> {
  rule: CauseRule<S>;
}

export interface CauseAssessment {
  confidence: number;
  summary: string;
  reasoning: string[];
  evidence: EvidenceRef[];
  /** The fix for what this episode showed (naming the class, the pool…), when it says more than the rule's own. */
  fix?: string;
}

/** One root cause of the vocabulary: how to find its mechanism, what it explains, and how sure it is from what it got. */
export interface CauseRule<S = unknown> {
  id: RootCauseId;
  title: string;
  fix: string;
  references: string[];
  candidates(ctx: CauseContextApi): CandidateInit<S>[];
  /** Whether this candidate explains an item it does not own, and how strongly; null when it does not. */
  explains(c: Candidate<S>, item: Item, ctx: CauseContextApi): Link | null;
  /** The verdict from what it got in one episode (its own items there and what it explains); null to withdraw. */
  conclude(c: Candidate<S>, got: GotApi, ctx: CauseContextApi): CauseAssessment | null;
}

/** What rules read: the bundle's findings and their items, typed by signature id. */
export interface CauseContextApi {
  of<K extends SignatureId>(id: K): FindingOf<K>[];
  items<K extends SignatureId>(id: K): ItemOf<K>[];
  has(id: SignatureId): boolean;
}

/** What one candidate got in one episode, typed by signature id. */
export interface GotApi {
  /** Items of signature K attributed to the candidate (its own included). */
  of<K extends SignatureId>(id: K): ItemOf<K>[];
  /** Its own items it kept. */
  own: Item[];
  /** Every item it got, with the link it was won by (OWN for its own). */
  all: { item: Item; link: Link; through?: RootCauseId }[];
  /** Causes it explains here, with the reason: shown as "explained by" this cause. */
  explained: { cause: RootCauseId; reason: string }[];
  /** The episode's window. */
  window: Window;
}

export function clamp01(x: number): number {
  return Math.max(0, Math.min(0.99, Math.round(x * 100) / 100));
}
