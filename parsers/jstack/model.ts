/**
 * The typed model of a Java thread dump. One `ThreadDump` per dump in a file (a collector loop may
 * append several); analysis helpers (grouping, lock graph, classification, stuck threads) read only
 * this model, never the text.
 */

export type ThreadState = 'RUNNABLE' | 'BLOCKED' | 'WAITING' | 'TIMED_WAITING' | 'NEW' | 'TERMINATED';

export const THREAD_STATES: readonly ThreadState[] = ['RUNNABLE', 'BLOCKED', 'WAITING', 'TIMED_WAITING', 'NEW', 'TERMINATED'];

/** Which tool printed the dump, judged from its first thread header. */
export type DumpFormat =
  | 'hotspot' // jstack / jcmd Thread.print / kill -3: `"name" #12 daemon prio=5 … tid=0x… nid=0x… state [0x…]`
  | 'threadinfo' // java.lang.management.ThreadInfo style: `"name" Id=12 BLOCKED on …` or `"name" id=3149 in RUNNABLE`
  | 'visualvm' // VisualVM / NetBeans: `"name" - Thread t@625`
  | 'jcmd-text' // jcmd Thread.dump_to_file -format=text: `#21 "name" virtual`
  | 'unknown'; // a fragment that starts mid-thread and has no header at all

/** An object a thread locks, waits on or parks on. */
export interface LockRef {
  /**
   * Lower-case hex with `0x`, zero-padded to 16 digits so every rendering of the same object
   * compares equal: `<0x76ab62208>`, `<9fffffff59c52280>`, `Foo@5612c816` (VisualVM / ThreadInfo
   * identity hash) → `0x000000076ab62208`, `0x9fffffff59c52280`, `0x000000005612c816`.
   */
  id: string;
  className?: string;
}

/** A `- locked <…>` style annotation under a frame. */
export type FrameLockKind =
  | 'locked'
  | 'waiting to lock'
  | 'waiting on'
  | 'parking to wait for'
  | 'waiting to re-lock'
  | 'eliminated'
  | 'blocked on';

export interface FrameLock {
  kind: FrameLockKind;
  /** Absent when the dump says `<no object reference available>` or `<owner is scalar replaced>`. */
  lock?: LockRef;
}

export interface Frame {
  /** The frame as printed, without the leading `at `. */
  text: string;
  className?: string;
  method?: string;
  file?: string;
  lineNo?: number;
  /** `java.base@11.0.6` — from `(java.base@11.0.6/Foo.java:1)` or a `java.base@11.0.6/` prefix. */
  module?: string;
  native?: boolean;
  /** Lock lines printed under this frame, in order. */
  locks?: FrameLock[];
}

export interface JavaThread {
  name: string;
  /** Java thread id: `#12`, `Id=12`, `id=3149`, `t@625`. */
  id?: number;
  /** OS thread id printed in brackets after the Java id since JDK 19: `#9 [30467]`. */
  osId?: number;
  daemon: boolean;
  prio?: number;
  osPrio?: number;
  tid?: string;
  /** Native id as printed: `0x2803` (hex) or `30467` (decimal, macOS / HP-UX). */
  nid?: string;
  cpuMs?: number;
  elapsedS?: number;
  /** JDK 25 `jstack -e`: `allocated=44228K`. */
  allocatedBytes?: number;
  definedClasses?: number;
  /** A virtual thread (jcmd Thread.dump_to_file). */
  virtual?: boolean;
  /** JDK 21+: `Carrying virtual thread #N` — this carrier runs virtual thread N; its frames are N's. */
  carrying?: number;
  state: ThreadState | null;
  /** The parenthesised part of the state line (`parking`, `on object monitor`, `running in native`). */
  stateDetail?: string;
  /**
   * True when no `java.lang.Thread.State` line was printed (JDK 5, HP-UX) and the state was
   * derived from the header's status and the top frame.
   */
  stateInferred?: boolean;
  /** The header's status words: `waiting on condition`, `runnable`, `in Object.wait()`, `waiting for monitor entry`. */
  status?: string;
  frames: Frame[];
  /** The dump cut the stack short (`...` in ThreadInfo output, or the file ended mid-thread). */
  framesTruncated?: boolean;
  /** Monitors this thread holds (`- locked`), without the one it is waiting on in `Object.wait()`. */
  locksHeld: LockRef[];
  /** The monitor it is BLOCKED on (`- waiting to lock`). */
  waitingToLock?: LockRef;
  /** The monitor it is in `Object.wait()` on. */
  waitingOn?: LockRef;
  /** The object it is parked on (`- parking to wait for`): a ConditionObject, a lock's Sync… */
  parkingFor?: LockRef;
  /** `owned by "X"` as printed by ThreadInfo / VisualVM state lines. */
  lockOwnerName?: string;
  /** `jstack -l`: `Locked ownable synchronizers` (ReentrantLock syncs, worker locks…). */
  ownableSynchronizers: LockRef[];
  /** True for the part of a thread before the first header of a fragment (its header was cut off). */
  headerMissing?: boolean;
  /** 1-based lines of the header (or first line) and the last line of this thread. */
  line: number;
  endLine: number;
}

/** One thread of a deadlock cycle: what it waits for and who holds that. */
export interface DeadlockEdge {
  name: string;
  waitingFor: LockRef;
  heldBy: string;
  /** The JVM's monitor address (`waiting to lock monitor 0x…`), when printed. */
  monitor?: string;
  kind: 'monitor' | 'synchronizer';
}

export interface Deadlock {
  threads: DeadlockEdge[];
  /** `Found one Java-level deadlock:` line for `jvm`; the first cycle thread's header for `lock-graph`. */
  line: number;
  /** `jvm`: printed by the JVM; `lock-graph`: found from the threads' lock lines and not printed. */
  source: 'jvm' | 'lock-graph';
}

export interface ThreadDump {
  type: 'thread-dump';
  /** `OpenJDK 64-Bit Server VM (11.0.6+10 mixed mode)` from the `Full thread dump …:` line. */
  jvm?: string;
  format: DumpFormat;
  /** First line of the dump (its time stamp or `Full thread dump` line, else its first thread) and last line. */
  line: number;
  endLine: number;
  threads: JavaThread[];
  deadlocks: Deadlock[];
  /** `Threads class SMR info: … length=N`. */
  smrLength?: number;
  jniGlobalRefs?: number;
  jniWeakRefs?: number;
  /** The `Heap` section's lines, trimmed, when the dump printed one. */
  heap?: string[];
}
