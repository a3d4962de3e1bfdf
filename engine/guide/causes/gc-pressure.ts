import { plural } from '../../signatures/findings-from-hits';
import { clamp01, type CauseContext, type CauseRule } from '../types';

export const gcPressure: CauseRule = {
  id: 'gc-pressure',
  title: 'The JVM spent its time collecting garbage (heap exhausted or pauses too long)',
  fix:
    'Compare heap histograms over time to find what grows and fix the leak or the oversized cache; size the heap for the live set; ' +
    'keep GC logging on (-Xlog:gc*) and -XX:+HeapDumpOnOutOfMemoryError; make sure the heap is never swapped.',
  references: ['https://docs.oracle.com/en/java/javase/17/gctuning/', 'https://docs.oracle.com/en/java/javase/17/troubleshoot/troubleshooting-memory-leaks.html'],
  assess(ctx: CauseContext) {
    const oom = ctx.of('jvm-out-of-memory');
    const overhead = ctx.of('gc-overhead');
    const pauses = ctx.of('gc-pause');
    if (oom.length === 0 && overhead.length === 0 && pauses.length === 0) return null;
    const reasoning: string[] = [];
    const used: string[] = [];
    let conf = 0;
    if (oom.length) {
      const kinds = Object.keys(oom[0]!.data.kinds ?? {});
      conf = kinds.some((k) => /GC overhead|heap space/i.test(k)) ? 0.7 : 0.45;
      used.push('jvm-out-of-memory');
      reasoning.push(`${plural(ctx.count('jvm-out-of-memory'), 'OutOfMemoryError')} (${kinds.join(', ')}).`);
    }
    if (overhead.length) {
      conf = Math.max(conf, 0.6) + (overhead[0]!.severity === 'critical' ? 0.1 : 0);
      used.push('gc-overhead');
      reasoning.push(overhead[0]!.summary);
    }
    if (pauses.length) {
      conf = Math.max(conf, 0.45) + (oom.length || overhead.length ? 0.05 : 0);
      used.push('gc-pause');
      reasoning.push(pauses[0]!.summary);
    }
    if (ctx.has('heap-growth')) reasoning.push('Heap histograms show what accumulates (see memory-leak).');
    return {
      confidence: clamp01(conf),
      summary: 'Garbage collection stopped or starved the application: the heap was (nearly) full.',
      reasoning,
      findings: used,
      evidence: [...oom, ...overhead, ...pauses].flatMap((f) => f.evidence).slice(0, 5),
    };
  },
};
