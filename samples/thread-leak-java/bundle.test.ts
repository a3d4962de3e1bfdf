/**
 * The committed thread-leak-java bundle (made by make.sh from the running JVM) holds what names a thread leak:
 * jstack dumps every 10 s of one JVM whose thread count only climbs, the growth all Executors' default
 * `pool-N-thread-M` workers, and the app log's OutOfMemoryError: unable to create native thread. Grep-level.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captures, checkBundleShape, checkReadmeEvidence, lines, nonDecreasing } from '../shared/go/bundle-check';

const SAMPLE = fileURLToPath(new URL('.', import.meta.url));

describe('thread-leak-java bundle', () => {
  it('has the logs and jstack dumps of one JVM every ~10 s', () => {
    // 320 threads a dump at the end, ~1 KB each: the dumps are most of the bundle.
    checkBundleShape(SAMPLE, 6 * 1024 * 1024);
    const dumps = captures(SAMPLE, 'dumps', 'jstack');
    expect(dumps.length).toBeGreaterThanOrEqual(8);
    for (const d of dumps) expect(d.pid).toBe(dumps[0]!.pid);
  });

  it('pool-N-thread-M threads only climb, then the OS refuses a thread', () => {
    const dumps = captures(SAMPLE, 'dumps', 'jstack');
    const pools = dumps.map((d) => lines(d.path).filter((l) => /^"pool-\d+-thread-\d+"/.test(l)).length);
    expect(nonDecreasing(pools)).toBe(true);
    expect(pools.at(-1)! - pools[0]!).toBeGreaterThan(200);
    const app = lines(join(SAMPLE, 'bundle/logs/app.log'));
    expect(app.some((l) => l.includes('java.lang.OutOfMemoryError: unable to create native thread'))).toBe(true);
    expect(app.some((l) => l.includes('Java heap space'))).toBe(false);
  });

  it('README evidence rows quote their lines', () => {
    expect(checkReadmeEvidence(SAMPLE)).toBeGreaterThan(8);
  });
});
