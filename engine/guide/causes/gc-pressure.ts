import { plural } from '../../signatures/findings-from-hits';
import { clamp01, type CauseContext, type CauseRule } from '../types';

export const gcPressure: CauseRule = {
  id: 'gc-pressure',
  title: 'The JVM spent its time collecting garbage (heap exhausted)',
  fix:
    'Compare heap histograms over time to find what grows and fix the leak or the oversized cache; size the heap for the live set; ' +
    'keep GC logging on (-Xlog:gc*) and -XX:+HeapDumpOnOutOfMemoryError.',
  references: ['https://docs.oracle.com/en/java/javase/17/gctuning/'],
  assess(ctx: CauseContext) {
    const oom = ctx.of('jvm-out-of-memory');
    if (oom.length === 0) return null;
    const kinds = Object.keys(oom[0]!.data.kinds ?? {});
    const heap = kinds.some((k) => /GC overhead|heap space/i.test(k));
    return {
      confidence: clamp01(heap ? 0.7 : 0.45),
      summary: 'The heap filled up and the JVM threw OutOfMemoryError.',
      reasoning: [`${plural(ctx.count('jvm-out-of-memory'), 'OutOfMemoryError')} (${kinds.join(', ')}).`],
      findings: ['jvm-out-of-memory'],
      evidence: oom.flatMap((f) => f.evidence).slice(0, 4),
    };
  },
};
