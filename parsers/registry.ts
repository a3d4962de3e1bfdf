/**
 * Which parser reads a file: every parser sniffs the head, the most confident wins. Content
 * decides; the name is only a hint the sniffers may use.
 */
import type { ParserModule, SniffInput, SniffResult } from './types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyParser = ParserModule<any>;

/** Below this, a file is `unknown` rather than a wrong guess. */
export const MIN_CONFIDENCE = 0.3;

export interface SniffVerdict {
  parser: AnyParser | null;
  result: SniffResult;
}

export function sniffWith(parsers: readonly AnyParser[], input: SniffInput): SniffVerdict {
  if (input.lines.every((l) => l.trim() === '')) {
    return { parser: null, result: { kind: 'unknown', confidence: 0, reason: 'empty file' } };
  }
  let best: SniffVerdict | null = null;
  for (const p of parsers) {
    let r: SniffResult | null;
    try {
      r = p.sniff(input);
    } catch (e) {
      r = null; // a sniffer bug must not stop the ingest of other files
      void e;
    }
    if (r && (!best || r.confidence > best.result.confidence)) best = { parser: p, result: r };
  }
  if (best && best.result.confidence >= MIN_CONFIDENCE) return best;
  const guess = best ? ` (closest: ${best.result.kind} at ${best.result.confidence.toFixed(2)}: ${best.result.reason})` : '';
  return { parser: null, result: { kind: 'unknown', confidence: 0, reason: `format not recognised${guess}` } };
}
