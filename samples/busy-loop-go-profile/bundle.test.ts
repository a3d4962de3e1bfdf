/**
 * The committed busy-loop-go-profile bundle (made by make.sh from the running catalog service) holds what
 * a diagnosis needs: one goroutine runnable in normalizeTokens in every dump after the reindex, the
 * process's threads at a full core in top -H, and a CPU profile whose samples all sit under that function.
 * Grep-level, plus the profile read with the pure pprof summariser: no Go or engine needed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { summarizeProfile } from '../../parsers/pprof';
import { captures, checkReadmeEvidence, goroutines, lines, walk } from '../shared/go/bundle-check';

const SAMPLE = fileURLToPath(new URL('.', import.meta.url));
const dumps = captures(SAMPLE, 'dumps', 'goroutine');
const threads = captures(SAMPLE, 'snapshots', 'top-threads');
const log = lines(join(SAMPLE, 'bundle/logs/catalog.log'));
const profiles = readdirSync(join(SAMPLE, 'bundle/profiles'));
const REINDEX = log.find((l) => l.includes('POST /admin/reindex 202'))!.slice(11, 19);

const spinning = (dump: string[]) =>
  goroutines(dump).filter((g) => `\n${g.stack}`.includes('\nmain.normalizeTokens(') && (g.state === 'running' || g.state === 'runnable'));
/** Thread %CPU of top's second iteration (the one measured over a whole second). */
const threadCpu = (c: { lines: string[] }) => {
  let at = 0;
  c.lines.forEach((l, i) => {
    if (l.startsWith('top - ')) at = i;
  });
  return c.lines.slice(at).filter((l) => /\scatalog\s*$/.test(l)).map((l) => Number(l.trim().split(/\s+/)[8]));
};

describe('busy-loop-go-profile bundle', () => {
  it('is small: text captures of one catalog process under collector headers, and one gzipped CPU profile', () => {
    const all = walk(join(SAMPLE, 'bundle'));
    expect(all.reduce((n, f) => n + statSync(f).size, 0)).toBeLessThan(1024 * 1024);
    for (const f of all.filter((p) => !p.includes('/profiles/'))) expect(readFileSync(f).includes(0), `${relative(SAMPLE, f)} is text`).toBe(false);
    expect(dumps.length).toBeGreaterThanOrEqual(5);
    expect(threads.length).toBe(dumps.length);
    const pid = dumps[0]!.pid;
    for (const c of [...dumps, ...threads]) expect(c.pid).toBe(pid);
    expect(log[0]).toContain(`catalog pid ${pid} listening on 127.0.0.1:18191`);
    expect(profiles).toEqual([expect.stringMatching(/^cpu-\d{8}T\d{6}Z\.pb\.gz$/)]);
  });

  it('the rebuild starts and never ends', () => {
    expect(log.filter((l) => l.includes('reindex: rebuilding the search index'))).toHaveLength(1);
    expect(log.filter((l) => l.includes('reindex: done'))).toEqual([]);
    // searches keep being answered after it
    expect(log.filter((l) => l.slice(11, 19) > REINDEX && / 200 \d+B /.test(l)).length).toBeGreaterThan(100);
  });

  it('goroutine dumps: none in normalizeTokens before the reindex, exactly one runnable there in every dump after', () => {
    for (const d of dumps) {
      const n = spinning(d.lines).length;
      expect(n, d.path).toBe(d.at.slice(11, 19) > REINDEX ? 1 : 0);
    }
  });

  it('top -H: the threads idle before the reindex, one at a full core in every capture after', () => {
    for (const t of threads) {
      const cpu = threadCpu(t);
      if (t.at.slice(11, 19) < REINDEX) expect(Math.max(...cpu), t.path).toBeLessThan(5);
      else expect(Math.max(...cpu), t.path).toBeGreaterThan(90);
    }
  });

  it('the CPU profile: about a core for 10 s, every sample under main.normalizeTokens', () => {
    const p = summarizeProfile(gunzipSync(readFileSync(join(SAMPLE, 'bundle/profiles', profiles[0]!))));
    expect(p.kind).toBe('cpu');
    expect(p.durationMs).toBeGreaterThan(9_900);
    const cpu = p.sampleTypes.find((t) => t.type === 'cpu')!;
    expect(cpu.total / 1e6 / p.durationMs!).toBeGreaterThan(0.9);
    expect(p.hottest).toMatchObject({ name: 'main.normalizeTokens' });
    expect(p.hottest!.share).toBeGreaterThan(0.99);
    expect(new Date(p.capturedAt!).toISOString().slice(11, 19) > REINDEX).toBe(true);
  });

  it('README cites lines that say what it quotes', () => {
    expect(checkReadmeEvidence(SAMPLE)).toBeGreaterThan(5);
  });
});
