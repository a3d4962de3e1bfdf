/**
 * Stuck threads: the same thread (by name) RUNNABLE or BLOCKED with the same top frames in several
 * consecutive dumps — a request that never finishes, a spin loop, a lock never released. A thread
 * that merely waits in an idle native (accepting connections, a selector, the reference handler)
 * looks the same in every dump and is left out unless asked for.
 */
import { normaliseFrame } from './group';
import type { Frame, JavaThread, ThreadDump, ThreadState } from './model';

export interface StuckThread {
  name: string;
  /** State in each dump of the run. */
  states: ThreadState[];
  /** The top frames shared by the whole run (from the last dump). */
  frames: Frame[];
  /** Indexes into the `dumps` argument, consecutive. */
  dumpIndexes: number[];
  /** The thread's header line in each of those dumps (evidence). */
  lines: number[];
}

export interface StuckOptions {
  /** How many top frames must be identical (default 5). */
  topFrames?: number;
  /** How many consecutive dumps (default 3). */
  minDumps?: number;
  /** Also report threads idling in accept/select/poll natives (default false). */
  includeIdle?: boolean;
}

/** Top frames of threads that are RUNNABLE only in the JVM's bookkeeping: they wait for an event. */
const IDLE_TOP = new Set([
  'java.net.PlainSocketImpl.socketAccept',
  'java.net.PlainSocketImpl.accept0',
  'sun.nio.ch.Net.accept',
  'sun.nio.ch.ServerSocketChannelImpl.accept0',
  'sun.nio.ch.EPoll.wait',
  'sun.nio.ch.EPoll.epollWait',
  'sun.nio.ch.EPollArrayWrapper.epollWait',
  'sun.nio.ch.KQueue.poll',
  'sun.nio.ch.KQueue.keventPoll',
  'sun.nio.ch.KQueueArrayWrapper.kevent0',
  'sun.nio.ch.WindowsSelectorImpl$SubSelector.poll0',
  'sun.nio.ch.WEPoll.wait',
  'sun.nio.ch.PollArrayWrapper.poll0',
  'sun.nio.ch.DevPollArrayWrapper.poll0',
  'io.netty.channel.epoll.Native.epollWait',
  'io.netty.channel.epoll.Native.epollWait0',
  'io.netty.channel.epoll.Native.epollBusyWait0',
  'java.lang.ref.Reference.waitForReferencePendingList',
  'java.lang.ProcessHandleImpl.waitForProcessExit0',
  'java.lang.UNIXProcess.waitForProcessExit',
  'java.lang.VirtualThread.takeVirtualThreadListToUnblock',
  'sun.awt.X11.XToolkit.waitForEvents',
  'sun.misc.Signal.wait',
  'jdk.internal.misc.Signal.wait',
]);

export function isIdleNative(t: JavaThread): boolean {
  const top = t.frames[0];
  return top !== undefined && IDLE_TOP.has(`${top.className}.${top.method}`);
}

function identity(t: JavaThread, dup: boolean): string {
  return dup && t.id !== undefined ? `${t.name}\u0000#${t.id}` : t.name;
}

interface Run {
  sig: string;
  last: number;
  item: StuckThread;
}

export function stuckThreads(dumps: readonly ThreadDump[], opts: StuckOptions = {}): StuckThread[] {
  const k = opts.topFrames ?? 5;
  const minDumps = opts.minDumps ?? 3;
  const open = new Map<string, Run>();
  const done: StuckThread[] = [];
  const finish = (r: Run): void => {
    if (r.item.dumpIndexes.length >= minDumps) done.push(r.item);
  };
  dumps.forEach((dump, di) => {
    const counts = new Map<string, number>();
    for (const t of dump.threads) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
    for (const t of dump.threads) {
      if ((t.state !== 'RUNNABLE' && t.state !== 'BLOCKED') || t.frames.length === 0) continue;
      if (!opts.includeIdle && isIdleNative(t)) continue;
      const key = identity(t, (counts.get(t.name) ?? 0) > 1);
      const top = t.frames.slice(0, k);
      const sig = top.map(normaliseFrame).join('\n');
      const run = open.get(key);
      if (run && run.sig === sig && run.last === di - 1) {
        run.last = di;
        run.item.states.push(t.state);
        run.item.dumpIndexes.push(di);
        run.item.lines.push(t.line);
        run.item.frames = top;
        continue;
      }
      if (run) finish(run);
      open.set(key, { sig, last: di, item: { name: t.name, states: [t.state], frames: top, dumpIndexes: [di], lines: [t.line] } });
    }
  });
  for (const r of open.values()) finish(r);
  return done.sort((a, b) => b.dumpIndexes.length - a.dumpIndexes.length || a.lines[0]! - b.lines[0]!);
}
