/**
 * The lines inside one thread's block: the state line, frames, lock annotations and the ownable
 * synchronizer list, in HotSpot, ThreadInfo, VisualVM and jcmd renderings.
 */
import { parseLockTarget } from './lock-ref';
import { THREAD_STATES, type FrameLock, type FrameLockKind, type LockRef, type ThreadState } from './model';

export interface StateLine {
  state: ThreadState | null;
  detail?: string;
  /** VisualVM: `WAITING on java.util.TaskQueue@7311acb7`. */
  lock?: LockRef;
  ownerName?: string;
}

const STATE_PREFIX = /^\s*java\.lang\.Thread\.State:\s*/;

/** `   java.lang.Thread.State: TIMED_WAITING (parking)` and VisualVM's `… WAITING on X@hash owned by: T`. */
export function parseStateLine(line: string): StateLine | null {
  const p = STATE_PREFIX.exec(line);
  if (!p) return null;
  const rest = line.slice(p[0].length).trim();
  const word = /^[A-Z_]+/.exec(rest)?.[0] ?? '';
  const out: StateLine = { state: (THREAD_STATES as readonly string[]).includes(word) ? (word as ThreadState) : null };
  const tail = rest.slice(word.length).trim();
  const paren = /^\((.*)\)$/.exec(tail);
  if (paren) out.detail = paren[1]!;
  else if (tail.startsWith('on ')) {
    const owned = tail.indexOf(' owned by');
    const target = owned >= 0 ? tail.slice(3, owned) : tail.slice(3);
    const lock = parseLockTarget(target);
    if (lock) out.lock = lock;
    if (owned >= 0) out.ownerName = tail.slice(owned + ' owned by'.length).replace(/^:?\s*/, '').replace(/^"(.*)"$/, '$1');
  } else if (tail) out.detail = tail;
  return out;
}

/** `\tat Foo.bar(Foo.java:1)` → `Foo.bar(Foo.java:1)`; null if not a frame line. */
export function frameText(line: string): string | null {
  const m = /^\s+at\s+(\S.*)$/.exec(line);
  return m ? m[1]!.trimEnd() : null;
}

/**
 * jcmd Thread.dump_to_file frames have no `at`: `      java.base/java.lang.Thread.sleep(Thread.java:509)`.
 * Only accepted inside a jcmd-text dump, where nothing else is indented that way.
 */
export function bareFrameText(line: string): string | null {
  const m = /^\s+([\w$.@/-]+\.[\w$<>-]+\(.*\))\s*$/.exec(line);
  return m ? m[1]! : null;
}

const LOCK_KINDS: readonly [string, FrameLockKind][] = [
  ['waiting to re-lock in wait()', 'waiting to re-lock'],
  ['waiting to lock', 'waiting to lock'],
  ['parking to wait for', 'parking to wait for'],
  ['waiting on', 'waiting on'],
  ['locked', 'locked'],
  ['eliminated', 'eliminated'],
  ['blocked on', 'blocked on'],
];

/** `\t- waiting to lock <0x…> (a java.lang.Object)`, ThreadInfo `\t-  locked java.lang.Object@1a2b`. */
export function parseLockLine(line: string): FrameLock | null {
  const m = /^\s*-\s+/.exec(line);
  if (!m) return null;
  const rest = line.slice(m[0].length);
  for (const [prefix, kind] of LOCK_KINDS) {
    if (rest.startsWith(prefix)) {
      const lock = parseLockTarget(rest.slice(prefix.length));
      return lock ? { kind, lock } : { kind };
    }
  }
  return null;
}

/** `Locked ownable synchronizers:` (jstack -l), `Locked synchronizers: count = 1`, `Number of locked synchronizers = 1`. */
export function isOwnableHeader(line: string): boolean {
  return /^\s*(?:Locked ownable synchronizers:|Locked synchronizers: count = \d+|Number of locked synchronizers = \d+)\s*$/.test(line);
}

/**
 * An entry of the ownable list: `- <0x…> (a X)`, `- locked X@hash` (VisualVM), `- X@hash`
 * (ThreadInfo), `- None`. Returns `'none'` for `- None`, null if the line is no entry.
 */
export function parseOwnableLine(line: string): LockRef | 'none' | null {
  const m = /^\s*-\s+(.*)$/.exec(line);
  if (!m) return null;
  const rest = m[1]!.trim();
  if (rest === 'None') return 'none';
  return parseLockTarget(rest.startsWith('locked ') ? rest.slice(7) : rest);
}

/** `Carrying virtual thread #29` (JDK 21+: replaces the state line of a carrier). */
export function carriedThread(line: string): number | null {
  const m = /^\s*Carrying virtual thread #(\d+)\s*$/.exec(line);
  return m ? Number(m[1]) : null;
}

/** Lines HotSpot prints inside a thread block that carry nothing we model. */
export function isThreadNote(line: string): boolean {
  return /^\s+(?:No compile task|Compiling:|JavaThread state:|<virtual thread is mounted on carrier thread|<pinned|\.\.\.$)/.test(line);
}
