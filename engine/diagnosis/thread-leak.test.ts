/**
 * A thread leak, on the real bundle of thread-leak-java (a request handler that creates
 * Executors.newFixedThreadPool(4) per request and never shuts it down, in a cgroup with pids.max=320, until
 * OutOfMemoryError: unable to create native thread), and its look-alike memory-leak-java (OutOfMemoryError:
 * Java heap space while the thread count stays flat) and incident-5-slow-reader (a thread per connection piling
 * up in the program's own code behind a slow peer), which must not become a thread leak. Analysed again
 * without the thread dumps: the OOM's kind alone still names a thread leak, not a heap problem.
 */
import { describe, expect, it } from 'vitest';
import { sampleAnalyser } from '../../test/support/analyze-sample';

const analyse = sampleAnalyser('thread-leak');

describe('thread-leak-java: an executor per request until unable to create native thread', () => {
  it('names the growing thread group and the executors nobody shut down', async () => {
    const { r, first, concluded } = await analyse('thread-leak-java', true);
    expect(first.cause).toBe('thread-leak');
    expect(first.confidence).toBeGreaterThanOrEqual(0.8);
    expect(first.summary).toContain('"pool-N-thread-M" threads');
    expect(first.fix).toMatch(/executors nobody shut down/);
    expect(first.fix).toContain('Executors.new');
    expect(first.reasoning.join(' ')).toMatch(/ThreadPoolExecutor\.getTask/);
    expect(first.reasoning.join(' ')).toMatch(/unable to create native thread/);
    const growth = r.findings.find((f) => f.signature === 'thread-count-growth');
    expect(growth?.data).toMatchObject({ groups: [expect.objectContaining({ pattern: 'pool-N-thread-M' })] });
    // The OOM line is cited: its stack names the code under Thread.start.
    expect(first.evidence.some((e) => /unable to create native thread/.test(e.excerpt ?? ''))).toBe(true);
    for (const c of ['memory-leak', 'gc-pressure'] as const) expect(concluded).not.toContain(c);
  });

  it('is a thread leak from the OutOfMemoryErrors alone (no dumps), not a heap problem', async () => {
    const { first, concluded } = await analyse('thread-leak-java', false);
    expect(first.cause).toBe('thread-leak');
    expect(first.reasoning.join(' ')).toMatch(/jstack/);
    for (const c of ['memory-leak', 'gc-pressure'] as const) expect(concluded).not.toContain(c);
  });
});

describe('memory-leak-java: a heap OutOfMemoryError is not a thread leak', () => {
  it('does not conclude thread-leak', async () => {
    const { first, r } = await analyse('memory-leak-java', true);
    expect(first.cause).toBe('memory-leak');
    expect(r.rootCauses.map((c) => c.cause)).not.toContain('thread-leak');
  });
});

describe('incident-5-slow-reader: threads that pile up on stuck work are not concluded a leak', () => {
  it('lists thread-leak at most as a possibility', async () => {
    const { first, r, concluded } = await analyse('incident-5-slow-reader', true);
    expect(first.cause).toBe('slow-reader');
    expect(concluded).not.toContain('thread-leak');
    const tl = r.rootCauses.find((c) => c.cause === 'thread-leak');
    if (tl) expect(tl.summary).toMatch(/stuck on work/);
  });
});
