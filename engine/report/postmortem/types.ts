import type { FileSummary } from '../../api/report-types';
import type { Annotation } from '../../model/annotation';
import type { Finding } from '../../model/finding';
import type { Consequence, RootCause } from '../../model/root-cause';
import type { Episode } from '../../model/episode';

/** An annotation as the postmortem needs it: its time resolved from its file line when it has none. */
export type PostmortemAnnotation = Pick<Annotation, 'id' | 'marker' | 'text' | 'ts' | 'tsEnd' | 'filePath' | 'line' | 'ref'> & {
  /** True when `ts` was taken from the log record at `filePath:line` rather than set by the user. */
  tsFromLine: boolean;
};

/** Everything the postmortem is rendered from: plain data, so it can be anonymised before rendering. */
export interface PostmortemInput {
  bundle: {
    name: string;
    /** Zone that logs printing no zone were read in, and why. */
    tz: string;
    tzSource: string;
    bytes: number;
    lines: number;
    records: number;
    stopped: string | null;
  };
  findings: Finding[];
  /** Incident episodes in time order, each with its ranked causes and the causes they explain. */
  episodes: Episode[];
  /** The merged ranking, sorted by confidence, highest first. */
  rootCauses: RootCause[];
  /** Causes explained by another in every episode they appear in. */
  consequences: Consequence[];
  annotations: PostmortemAnnotation[];
  files: FileSummary[];
  /** Host names the bundle's data names (capture headers, snapshot hosts, socket peers, `hostname` fields). */
  hosts: string[];
  /** Set by `anonymizeInput`: host names, addresses, user ids and e-mails were replaced by tokens. */
  anonymized: boolean;
}

export interface PostmortemOptions {
  title?: string;
  /** Front-matter status; default `draft`. */
  status?: string;
  /** Overrides the derived severity (see `deriveSeverity`). */
  severity?: string;
  authors?: string[];
  /** Adds a mermaid `timeline` diagram after the timeline table. */
  mermaid?: boolean;
  /** When given, the front matter says when the document was generated (left out otherwise: output is deterministic). */
  now?: number;
  /** Causes of an episode at or above this confidence (besides its top one), not explained by another, are listed as contributing factors; default 0.3. */
  contributingThreshold?: number;
}
