/**
 * The four snapshot sniffers (lsof, ss, netstat, limits) against every fixture of the corpus: each
 * claims its own files and stays below the registry's 0.3 on everything else (Java logs, pino,
 * jstack, goroutine dumps, heap histograms, and each other's fixtures).
 */
import { readdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixtureLines } from '../../test/support/parse-fixture';
import { limitsParser } from '../limits/parser';
import { lsofParser } from '../lsof/parser';
import { MIN_CONFIDENCE } from '../registry';
import type { ParserModule } from '../types';
import { netstatParser } from './netstat-parser';
import { ssParser } from './ss-parser';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const SNIFFERS: ParserModule<any>[] = [lsofParser, ssParser, netstatParser, limitsParser];

function filesUnder(rel: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(FIXTURES + rel)) {
    const r = `${rel}/${name}`;
    if (statSync(FIXTURES + r).isDirectory()) out.push(...filesUnder(r));
    else if (!name.endsWith('.md')) out.push(r);
  }
  return out;
}

const categories = readdirSync(FIXTURES + 'corpus').filter((d) => statSync(FIXTURES + 'corpus/' + d).isDirectory());
const foreign = categories.filter((c) => c !== 'lsof' && c !== 'ss').flatMap((c) => filesUnder('corpus/' + c));

describe('sniffers reject other kinds', () => {
  it('the corpus has Java logs, pino, jstack and goroutine dumps to test against', () => {
    for (const c of ['hikari', 'pino', 'jstack', 'goroutine']) expect(categories).toContain(c);
    expect(foreign.length).toBeGreaterThan(50);
  });
  for (const file of foreign) {
    it(file, () => {
      const input = { name: file, lines: fixtureLines(file) };
      for (const s of SNIFFERS) expect(s.sniff(input)?.confidence ?? 0, s.kind).toBeLessThan(MIN_CONFIDENCE);
    });
  }
});

describe('lsof, ss and netstat sniff each other correctly', () => {
  for (const file of filesUnder('corpus/lsof')) {
    it(file, () => {
      const input = { name: file, lines: fixtureLines(file) };
      expect(lsofParser.sniff(input)!.confidence).toBeGreaterThanOrEqual(0.5);
      for (const s of [ssParser, netstatParser, limitsParser]) expect(s.sniff(input)?.confidence ?? 0, s.kind).toBeLessThan(MIN_CONFIDENCE);
    });
  }
  for (const file of filesUnder('corpus/ss')) {
    it(file, () => {
      const input = { name: file, lines: fixtureLines(file) };
      for (const s of [lsofParser, limitsParser]) expect(s.sniff(input)?.confidence ?? 0, s.kind).toBeLessThan(MIN_CONFIDENCE);
      const best = Math.max(ssParser.sniff(input)?.confidence ?? 0, netstatParser.sniff(input)?.confidence ?? 0);
      expect(best).toBeGreaterThanOrEqual(0.5);
    });
  }
});
