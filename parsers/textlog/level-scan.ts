/**
 * Finds the level among the first tokens after a time stamp: `ERROR`, `[error]`, `<warn>`,
 * `level=warning`, Apache 2.4's `[core:error]`, `info:`. Returns where the message starts.
 */
import { isStandardLabel, levelOfBareWord, levelOfWord } from './levels';

export interface LevelHit {
  level: number;
  /** The word as printed, when it is not one of the six standard names. */
  label?: string;
  /** Index in the scanned text where the message starts (after the level token and separators). */
  messageAt: number;
  /** Index where the level token started. */
  tokenAt: number;
}

const MAX_TOKENS = 6;
const LOWER_WITH_COLON = new Set(['trace', 'debug', 'info', 'notice', 'warn', 'warning', 'error', 'fatal', 'critical']);

function skipSeparators(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    // space, tab, ':', '-', '|', ']'
    if (c === 0x20 || c === 0x09 || c === 0x3a || c === 0x2d || c === 0x7c || c === 0x5d) i++;
    else break;
  }
  return i;
}

export function scanLevel(text: string): LevelHit | null {
  let i = 0;
  const n = Math.min(text.length, 200);
  for (let k = 0; k < MAX_TOKENS && i < n; k++) {
    while (i < n && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
    const start = i;
    while (i < n && text.charCodeAt(i) !== 0x20 && text.charCodeAt(i) !== 0x09) i++;
    let tok = text.slice(start, i);
    if (tok === '' || tok === '-' || tok === '|') continue;
    let anyCase = false;
    let colon = false;
    if (tok.endsWith(':')) {
      tok = tok.slice(0, -1);
      colon = true;
    }
    const open = tok.charCodeAt(0);
    const close = tok.charCodeAt(tok.length - 1);
    if ((open === 0x5b && close === 0x5d) || (open === 0x3c && close === 0x3e) || (open === 0x28 && close === 0x29)) {
      tok = tok.slice(1, -1).trim();
      anyCase = true;
      const c = tok.lastIndexOf(':');
      if (c >= 0) tok = tok.slice(c + 1); // Apache 2.4 `[core:error]`
    } else {
      const eq = tok.indexOf('=');
      if (eq > 0) {
        const key = tok.slice(0, eq).toLowerCase();
        if (key !== 'level' && key !== 'lvl' && key !== 'severity' && key !== 'loglevel') continue;
        tok = tok.slice(eq + 1).replace(/^"|"$/g, '');
        anyCase = true;
      }
    }
    let level: number | null = null;
    if (anyCase) level = levelOfWord(tok);
    else {
      level = levelOfBareWord(tok);
      if (level === null && colon && LOWER_WITH_COLON.has(tok)) level = levelOfWord(tok);
    }
    if (level !== null) {
      const hit: LevelHit = { level, messageAt: skipSeparators(text, i), tokenAt: start };
      if (!isStandardLabel(tok)) hit.label = tok;
      return hit;
    }
  }
  return null;
}
