/**
 * Every real artifact in the corpus fixtures goes to the right parser through the registry, with all
 * parsers competing, and parses without an exception (issue 2 and 3 must-shows).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARSERS } from '../parsers';
import { sniffWith } from '../parsers/registry';
import type { Kind } from '../parsers/types';
import { FIXTURES, fixtureLines, parseFixture } from './support/parse-fixture';

function files(dir: string): string[] {
  const root = join(FIXTURES, 'corpus', dir);
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => !f.endsWith('PROVENANCE.md') && statSync(join(root, f)).isFile())
    .map((f) => `corpus/${dir}/${f}`)
    .sort();
}

function expectedKind(path: string): Kind | Kind[] {
  const dir = path.split('/')[1]!;
  if (dir === 'hikari') return 'java-log';
  if (dir === 'heap') return path.includes('garbagecat') ? 'gc-log' : 'jmap-histo';
  if (dir === 'ss') return /netstat/.test(path) ? 'netstat' : 'ss';
  return dir as Kind;
}

const ALL = ['hikari', 'pino', 'jstack', 'goroutine', 'lsof', 'ss', 'heap'].flatMap(files);

describe('corpus fixtures through the registry', () => {
  it('covers every category', () => {
    expect(ALL.length).toBeGreaterThanOrEqual(108);
  });

  it.each(ALL)('%s', (path) => {
    const verdict = sniffWith(PARSERS, { name: path, lines: fixtureLines(path) });
    const want = expectedKind(path);
    expect(verdict.result.kind, verdict.result.reason).toBe(want);
    const parsed = parseFixture(verdict.parser!, path);
    expect(parsed.records.length + parsed.skipped.length).toBeGreaterThan(0);
  });
});
