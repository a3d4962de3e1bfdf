/**
 * Level words of Java logging frameworks on pino's numeric scale (types.ts `LEVELS`): logback/log4j
 * (`TRACE`…`FATAL`), java.util.logging (`FINEST`…`SEVERE`) and the lower-case forms JSON layouts use.
 */
import { LEVELS } from '../types';

const WORDS = new Map<string, number>([
  ['TRACE', LEVELS.TRACE], ['FINEST', LEVELS.TRACE], ['FINER', LEVELS.TRACE],
  ['DEBUG', LEVELS.DEBUG], ['FINE', LEVELS.DEBUG], ['CONFIG', LEVELS.DEBUG],
  ['INFO', LEVELS.INFO],
  ['WARN', LEVELS.WARN], ['WARNING', LEVELS.WARN],
  ['ERROR', LEVELS.ERROR], ['SEVERE', LEVELS.ERROR],
  ['FATAL', LEVELS.FATAL], ['CRITICAL', LEVELS.FATAL],
]);

/** Upper-case level word → number, or null (`WARN`, `SEVERE`, `FINE`). */
export function levelOfWord(word: string): number | null {
  return WORDS.get(word) ?? null;
}

/** Any case (`warn`, `Info`), for JSON fields and bracketed levels where the word cannot be prose. */
export function levelOfAnyCase(word: string): number | null {
  return WORDS.get(word.trim().toUpperCase()) ?? null;
}

/** The longest level word, to bound scans. */
export const MAX_LEVEL_LEN = 8;

/**
 * The level word spanning `line[i, j)` without allocating a substring (this runs on every line).
 * Upper case only, like `levelOfWord`.
 */
export function levelAt(line: string, i: number, j: number): number | null {
  switch (j - i) {
    case 4:
      if (line.startsWith('INFO', i)) return LEVELS.INFO;
      if (line.startsWith('WARN', i)) return LEVELS.WARN;
      if (line.startsWith('FINE', i)) return LEVELS.DEBUG;
      return null;
    case 5:
      if (line.startsWith('DEBUG', i)) return LEVELS.DEBUG;
      if (line.startsWith('ERROR', i)) return LEVELS.ERROR;
      if (line.startsWith('TRACE', i)) return LEVELS.TRACE;
      if (line.startsWith('FATAL', i)) return LEVELS.FATAL;
      if (line.startsWith('FINER', i)) return LEVELS.TRACE;
      return null;
    case 6:
      if (line.startsWith('SEVERE', i)) return LEVELS.ERROR;
      if (line.startsWith('CONFIG', i)) return LEVELS.DEBUG;
      if (line.startsWith('FINEST', i)) return LEVELS.TRACE;
      return null;
    case 7:
      return line.startsWith('WARNING', i) ? LEVELS.WARN : null;
    case 8:
      return line.startsWith('CRITICAL', i) ? LEVELS.FATAL : null;
    default:
      return null;
  }
}
