/**
 * Grep-level helpers for the bundle tests of the samples made by running real programs (incidents 1, 2, 4
 * and 5): the committed files are read as text; nothing here needs Go, Java or the engine.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';

export function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** The file's lines, without the empty string after the last newline. */
export function lines(path: string): string[] {
  const all = readFileSync(path, 'utf8').split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all;
}

export interface Capture {
  path: string;
  /** `2026-11-22T04:25:03Z` from the collector header. */
  at: string;
  pid: number;
  cmd: string;
  lines: string[];
}

const HEADER = /^# captured (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z) host=\S+ pid=(\d+) cmd=(.+)$/;

/** The captures `bundle/<dir>/<prefix>-<stamp>.txt`, oldest first, with their collector header parsed. */
export function captures(sample: string, dir: string, prefix: string): Capture[] {
  const folder = join(sample, 'bundle', dir);
  return readdirSync(folder)
    .filter((f) => f.startsWith(`${prefix}-`) && /^\d{8}T\d{6}Z\.txt$/.test(f.slice(prefix.length + 1)))
    .sort()
    .map((f) => {
      const path = join(folder, f);
      const all = lines(path);
      const m = HEADER.exec(all[0] ?? '');
      expect(m, `${f} starts with a collector header`).not.toBeNull();
      return { path, at: m![1]!, pid: Number(m![2]), cmd: m![3]!, lines: all };
    });
}

/** Size, text-only, and every capture named for the instant in its header. */
export function checkBundleShape(sample: string, maxBytes = 3 * 1024 * 1024): void {
  const all = walk(join(sample, 'bundle'));
  expect(all.length).toBeGreaterThan(0);
  expect(all.reduce((n, f) => n + statSync(f).size, 0)).toBeLessThan(maxBytes);
  for (const f of all) {
    const name = relative(sample, f);
    expect(readFileSync(f).includes(0), `${name} is text`).toBe(false);
    const stamp = /-(\d{8}T\d{6}Z)\.txt$/.exec(f);
    if (!stamp) continue;
    const m = HEADER.exec(lines(f)[0] ?? '');
    expect(m, `${name} starts with a collector header`).not.toBeNull();
    expect(m![1]!.replace(/[-:]/g, ''), `${name} is named for its capture time`).toBe(stamp[1]);
  }
}

export interface Goroutine {
  id: number;
  /** `select`, `chan send`, `running`… without the wait time. */
  state: string;
  /** Minutes in that state, when the dump says so. */
  minutes: number;
  /** The frames' text (function and file lines), for `includes` checks. */
  stack: string;
}

/** Goroutines of a debug=2 or SIGQUIT dump: blocks that start with `goroutine N [state]:`. */
export function goroutines(dump: string[]): Goroutine[] {
  const out: Goroutine[] = [];
  let cur: Goroutine | null = null;
  for (const l of dump) {
    const h = /^goroutine (\d+) \[([^\],]+)(?:, (\d+) minutes)?(?:, locked to thread)?\]:$/.exec(l);
    if (h) {
      cur = { id: Number(h[1]), state: h[2]!, minutes: Number(h[3] ?? 0), stack: '' };
      out.push(cur);
    } else if (l === '') {
      cur = null;
    } else if (cur) {
      cur.stack += `${l}\n`;
    }
  }
  return out;
}

/** How many goroutines of the dump have `fn` in their stack. */
export function countIn(dump: string[], fn: string): number {
  return goroutines(dump).filter((g) => g.stack.includes(fn)).length;
}

export function nonDecreasing(xs: number[]): boolean {
  return xs.every((x, i) => i === 0 || x >= xs[i - 1]!);
}

/**
 * The README's evidence table rows `| \`path:line\` | \`quoted text\` | … |`: every cited line of the
 * bundle contains the quoted text. Returns how many rows were checked.
 */
export function checkReadmeEvidence(sample: string): number {
  const readme = readFileSync(join(sample, 'README.md'), 'utf8');
  const refs = [...readme.matchAll(/^\| `([\w./-]+):(\d+)` \| `([^`]+)` \|/gm)];
  for (const [, file, line, quote] of refs) {
    const actual = lines(join(sample, 'bundle', file!))[Number(line) - 1];
    expect(actual, `${file}:${line}`).toContain(quote!);
  }
  return refs.length;
}
