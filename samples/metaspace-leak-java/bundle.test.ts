/**
 * The committed metaspace-leak-java bundle (made by make.sh from the running JVM) holds what tells a
 * class-loader leak from a heap leak or GC pressure: OutOfMemoryError: Metaspace thrown while defining a proxy
 * class, the GC log's metaspace climbing to its limit with metadata-triggered full collections while the heap
 * stays small, and live histograms in which ReportService$ReportClassLoader only grows. Grep-level.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captures, checkBundleShape, checkReadmeEvidence, lines, nonDecreasing } from '../shared/go/bundle-check';

const SAMPLE = fileURLToPath(new URL('.', import.meta.url));
const gc = lines(join(SAMPLE, 'bundle/logs/gc.log'));

describe('metaspace-leak-java bundle', () => {
  it('has the logs, live histograms and a final jstack of one JVM', () => {
    checkBundleShape(SAMPLE);
    const histos = captures(SAMPLE, 'dumps', 'jmap-histo');
    expect(histos.length).toBeGreaterThanOrEqual(3);
    for (const h of histos) expect(h.cmd).toMatch(/jmap -histo:live \d+$/);
  });

  it('gc.log: metaspace climbs to its 64 MB limit with metadata-triggered full collections, the heap stays small', () => {
    const meta = gc.flatMap((l) => {
      const m = /\] GC\(\d+\) Metaspace: (\d+)K\(\d+K\)->(\d+)K/.exec(l);
      return m ? [Number(m[2])] : [];
    });
    expect(meta[0]!).toBeLessThan(8 * 1024);
    expect(meta.at(-1)!).toBeGreaterThan(56 * 1024);
    expect(gc.filter((l) => /\[gc +\] GC\(\d+\) Pause Full \(Metadata GC (Threshold|Clear Soft References)\) \d+M->\d+M/.test(l)).length).toBeGreaterThan(20);
    const heapAfter = gc.flatMap((l) => {
      const m = /\[gc +\] GC\(\d+\) Pause .* \d+M->(\d+)M\(\d+M\) [\d.]+ms$/.exec(l);
      return m ? [Number(m[1])] : [];
    });
    expect(Math.max(...heapAfter)).toBeLessThan(64);
  });

  it('app.log: OutOfMemoryError: Metaspace while defining the proxy class, and the loaders only grow', () => {
    const app = lines(join(SAMPLE, 'bundle/logs/app.log'));
    expect(app.filter((l) => l === 'java.lang.OutOfMemoryError: Metaspace').length).toBeGreaterThanOrEqual(5);
    expect(app.some((l) => l.includes('java.lang.OutOfMemoryError: Java heap space'))).toBe(false);
    const loaders = app.flatMap((l) => {
      const m = /Report loaders cached: (\d+),/.exec(l);
      return m ? [Number(m[1])] : [];
    });
    expect(nonDecreasing(loaders)).toBe(true);
    const histos = captures(SAMPLE, 'dumps', 'jmap-histo');
    const count = (h: { lines: string[] }) => Number(/^\s*\d+:\s+(\d+)\s+\d+\s+com\.example\.reports\.ReportService\$ReportClassLoader$/m.exec(h.lines.join('\n'))?.[1] ?? 0);
    expect(nonDecreasing(histos.map(count))).toBe(true);
    expect(count(histos.at(-1)!)).toBeGreaterThan(500);
  });

  it('README evidence rows quote their lines', () => {
    expect(checkReadmeEvidence(SAMPLE)).toBeGreaterThan(12);
  });
});
