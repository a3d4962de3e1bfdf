/**
 * pino levels: numbers on pino's own scale (10…60, custom levels in between), or labels when the
 * app set `formatters.level` to print `{ level: label }` (lowercase by default, some apps upper-case it).
 */
import { LEVELS } from '../types';

const LABEL_TO_LEVEL: Record<string, number> = {
  trace: LEVELS.TRACE,
  debug: LEVELS.DEBUG,
  info: LEVELS.INFO,
  warn: LEVELS.WARN,
  warning: LEVELS.WARN,
  error: LEVELS.ERROR,
  fatal: LEVELS.FATAL,
};

/** pino's own lowercase labels: the only string levels that count as pino shape without a `msg`. */
export const PINO_LABELS: ReadonlySet<string> = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

/** A label (any case, padded or not) → pino number, or null for custom labels such as `USERLVL`. */
export function levelFromLabel(label: string): number | null {
  return LABEL_TO_LEVEL[label.trim().toLowerCase()] ?? null;
}

export interface LevelValue {
  level: number | null;
  /** Set when the printed level was a label we could not map (custom levels). */
  label?: string;
}

/** The `level` value of a JSON line → number, keeping an unknown label for the fields. */
export function levelFromValue(v: unknown): LevelValue {
  if (typeof v === 'number') return { level: Number.isFinite(v) ? v : null };
  if (typeof v === 'string') {
    const n = levelFromLabel(v);
    if (n !== null) return { level: n };
    if (/^\d{1,3}$/.test(v)) return { level: Number(v) };
    return { level: null, label: v.slice(0, 40) };
  }
  return { level: null };
}
