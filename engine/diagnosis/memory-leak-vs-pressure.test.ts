/**
 * Leak or pressure, on the real bundles of two samples made by running a JVM: memory-leak-java (a listener
 * list that keeps every request until OutOfMemoryError: Java heap space) and its look-alike
 * gc-pressure-freeze (back-to-back full collections while a job needs the whole heap, which it lets go).
 * Both are analysed whole, and again with their heap histograms removed: the GC log's live set alone
 * must tell them apart. And metaspace-leak-java, where the OutOfMemoryError's kind (Metaspace) names a
 * class-loader leak while the heap stays small.
 */
import { describe, expect, it } from 'vitest';
import { sampleAnalyser } from '../../test/support/analyze-sample';

const analyse = sampleAnalyser('leak-vs-pressure');

describe('memory-leak-java: the live set climbs until Java heap space', () => {
  it('names the class that accumulates, in the summary and the fix', async () => {
    const { first, concluded } = await analyse('memory-leak-java', true);
    expect(first.cause).toBe('memory-leak');
    expect(first.summary).toContain('QuoteService$QuoteSubscription');
    expect(first.fix).toContain('QuoteService$QuoteSubscription');
    expect(first.reasoning.join(' ')).toMatch(/live set rose and never fell back/);
    expect(concluded).not.toContain('gc-pressure');
  });

  it('is a leak from the GC log alone (no histograms)', async () => {
    const { first, r } = await analyse('memory-leak-java', false);
    expect(first.cause).toBe('memory-leak');
    expect(r.findings.find((f) => f.signature === 'gc-live-set')?.data).toMatchObject({ verdict: 'rising' });
  });
});

describe('gc-pressure-freeze: full collections that reclaim nothing, then a heap back to a few MB', () => {
  it('stays gc-pressure, saying the live set fell back', async () => {
    const { first, concluded } = await analyse('gc-pressure-freeze', true);
    expect(first.cause).toBe('gc-pressure');
    expect(first.reasoning.join(' ')).toMatch(/fell back/);
    expect(concluded).not.toContain('memory-leak');
  });

  it('stays gc-pressure from its logs alone', async () => {
    const { first, concluded, r } = await analyse('gc-pressure-freeze', false);
    expect(first.cause).toBe('gc-pressure');
    expect(concluded).not.toContain('memory-leak');
    expect(r.findings.find((f) => f.signature === 'gc-live-set')?.data).toMatchObject({ verdict: 'returns' });
  });
});

describe('metaspace-leak-java: OutOfMemoryError: Metaspace, the heap small', () => {
  it('is a class-loader leak naming the loader class, not GC pressure', async () => {
    const { first, concluded } = await analyse('metaspace-leak-java', true);
    expect(first.cause).toBe('memory-leak');
    expect(first.summary).toMatch(/ReportService\$ReportClassLoader.*class-loader leak/);
    expect(concluded).not.toContain('gc-pressure');
  });

  it('from its logs alone the OOM kind and the metadata-triggered collections say the same', async () => {
    const { first, concluded } = await analyse('metaspace-leak-java', false);
    expect(first.cause).toBe('memory-leak');
    expect(first.summary).toMatch(/class-loader leak/);
    expect(concluded).not.toContain('gc-pressure');
  });
});
