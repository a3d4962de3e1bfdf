/**
 * Is this one JSON log object per line, of a logger other than pino and the Java layouts? zap,
 * logrus, slog, winston, ECS, structlog, journald and PostgreSQL `jsonlog` lines, and Docker
 * json-file entries, score up to 0.96: above the pino sniffer (which also counts `level` + `msg`
 * lines, up to 0.95 without pino's pid/hostname) and the Java JSON branch (0.95). pino-shaped and
 * Bunyan lines keep us below pino; Java-layout lines make us refuse.
 */
import type { SniffInput, SniffResult } from '../types';
import { isContinuationShaped } from '../textlog/continuation';
import { levelOfWord } from '../textlog/levels';
import { composePrefix, stripAnsi } from '../textlog/wrappers';
import { classify, isObj, pinoLike, type Family } from './families';

const PREFIX = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2}) (?:(?:stdout|stderr) [FP] )?(?=\{)/;
/** Families only this parser reads: their lines do not look like pino's. */
const DISTINCT: ReadonlySet<Family> = new Set(['docker', 'journald', 'zap', 'logrus', 'slog', 'winston', 'ecs', 'structlog', 'postgres']);

export function sniffJsonLog(input: SniffInput): SniffResult | null {
  const n = new Map<Family | 'broken' | 'text', number>();
  const add = (k: Family | 'broken' | 'text') => n.set(k, (n.get(k) ?? 0) + 1);
  let ambiguous = 0;
  for (const raw of input.lines.slice(0, 200)) {
    let t = stripAnsi(raw);
    const p = PREFIX.exec(t);
    if (p) t = t.slice(p[0].length);
    else {
      const c = composePrefix(t);
      if (c && levelOfWord(c.service) === null) t = c.rest;
    }
    const s = t.trimStart();
    if (s === '') continue;
    if (s.charCodeAt(0) !== 0x7b) {
      if (!isContinuationShaped(t)) add('text');
      continue;
    }
    let o: unknown;
    try {
      o = JSON.parse(s);
    } catch {
      add('broken');
      continue;
    }
    if (!isObj(o)) {
      add('text');
      continue;
    }
    const fam = classify(o);
    if (fam === 'generic' && pinoLike(o)) ambiguous++;
    add(fam);
  }
  const get = (k: Family | 'broken' | 'text') => n.get(k) ?? 0;
  let distinct = 0;
  for (const f of DISTINCT) distinct += get(f);
  const generic = get('generic') - ambiguous;
  const ours = distinct + generic + ambiguous + get('bunyan');
  const java = get('java');
  const pino = get('pino');
  if (ours === 0 && java === 0 && pino === 0) return null;
  const detail = [...n.entries()].filter(([k]) => k !== 'text' && k !== 'broken').sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  if (java > 0 && java >= ours) return { kind: 'json-log', confidence: 0.05, reason: `Java JSON-layout lines (${java}): the Java parser's` };
  if (ours === 0) return { kind: 'json-log', confidence: 0.1, reason: `pino-shaped JSON lines only (${pino}): pino's` };
  const against = pino + java + get('not-log') + 0.5 * get('broken') + 0.5 * get('text');
  const share = ours / (ours + against);
  const reason = `${ours} JSON log lines (${detail})${against ? `, ${Math.round(against)} other lines` : ''}`;
  if (share < 0.5) return { kind: 'json-log', confidence: 0.2, reason };
  let confidence: number;
  if (distinct + generic > 0 && distinct + generic >= ambiguous + get('bunyan') + pino) confidence = 0.5 + 0.46 * share;
  // `level` + `msg` without a distinct mark, or Bunyan: pino's parser reads them as well, and wins.
  else confidence = Math.min(0.9, 0.4 + 0.5 * share);
  return { kind: 'json-log', confidence: Math.round(confidence * 100) / 100, reason };
}
