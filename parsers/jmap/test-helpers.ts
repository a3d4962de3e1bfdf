/**
 * Test-only helpers shared by the jmap, gclog, top and metrics tests: line accounting (every
 * non-blank line is inside a record's range or reported as skipped) and the heads of the other
 * corpus categories, which these parsers must not claim.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { FIXTURES, fixtureLines } from '../../test/support/parse-fixture';
import type { SkippedLine } from '../types';

export interface Ranged {
  type: string;
  line: number;
  endLine?: number;
}

/** 1-based numbers of non-blank lines that no record covers and no skipped entry names. */
export function unaccountedLines(text: string, records: readonly Ranged[], skipped: readonly SkippedLine[], also: Iterable<number> = []): number[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const covered = new Uint8Array(lines.length + 2);
  for (const r of records) for (let i = r.line; i <= (r.endLine ?? r.line) && i <= lines.length; i++) covered[i] = 1;
  for (const s of skipped) covered[s.line] = 1;
  for (const n of also) covered[n] = 1;
  const out: number[] = [];
  lines.forEach((l, i) => {
    if (l.trim() !== '' && !covered[i + 1]) out.push(i + 1);
  });
  return out;
}

/** Text of a fixture under test/fixtures/ or of a file path. */
export function readText(pathOrRel: string): string {
  return readFileSync(pathOrRel.startsWith('/') ? pathOrRel : FIXTURES + pathOrRel, 'utf8');
}

/** Relative paths (under test/fixtures/) of every corpus fixture in the given categories. */
export function corpusFiles(categories: readonly string[]): string[] {
  const out: string[] = [];
  for (const c of categories) {
    let names: string[];
    try {
      names = readdirSync(`${FIXTURES}corpus/${c}`, { recursive: true }) as string[];
    } catch {
      continue; // a category another engineer has not added yet
    }
    for (const n of names.sort()) {
      const rel = `corpus/${c}/${n}`;
      if (!n.endsWith('PROVENANCE.md') && statSync(FIXTURES + rel).isFile()) out.push(rel);
    }
  }
  return out;
}

/** Sniff input for a fixture, as the registry builds it. */
export function sniffInput(rel: string): { name: string; lines: string[] } {
  return { name: rel, lines: fixtureLines(rel) };
}
