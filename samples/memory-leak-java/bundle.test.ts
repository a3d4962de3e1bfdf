/**
 * The committed memory-leak-java bundle (made by make.sh from the running JVM) holds what tells a leak from
 * GC pressure: live histograms in which QuoteService$QuoteSubscription and the heap only grow, a GC log whose
 * heap after every full collection climbs to the 64 MB maximum and never falls back, ending in full collections
 * that free nothing, and the app log's OutOfMemoryError: Java heap space. Grep-level: no Java or engine needed.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captures, checkBundleShape, checkReadmeEvidence, lines, nonDecreasing } from '../shared/go/bundle-check';

const SAMPLE = fileURLToPath(new URL('.', import.meta.url));

/** `-Xlog:gc*:…:time,uptimemillis,level,tags` full-collection summaries: `… GC(6) Pause Full (Heap Inspection Initiated GC) 24M->10M(64M) 22.259ms`. */
const FULL = /^\[[^\]]+\+0000\]\[\d+ms\]\[info\]\[gc +\] GC\(\d+\) Pause Full \(([^)]+)\) (\d+)M->(\d+)M\(64M\) [\d.]+ms$/;
const fulls = lines(join(SAMPLE, 'bundle/logs/gc.log')).flatMap((l) => {
  const m = FULL.exec(l);
  return m ? [{ cause: m[1]!, before: Number(m[2]), after: Number(m[3]) }] : [];
});

describe('memory-leak-java bundle', () => {
  it('has the logs, live histograms every 20 s and a final jstack of one JVM', () => {
    checkBundleShape(SAMPLE);
    const histos = captures(SAMPLE, 'dumps', 'jmap-histo');
    expect(histos.length).toBeGreaterThanOrEqual(6);
    for (const h of histos) expect(h.cmd).toMatch(/jmap -histo:live \d+$/);
    const pid = histos[0]!.pid;
    for (const c of [...histos, ...captures(SAMPLE, 'dumps', 'jstack')]) expect(c.pid).toBe(pid);
  });

  it('the histograms: the heap and QuoteSubscription only grow', () => {
    const histos = captures(SAMPLE, 'dumps', 'jmap-histo');
    const total = (h: { lines: string[] }) => Number(/^Total\s+\d+\s+(\d+)$/.exec(h.lines.at(-1)!)![1]);
    const subs = (h: { lines: string[] }) => Number(/^\s*\d+:\s+(\d+)\s+\d+\s+com\.example\.quotes\.QuoteService\$QuoteSubscription$/m.exec(h.lines.join('\n'))?.[1] ?? 0);
    expect(nonDecreasing(histos.map(total))).toBe(true);
    expect(nonDecreasing(histos.map(subs))).toBe(true);
    expect(total(histos[0]!)).toBeLessThan(5e6);
    expect(total(histos.at(-1)!)).toBeGreaterThan(55e6);
    expect(subs(histos.at(-1)!)).toBeGreaterThan(2000);
  });

  it('gc.log: the heap after the forced full collections climbs, and G1 ends with full collections that free nothing', () => {
    const forced = fulls.filter((f) => f.cause === 'Heap Inspection Initiated GC').map((f) => f.after);
    expect(forced.length).toBeGreaterThanOrEqual(6);
    expect(nonDecreasing(forced)).toBe(true);
    expect(forced.at(-1)! - forced[0]!).toBeGreaterThan(40);
    const g1 = fulls.filter((f) => f.cause === 'G1 Compaction Pause');
    expect(g1.length).toBeGreaterThan(20);
    expect(g1.filter((f) => f.before - f.after <= 1).length).toBeGreaterThan(g1.length / 2);
  });

  it('app.log ends in OutOfMemoryError: Java heap space and 500s', () => {
    const app = lines(join(SAMPLE, 'bundle/logs/app.log'));
    expect(app.filter((l) => l === 'java.lang.OutOfMemoryError: Java heap space').length).toBeGreaterThanOrEqual(5);
    expect(app.some((l) => / 500 0B \d+ms$/.test(l))).toBe(true);
  });

  it('README evidence rows quote their lines', () => {
    expect(checkReadmeEvidence(SAMPLE)).toBeGreaterThan(15);
  });
});
