/**
 * What sits in front of a log line when a terminal, docker compose or a container runtime stored
 * it: ANSI colours, compose's `service  | ` column, and the CRI prefix kubelet writes
 * (`2026-11-22T02:55:30.123456789Z stderr F …`, `P` for a line split in parts).
 */
import { parseIsoStamp } from '../time';
import type { TimeContext, TimeQuality } from '../types';

const ANSI = /\x1b(?:\[[0-9;?]*[ -/]*[@-~]|[()][A-Za-z0-9]|[=>])/g;

export function stripAnsi(s: string): string {
  return s.indexOf('\x1b') === -1 ? s : s.replace(ANSI, '');
}

// compose v1 `web_1  | `, v2 `web-1  | `: a name, at least one space, the bar.
const COMPOSE = /^([A-Za-z0-9][\w.-]{0,63}) +\| ?/;

export interface ComposeLine {
  service: string;
  rest: string;
}

export function composePrefix(s: string): ComposeLine | null {
  const bar = s.indexOf('|');
  if (bar <= 0 || bar > 80) return null;
  const m = COMPOSE.exec(s);
  return m ? { service: m[1]!, rest: s.slice(m[0].length) } : null;
}

const CRI = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})) (stdout|stderr) ([FP]) ?/;

export interface CriLine {
  ts: number | null;
  tq: TimeQuality;
  stream: string;
  /** `P`: the runtime split a long line; the next part follows on the next line. */
  partial: boolean;
  rest: string;
}

export function criPrefix(s: string, ctx: TimeContext): CriLine | null {
  const c = s.charCodeAt(0);
  if (c < 0x30 || c > 0x39) return null;
  const m = CRI.exec(s);
  if (!m) return null;
  const t = parseIsoStamp(ctx, m[1]!);
  return { ts: t?.ts ?? null, tq: t?.tq ?? 'none', stream: m[2]!, partial: m[3] === 'P', rest: s.slice(m[0].length) };
}
