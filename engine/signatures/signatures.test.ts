import { describe, expect, it } from 'vitest';
import { parserFor } from '../../parsers';
import type { Kind, LogRecord } from '../../parsers/types';
import { parseText } from '../../test/support/parse-fixture';
import { SIGNATURES } from '.';

function records(parser: Kind, text: string): LogRecord[] {
  return parseText<LogRecord>(parserFor(parser)!, text + '\n', parser === 'pino' ? 'app.log' : 'app.log').records.filter((r) => r.type === 'log');
}

describe('signature definitions', () => {
  it('have unique ids, plain-language explanations, a fix and references', () => {
    const ids = SIGNATURES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of SIGNATURES) {
      expect(s.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(s.explanation.length, s.id).toBeGreaterThan(80);
      expect(s.fix.length, s.id).toBeGreaterThan(40);
      expect(s.references.length, s.id).toBeGreaterThan(0);
      for (const r of s.references) expect(r, s.id).toMatch(/^https:\/\//);
      if (s.match) expect(s.samples, `${s.id} has a line predicate, so it needs sample lines`).toBeDefined();
    }
  });
});

describe.each(SIGNATURES.filter((s) => s.samples).map((s) => [s.id, s] as const))('%s samples', (_id, sig) => {
  it.each(sig.samples!.match.map((l) => [l]))('matches %s', (line) => {
    const recs = records(sig.samples!.parser, line);
    expect(recs.length, 'a sample is one record').toBe(1);
    expect(sig.match!(recs[0]!)).toBe(true);
  });
  it.each(sig.samples!.noMatch.map((l) => [l]))('does not match %s', (line) => {
    const recs = records(sig.samples!.parser, line);
    expect(recs.length).toBeGreaterThan(0);
    for (const r of recs) expect(sig.match!(r)).toBe(false);
  });
});
