import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PARSERS } from '..';
import { corpusFiles, sniffInput } from '../jmap/test-helpers';
import { sniffWith } from '../registry';
import { sniffCgroupCpu } from './sniff';

const LOCAL = new URL('./__fixtures__/', import.meta.url).pathname;
const TOP = new URL('../top/__fixtures__/', import.meta.url).pathname;
const head = (path: string) => readFileSync(path, 'utf8').split('\n').slice(0, 200);

describe('sniffCgroupCpu', () => {
  it.each(readdirSync(LOCAL).filter((f) => /\.(txt|stat|pressure)$/.test(f)))('the registry gives %s to cgroup-cpu', (file) => {
    const v = sniffWith(PARSERS, { name: `snapshots/${file}`, lines: head(LOCAL + file) });
    expect(v.result.kind, v.result.reason).toBe('cgroup-cpu');
  });

  it.each(readdirSync(LOCAL + 'not-cgroup-cpu'))('does not claim the key/value file %s of the same machine', (file) => {
    expect(sniffCgroupCpu({ name: file, lines: head(`${LOCAL}not-cgroup-cpu/${file}`) })).toBeNull();
  });

  it.each(corpusFiles(['hikari', 'pino', 'jstack', 'goroutine', 'lsof', 'ss', 'heap', 'gc', 'javalog', 'misc', 'large']))('does not claim %s', (rel) => {
    expect(sniffCgroupCpu(sniffInput(rel))?.confidence ?? 0).toBeLessThan(0.3);
  });

  it.each(readdirSync(TOP).filter((f) => f.endsWith('.txt')))('does not claim the top capture %s', (file) => {
    expect(sniffCgroupCpu({ name: file, lines: head(TOP + file) })?.confidence ?? 0).toBeLessThan(0.3);
  });
});
