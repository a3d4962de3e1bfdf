/**
 * What a thread is doing, as tags the signatures count: a request thread waiting for a HikariCP
 * connection, a thread waiting on the database's socket, an idle pool worker, a JVM-internal
 * thread… Judged from frames and state only, so it works on every dump style.
 */
import type { Frame, JavaThread, ThreadDump } from './model';

export type ThreadTag =
  | 'hikari-waiter' // parked in ConcurrentBag.borrow / SynchronousQueue.poll under HikariPool.getConnection
  | 'hikari-housekeeper'
  | 'db-wait' // RUNNABLE in a socket read under a JDBC driver
  | 'io-wait' // RUNNABLE in a socket read (no JDBC driver below), an accept or a selector wait: blocked in the kernel, idle
  | 'idle-pool-worker' // parked in ThreadPoolExecutor.getTask (or ForkJoinPool.awaitWork): waiting for work
  | 'blocked-on-monitor'
  | 'gc'
  | 'vm';

export const THREAD_TAGS: readonly ThreadTag[] = [
  'hikari-waiter',
  'hikari-housekeeper',
  'db-wait',
  'io-wait',
  'idle-pool-worker',
  'blocked-on-monitor',
  'gc',
  'vm',
];

const is = (f: Frame | undefined, cls: string, method: string): boolean => f?.className === cls && f.method === method;

/** Frames of a blocking socket read, old (SocketInputStream) and NIO-based (JDK 13+ NioSocketImpl). */
const SOCKET_READ = new Set([
  'java.net.SocketInputStream.socketRead0',
  'java.net.SocketInputStream.socketRead',
  'java.net.SocketInputStream.read',
  'sun.nio.ch.NioSocketImpl.read',
  'sun.nio.ch.NioSocketImpl.timedRead',
  'sun.nio.ch.NioSocketImpl.implRead',
  'sun.nio.ch.NioSocketImpl.park',
  'sun.nio.ch.SocketDispatcher.read0',
  'sun.nio.ch.SocketDispatcher.read',
  'sun.nio.ch.SocketChannelImpl.read',
]);
/**
 * Frames of a thread waiting in the kernel for connections or readiness: the JVM reports it RUNNABLE,
 * but it is idle (a Netty/NIO event loop, an HTTP server's dispatcher, an acceptor).
 */
const IO_IDLE = new Set([
  'sun.nio.ch.EPoll.wait',
  'sun.nio.ch.EPollSelectorImpl.doSelect',
  'sun.nio.ch.KQueue.poll',
  'sun.nio.ch.KQueueSelectorImpl.doSelect',
  'sun.nio.ch.WEPoll.wait',
  'sun.nio.ch.WindowsSelectorImpl$SubSelector.poll0',
  'sun.nio.ch.PollSelectorImpl.poll',
  'sun.nio.ch.EPollArrayWrapper.epollWait',
  'sun.nio.ch.Net.poll',
  'sun.nio.ch.Net.accept',
  'sun.nio.ch.ServerSocketChannelImpl.accept0',
  'sun.nio.ch.NioSocketImpl.accept',
  'java.net.PlainSocketImpl.socketAccept',
  'java.net.PlainSocketImpl.accept0',
  'io.netty.channel.epoll.Native.epollWait',
  'io.netty.channel.epoll.Native.epollWait0',
  'io.netty.channel.epoll.Native.epollBusyWait0',
  'io.netty.channel.kqueue.Native.keventWait',
]);

/** How far from the top a socket read may sit (Net.poll, park, timedRead, implRead, read…). */
const SOCKET_DEPTH = 8;

const JDBC = ['org.postgresql.', 'com.mysql.', 'oracle.jdbc.', 'org.mariadb.', 'com.microsoft.sqlserver.'];

const HIKARI_WAIT = new Set([
  'java.util.concurrent.SynchronousQueue.poll',
  'com.zaxxer.hikari.util.ConcurrentBag.borrow',
  'com.zaxxer.hikari.util.QueuedSequenceSynchronizer.waitUntilSequenceExceeded', // HikariCP ≤ 2.4
]);

const GC_NAME =
  /^(?:GC task thread|GC Thread|ParGC Thread|G1 (?:Main Marker|Conc|Refine|Young RemSet Sampling|Service|Primary)|Gang worker|Concurrent Mark-Sweep GC Thread|Surrogate Locker Thread|SurrogateLockerThread|Z(?:Driver|Director|Stat|Unmapper|Worker|RuntimeWorker|Uncommitter|Refine)|XDriver|Shenandoah)/;
const VM_NAME =
  /^(?:VM Thread|VM Periodic Task Thread|Service Thread|Signal Dispatcher|C[12] CompilerThread\d*|CompilerThread\d*|Sweeper thread|Monitor Deflation Thread|Notification Thread|Attach Listener|Reference Handler|Finalizer|Common-Cleaner|Low Memory Detector|vitals sampler thread|JVMCI|Cleaner-\d+)$/;

const symbol = (f: Frame): string => `${f.className}.${f.method}`;

function socketReadAt(t: JavaThread): number {
  const n = Math.min(t.frames.length, SOCKET_DEPTH);
  for (let i = 0; i < n; i++) if (SOCKET_READ.has(symbol(t.frames[i]!))) return i;
  return -1;
}

function isWaiting(t: JavaThread): boolean {
  if (t.state === 'WAITING' || t.state === 'TIMED_WAITING') return true;
  const top = t.frames[0];
  return t.state === null && (t.parkingFor !== undefined || (top?.method === 'park' && /Unsafe$/.test(top.className ?? '')));
}

export function classifyThread(t: JavaThread): ThreadTag[] {
  const tags: ThreadTag[] = [];
  const frames = t.frames;

  const getConn = frames.findIndex((f) => is(f, 'com.zaxxer.hikari.pool.HikariPool', 'getConnection'));
  if (getConn > 0 && isWaiting(t) && frames.slice(0, getConn).some((f) => HIKARI_WAIT.has(symbol(f)))) tags.push('hikari-waiter');

  if (/\bhousekeeper\b/i.test(t.name) || frames.some((f) => f.className === 'com.zaxxer.hikari.pool.HikariPool$HouseKeeper')) {
    tags.push('hikari-housekeeper');
  }

  if (t.state === 'RUNNABLE' || t.state === null) {
    const r = socketReadAt(t);
    if (r >= 0) {
      const jdbc = frames.slice(r + 1).some((f) => JDBC.some((p) => f.className?.startsWith(p)));
      tags.push(jdbc ? 'db-wait' : 'io-wait');
    } else if (frames.slice(0, SOCKET_DEPTH).some((f) => IO_IDLE.has(symbol(f)))) {
      tags.push('io-wait');
    }
  }

  const idle = frames.some(
    (f) => (f.method === 'getTask' && /ThreadPoolExecutor$/.test(f.className ?? '')) || is(f, 'java.util.concurrent.ForkJoinPool', 'awaitWork'),
  );
  if (idle && isWaiting(t)) tags.push('idle-pool-worker');

  if (t.state === 'BLOCKED' || t.waitingToLock) tags.push('blocked-on-monitor');

  if (frames.length === 0 && GC_NAME.test(t.name)) tags.push('gc');
  else if (VM_NAME.test(t.name) || (frames.length === 0 && t.id === undefined && t.state === null && !t.headerMissing)) tags.push('vm');
  return tags;
}

/** Thread indexes per tag, for one dump (every tag present, possibly empty). */
export function tagThreads(dump: ThreadDump): Record<ThreadTag, number[]> {
  const out = Object.fromEntries(THREAD_TAGS.map((t) => [t, [] as number[]])) as unknown as Record<ThreadTag, number[]>;
  dump.threads.forEach((t, i) => {
    for (const tag of classifyThread(t)) out[tag].push(i);
  });
  return out;
}
