/**
 * The numbers of a JSON log object outside the keys its parser types, as dotted paths
 * (`{"pool":{"idleCount":0}}` → `pool.idleCount`): what a service logs about its own state
 * (goroutines, open fds, pool counts) becomes a series in the engine. Collected while the parser walks
 * the keys it puts in `extra`, so each line pays one pass over keys it visits anyway.
 */
import type { NumericLeaves } from './types';

/** Services nest their statistics one or two objects deep (`eventLoop.delayMaxMs`, `stats.db.InUse`). */
const MAX_DEPTH = 3;
/** A line with more numbers than this is a data dump (a serialised row, an array of samples), not a statistics line. */
const MAX_LEAVES = 64;

/** Adds the numbers of `v` (a number, or an object of them) under `path`; returns the accumulator, created on first use. */
export function addNumbers(acc: NumericLeaves | undefined, path: string, v: unknown, depth = 1): NumericLeaves | undefined {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return acc;
    acc ??= { paths: [], values: [] };
    if (acc.values.length < MAX_LEAVES) {
      acc.paths.push(path);
      acc.values.push(v);
    }
    return acc;
  }
  if (depth >= MAX_DEPTH || v === null || typeof v !== 'object' || Array.isArray(v)) return acc;
  const o = v as Record<string, unknown>;
  for (const k in o) {
    if (acc && acc.values.length >= MAX_LEAVES) break;
    acc = addNumbers(acc, `${path}.${k}`, o[k], depth + 1);
  }
  return acc;
}
