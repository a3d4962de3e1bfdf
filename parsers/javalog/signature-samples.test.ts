/**
 * Cross-check with the engine: the sample lines each java-log signature carries must parse into
 * one record the signature matches (and the no-match samples into records it does not), and the
 * kind ids the engine refers to must be ones this parser emits.
 */
import { describe, expect, it } from 'vitest';
import { SIGNATURES } from '../../engine/signatures';
import { LOG_KINDS } from '../../engine/signatures/log-kinds';
import { parseText } from '../../test/support/parse-fixture';
import { HIKARI_KINDS } from '../hikari/kinds';
import type { LogRecord } from '../types';
import { javaLogParser } from './index';

const javaSigs = SIGNATURES.filter((s) => s.samples?.parser === 'java-log');
const records = (text: string) => parseText<LogRecord>(javaLogParser, text + '\n').records;

describe.each(javaSigs.map((s) => [s.id, s] as const))('signature %s', (_id, sig) => {
  it.each(sig.samples!.match.map((l) => [l]))('matches %s', (line) => {
    const recs = records(line);
    expect(recs).toHaveLength(1);
    expect(sig.match!(recs[0]!)).toBe(true);
  });
  it.each(sig.samples!.noMatch.map((l) => [l]))('does not match %s', (line) => {
    const recs = records(line);
    expect(recs.length).toBeGreaterThan(0);
    for (const r of recs) expect(sig.match!(r)).toBe(false);
  });
});

it('emits every kind id the engine names for Java logs', () => {
  const emitted = new Set<string>([...HIKARI_KINDS, 'jdbc.sql-error']);
  for (const id of Object.values(LOG_KINDS).filter((k) => k.startsWith('hikari.') || k.startsWith('jdbc.'))) expect(emitted, id).toContain(id);
});
