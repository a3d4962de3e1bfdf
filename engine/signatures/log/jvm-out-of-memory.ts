import { LEVELS, type LogRecord } from '../../../parsers/types';
import { plural, singleFinding } from '../findings-from-hits';
import { recordText } from '../record-text';
import type { Occurrence } from '../../model/occurrence';
import type { Signature } from '../types';

export const JVM_OUT_OF_MEMORY = 'jvm-out-of-memory';

export interface OomData {
  /** `Java heap space`, `GC overhead limit exceeded`, `Metaspace`… → count. */
  kinds: Record<string, number>;
}

export interface OomOcc extends Occurrence {
  kind: string;
}

const OOM = /java\.lang\.OutOfMemoryError(?::\s*([^\n]*))?/;

export const jvmOutOfMemory: Signature<typeof JVM_OUT_OF_MEMORY, OomData, OomOcc> = {
  id: JVM_OUT_OF_MEMORY,
  title: 'JVM ran out of memory',
  severity: 'critical',
  explanation:
    'The JVM threw OutOfMemoryError. "GC overhead limit exceeded" and "Java heap space" mean the heap was full of live objects and ' +
    'the collector ran almost continuously before giving up — the whole process slows to a crawl first. "unable to create native ' +
    'thread" and "Metaspace" point at thread or class-loader leaks instead.',
  fix:
    'Capture heap histograms (`jmap -histo`) or a heap dump at the next occurrence and compare what grows; enable GC logging; set ' +
    '-XX:+HeapDumpOnOutOfMemoryError. Raise -Xmx only once nothing leaks.',
  references: ['https://docs.oracle.com/en/java/javase/17/troubleshoot/troubleshooting-memory-leaks.html'],
  samples: {
    parser: 'java-log',
    match: [
      '2024-01-10 03:12:44.001 ERROR 911 --- [nio-8080-exec-3] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() threw exception\n' +
        'java.lang.OutOfMemoryError: GC overhead limit exceeded\n' +
        '\tat java.util.Arrays.copyOf(Arrays.java:3332)',
    ],
    noMatch: ['2024-01-10 03:12:44.001  INFO 911 --- [main] c.e.App : heap dump on OutOfMemoryError enabled'],
  },
  match(r: LogRecord) {
    if (r.level !== null && r.level < LEVELS.WARN && !r.continuation.length) return false;
    return OOM.test(recordText(r));
  },
  detect(ctx) {
    return singleFinding(this, ctx, (events, count) => {
      const kinds = new Map<string, number>();
      for (const e of events) {
        const k = OOM.exec(e.message)?.[1]?.trim() || 'OutOfMemoryError';
        kinds.set(k, (kinds.get(k) ?? 0) + 1);
      }
      return { summary: `${plural(count, 'OutOfMemoryError')} logged.`, data: { kinds: Object.fromEntries(kinds) } };
    }, (e, base) => ({ ...base, kind: OOM.exec(e.message)?.[1]?.trim() || 'OutOfMemoryError' }));
  },
};
