import { clamp01, type CauseContext, type CauseRule } from '../types';

export const memoryLeak: CauseRule = {
  id: 'memory-leak',
  title: 'Objects accumulate on the heap (memory leak)',
  fix: 'Find who keeps the growing objects alive (heap dump, path to GC roots in Eclipse MAT) and bound or release them: caches with limits, listeners and sessions removed.',
  references: ['https://docs.oracle.com/en/java/javase/17/troubleshoot/troubleshooting-memory-leaks.html', 'https://eclipse.dev/mat/'],
  assess(ctx: CauseContext) {
    const growth = ctx.of('heap-growth');
    const mat = ctx.of('mat-leak-suspect');
    if (growth.length === 0 && mat.length === 0) return null;
    let conf = growth.length ? 0.6 : 0.55;
    const reasoning = [...growth, ...mat].slice(0, 3).map((f) => f.summary);
    if (growth.length && mat.length) conf += 0.1;
    if (growth.length && growth[0]!.data.live === false) {
      conf = Math.min(conf, 0.45);
      reasoning.push('The histograms were taken without :live, so they include garbage; `jmap -histo:live PID` (or `jcmd PID GC.class_histogram`) would confirm.');
    }
    if (ctx.has('jvm-out-of-memory')) {
      conf += 0.15;
      reasoning.push('The JVM then ran out of memory.');
    }
    return {
      confidence: clamp01(conf),
      summary: 'Live objects keep accumulating; the heap fills and GC work grows until the JVM fails.',
      reasoning,
      findings: [...(growth.length ? ['heap-growth'] : []), ...(mat.length ? ['mat-leak-suspect'] : []), ...(ctx.has('jvm-out-of-memory') ? ['jvm-out-of-memory'] : [])],
      evidence: [...growth, ...mat].flatMap((f) => f.evidence).slice(0, 4),
    };
  },
};
