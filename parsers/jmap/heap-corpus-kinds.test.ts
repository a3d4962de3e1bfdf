/**
 * The registry's choice, with every parser competing (PARSERS plus gclog, top and metrics, which may not be
 * registered there yet), for every heap and GC fixture and every locally made fixture: the right kind
 * wins, and its parser reads the file without throwing and accounts for every line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureBytes, parseBytes } from '../../test/support/parse-fixture';
import { PARSERS } from '..';
import { gcLogParser } from '../gclog/parser';
import { metricsCsvParser } from '../metrics/parser';
import { sniffWith } from '../registry';
import { topParser } from '../top/parser';
import type { Kind } from '../types';
import { jmapParser } from './parser';
import { corpusFiles, sniffInput, unaccountedLines } from './test-helpers';

const MINE = [...new Set([...PARSERS, jmapParser, gcLogParser, topParser, metricsCsvParser])];
const HEAP_KIND: Record<string, Kind> = { 'issue-garbagecat-50-printclasshistogram-in-gc-log.txt': 'gc-log' };

function localFixtures(folder: string, kind: Kind): [string, Kind][] {
  const dir = new URL(`../${folder}/__fixtures__/`, import.meta.url).pathname;
  return readdirSync(dir).filter((f) => /\.(?:log|txt|csv)$/.test(f)).map((f) => [dir + f, kind]);
}

describe('kinds chosen by the registry for heap, GC, top and metrics files', () => {
  it.each(corpusFiles(['heap', 'gc']).map((rel) => [rel, HEAP_KIND[rel.split('/').pop()!] ?? (rel.includes('/gc/') ? 'gc-log' : 'jmap-histo')] as const))(
    '%s → %s, parsed without loss',
    (rel, kind) => {
      const verdict = sniffWith(MINE, sniffInput(rel));
      expect(verdict.result.kind).toBe(kind);
      const bytes = fixtureBytes(rel);
      const { records, skipped } = parseBytes(verdict.parser!, bytes, rel);
      expect(records.length).toBeGreaterThan(0);
      expect(unaccountedLines(bytes.toString('utf8'), records, skipped)).toEqual([]);
    },
  );

  it('the garbagecat GC log yields its pause and its embedded histogram through the GC parser', () => {
    const rel = 'corpus/heap/issue-garbagecat-50-printclasshistogram-in-gc-log.txt';
    const { records } = parseBytes(sniffWith(MINE, sniffInput(rel)).parser!, fixtureBytes(rel), rel);
    expect(records.map((r: { type: string }) => r.type)).toEqual(['gc-pause', 'heap-histogram', 'gc-info']);
  });

  it.each([
    ...localFixtures('jmap', 'jmap-histo'), ...localFixtures('gclog', 'gc-log'), ...localFixtures('top', 'top'), ...localFixtures('metrics', 'csv'),
  ])('%s → %s', (path, kind) => {
    const lines = readFileSync(path, 'utf8').split(/\r?\n/).slice(0, 200);
    expect(sniffWith(MINE, { name: path.split('/').pop()!, lines }).result.kind).toBe(kind);
  });
});
