/**
 * The kinds of java.lang.OutOfMemoryError, by the message HotSpot and the JDK put after the colon. Each
 * kind has its own mechanism, so its own cause: the heap filling (a leak or a working set too big for
 * it), classes piling up in metaspace (a class-loader leak), threads the OS will not create (a thread
 * leak), direct buffers beyond -XX:MaxDirectMemorySize (off-heap), one array too large to allocate.
 * Wordings (JDK 8 to 21): hotspot/share/memory/universe.cpp (`Java heap space`, `Metaspace`, `Compressed
 * class space`, `Requested array size exceeds VM limit`, `GC overhead limit exceeded`, `Java heap space:
 * failed reallocation of scalar replaced objects`); os.hpp's OS_NATIVE_THREAD_CREATION_FAILED_MSG
 * `unable to create native thread: possibly out of memory or process/resource limits reached` (JDK 11+;
 * JDK 8 printed `unable to create new native thread`); java.nio.Bits.reserveMemory `Direct buffer memory`
 * (JDK 8-16), `Cannot reserve N bytes of direct buffer memory (allocated: A, limit: L)` (JDK 17+);
 * `PermGen space` (JDK 7 and before); FileChannelImpl.map's `Map failed`.
 */
export type OomKind = 'heap' | 'gc-overhead' | 'metaspace' | 'compressed-class-space' | 'native-thread' | 'array-size' | 'direct-buffer' | 'mapped-file' | 'other';

const KINDS: [RegExp, OomKind][] = [
  [/^Java heap space/i, 'heap'],
  [/^GC overhead limit exceeded/i, 'gc-overhead'],
  [/^(?:Metaspace|PermGen space)/i, 'metaspace'],
  [/^Compressed class space/i, 'compressed-class-space'],
  [/^unable to create (?:new )?native thread/i, 'native-thread'],
  [/^Requested array size exceeds VM limit/i, 'array-size'],
  [/^(?:Direct buffer memory|Cannot reserve \d+ bytes of direct buffer memory)/i, 'direct-buffer'],
  [/^Map failed/i, 'mapped-file'],
];

/** The kind of an OutOfMemoryError from its message (what follows `OutOfMemoryError: `). */
export function oomKind(message: string): OomKind {
  const m = message.trim();
  for (const [re, kind] of KINDS) if (re.test(m)) return kind;
  return 'other';
}

/** Kinds that say the Java heap was full: a leak or a working set too big decide between memory-leak and gc-pressure. */
export const HEAP_KINDS: ReadonlySet<OomKind> = new Set(['heap', 'gc-overhead']);
/** Kinds that say classes piled up: a class-loader leak (redeploys, per-request proxies or scripts). */
export const CLASS_KINDS: ReadonlySet<OomKind> = new Set(['metaspace', 'compressed-class-space']);

/** What each kind means, for the finding and the causes' reasoning. */
export const OOM_MEANING: Record<OomKind, string> = {
  heap: 'the Java heap was full of live objects: a leak, or a working set larger than -Xmx',
  'gc-overhead': 'the collector spent over 98% of the time recovering under 2% of the heap: the heap was full of live objects',
  metaspace: 'class metadata filled metaspace (-XX:MaxMetaspaceSize): classes keep being loaded and never unloaded, a class-loader leak',
  'compressed-class-space': 'class metadata filled the compressed class space: classes keep being loaded and never unloaded, a class-loader leak',
  'native-thread': 'the OS refused a new thread (ulimit -u, pids.max, memory for stacks): threads keep being created and never end, a thread leak',
  'array-size': 'one array larger than the VM allows was requested: a size computed wrong or a collection grown past 2^31 elements, not a full heap',
  'direct-buffer': 'direct (off-heap) buffers reached -XX:MaxDirectMemorySize: buffers allocated and not released, outside the heap',
  'mapped-file': 'mapping a file into memory failed: address space or map count (vm.max_map_count) exhausted, outside the heap',
  other: 'the JVM ran out of a memory resource',
};
