import { LEVELS, type LogRecord } from '../../../parsers/types';
import { fieldsOf, plural, singleFinding } from '../findings-from-hits';
import { errorChain, recordText } from '../record-text';
import type { Occurrence } from '../../model/occurrence';
import type { Signature } from '../types';
import { OOM_MEANING, oomKind, type OomKind } from './oom-kinds';

export const JVM_OUT_OF_MEMORY = 'jvm-out-of-memory';

export interface OomData {
  /** `Java heap space`, `GC overhead limit exceeded`, `Metaspace`… as printed → count. */
  kinds: Record<string, number>;
  /** The same, by typed kind. */
  byKind: Partial<Record<OomKind, number>>;
}

export interface OomOcc extends Occurrence {
  /** The message after `OutOfMemoryError: `, as printed (or `OutOfMemoryError` when there is none). */
  kind: string;
  oom: OomKind;
}

const OOM = /java\.lang\.OutOfMemoryError(?::\s*([^\n]*))?/;

/** The OOM's message, from the record's text or, when the error sits below it, from its cause chain. */
function printed(message: string, chain: readonly string[] = []): string {
  for (const t of [message, ...chain]) {
    const m = OOM.exec(t);
    if (m) return m[1]?.trim() || 'OutOfMemoryError';
  }
  return 'OutOfMemoryError';
}

export const jvmOutOfMemory: Signature<typeof JVM_OUT_OF_MEMORY, OomData, OomOcc> = {
  id: JVM_OUT_OF_MEMORY,
  title: 'JVM ran out of memory',
  severity: 'critical',
  explanation:
    'The JVM threw OutOfMemoryError; what follows the colon says which memory ran out, and each points elsewhere. "Java heap space" and ' +
    '"GC overhead limit exceeded": the heap was full of live objects (a leak if the live set after full collections kept rising, a working ' +
    'set too big for the heap if it fell back). "Metaspace" / "Compressed class space": classes loaded and never unloaded (a class-loader leak). ' +
    '"unable to create (new) native thread": the OS refused a thread (a thread leak or a process limit). "Direct buffer memory" / "Cannot ' +
    'reserve … bytes of direct buffer memory": off-heap buffers not released. "Requested array size exceeds VM limit": one impossible allocation.',
  fix:
    'Heap kinds: capture live heap histograms (`jmap -histo:live`) a few minutes apart, or a heap dump (-XX:+HeapDumpOnOutOfMemoryError), and ' +
    'compare what grows; raise -Xmx only once nothing leaks. Metaspace: `jcmd PID VM.classloader_stats` over time. Native thread: count threads ' +
    'by name across thread dumps. Direct buffers: -XX:NativeMemoryTracking=summary and who allocates ByteBuffer.allocateDirect.',
  references: [
    'https://docs.oracle.com/en/java/javase/17/troubleshoot/troubleshooting-memory-leaks.html',
    'https://github.com/openjdk/jdk/blob/jdk-17%2B35/src/hotspot/share/memory/universe.cpp',
  ],
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
      const byKind: Partial<Record<OomKind, number>> = {};
      for (const e of events) {
        const k = printed(e.message, errorChain(fieldsOf(e)));
        kinds.set(k, (kinds.get(k) ?? 0) + 1);
        const t = oomKind(k);
        byKind[t] = (byKind[t] ?? 0) + 1;
      }
      const meaning = (Object.keys(byKind) as OomKind[]).map((k) => OOM_MEANING[k]).join('; ');
      return { summary: `${plural(count, 'OutOfMemoryError')} logged (${[...kinds.keys()].slice(0, 3).join(', ')}): ${meaning}.`, data: { kinds: Object.fromEntries(kinds), byKind } };
    }, (e, base) => {
      const kind = printed(e.message, base.chain);
      return { ...base, kind, oom: oomKind(kind) };
    });
  },
};
