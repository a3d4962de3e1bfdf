/**
 * Level words the usual loggers print, on pino's numeric scale. Bare words must be upper case
 * (`ERROR`), so message words are not taken for levels; bracketed or `level=` values may be any case.
 */
import { LEVELS } from '../types';

const { TRACE, DEBUG, INFO, WARN, ERROR, FATAL } = LEVELS;

/** Every spelling we map, upper-cased. Single letters only where a layout puts them (klog, Android). */
const WORDS: Record<string, number> = {
  TRACE, TRC: TRACE, FINEST: TRACE, FINER: TRACE, VERBOSE: TRACE, TRACE1: TRACE, TRACE2: TRACE,
  DEBUG, DBG: DEBUG, DEBU: DEBUG, FINE: DEBUG, DEBUG1: DEBUG, DEBUG2: DEBUG, DEBUG3: DEBUG, DEBUG4: DEBUG, DEBUG5: DEBUG,
  INFO, INF: INFO, INFORMATION: INFO, NOTICE: INFO, LOG: INFO, CONFIG: INFO,
  WARN, WARNING: WARN, WRN: WARN, WARNI: WARN,
  ERROR, ERR: ERROR, EROR: ERROR, ERRO: ERROR, SEVERE: ERROR, DPANIC: ERROR,
  FATAL, FATA: FATAL, CRIT: FATAL, CRITICAL: FATAL, ALERT: FATAL, EMERG: FATAL, EMERGENCY: FATAL, PANIC: FATAL, PANI: FATAL,
};

/** Upper-case words accepted without brackets, `level=` or a colon. */
const BARE = new Set([
  'TRACE', 'DEBUG', 'INFO', 'NOTICE', 'WARN', 'WARNING', 'ERROR', 'FATAL', 'CRITICAL', 'PANIC', 'DPANIC', 'SEVERE', 'ALERT',
  'EMERG', 'CRIT', 'ERR', 'WRN', 'INF', 'DBG', 'TRC', 'EROR', 'ERRO', 'DEBU', 'FATA', 'PANI', 'WARNI',
]);

const LETTERS: Record<string, number> = { V: TRACE, T: TRACE, D: DEBUG, I: INFO, N: INFO, W: WARN, E: ERROR, F: FATAL, A: FATAL, C: FATAL };

/** Any-case level word (from brackets, `level=`, a JSON value) → number, or null. */
export function levelOfWord(word: string): number | null {
  if (word.length === 0 || word.length > 12) return null;
  return WORDS[word.toUpperCase()] ?? null;
}

/** A bare token: only upper-case spellings count. */
export function levelOfBareWord(word: string): number | null {
  return BARE.has(word) ? WORDS[word]! : null;
}

/** klog / Android / glog single letters. */
export function levelOfLetter(letter: string): number | null {
  return LETTERS[letter] ?? null;
}

/** The six standard names and their plain spellings; other words (`NOTICE`, `LOG`, `PANIC`) are kept as a label. */
const STANDARD = new Set([
  'TRACE', 'TRC', 'DEBUG', 'DBG', 'DEBU', 'INFO', 'INF', 'INFORMATION', 'WARN', 'WARNING', 'WRN', 'WARNI', 'ERROR', 'ERR', 'EROR', 'ERRO',
  'FATAL', 'FATA', 'V', 'T', 'D', 'I', 'W', 'E', 'F',
]);
export function isStandardLabel(word: string): boolean {
  return STANDARD.has(word.toUpperCase());
}

/** syslog severity (0 emerg … 7 debug), as journald's PRIORITY and `<PRI>` carry it. */
export function levelOfSyslogSeverity(sev: number): number | null {
  if (!Number.isInteger(sev) || sev < 0 || sev > 7) return null;
  if (sev <= 2) return FATAL;
  if (sev === 3) return ERROR;
  if (sev === 4) return WARN;
  if (sev <= 6) return INFO;
  return DEBUG;
}
