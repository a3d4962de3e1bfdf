/** The symptoms a walk starts from, each with the hypotheses that could explain it. */
import { CHECKS as C } from './checks';
import type { Hypothesis, Symptom } from './types';

const frozen: Hypothesis = {
  id: 'process-frozen',
  title: 'The process was frozen (host starvation or GC)',
  explanation:
    "If the process was not running — starved of CPU or held to its container's CPU quota, swapped out, a stopped VM or container, or stopped by GC — " +
    'everything it does looks slow or dead, and waits measured across the freeze look like timeouts.',
  checks: [C.housekeeperLate, C.logSilence, C.cpuThrottled, C.gcPauses],
  causes: ['process-starvation', 'gc-pressure'],
};
const loopBlocked: Hypothesis = {
  id: 'event-loop-blocked',
  title: 'The Node event loop was blocked by synchronous work',
  explanation:
    'While one callback runs synchronously — a huge JSON.stringify, a backtracking regular expression, *Sync crypto or compression — a Node process ' +
    'reads no request and fires no timer: every route waits at once and its log goes silent, as if frozen, but the process burns CPU meanwhile.',
  checks: [C.eventLoopDelay, C.logSilence, C.http5xx],
  causes: ['event-loop-blocked'],
  runtime: 'node',
};
const poolExhausted: Hypothesis = {
  id: 'pool-exhausted',
  title: 'The connection pool was exhausted (leak or slow queries)',
  explanation:
    'If every connection is held — leaked, or stuck in slow queries — requests queue for one and time out (HikariCP, node-postgres pg.Pool, Knex, ' +
    'Sequelize, mysql2, Go database/sql alike).',
  checks: [C.poolSaturated, C.poolTimeouts, C.connectionLeak, C.dbSlow],
  causes: ['connection-leak', 'pool-saturation'],
};
const databaseDown: Hypothesis = {
  id: 'database-down',
  title: 'The database was unavailable',
  explanation: 'If the database refuses or drops connections, every request that needs it fails.',
  checks: [C.dbRefused, C.idleClosed],
  causes: ['database-unavailable', 'idle-connections-closed'],
};
const locked: Hypothesis = {
  id: 'threads-locked',
  title: 'Threads are deadlocked or stuck',
  explanation: 'Threads that cannot proceed keep their requests waiting until clients give up.',
  checks: [C.stuckOrLocked],
  causes: ['deadlock'],
  runtime: 'jvm',
};
const lockContended: Hypothesis = {
  id: 'lock-contended',
  title: 'Requests queue on a lock held during slow work',
  explanation:
    'A lock held across a call to another service, a file or socket operation, a sleep or heavy computation makes every request that needs it wait ' +
    'for the holder: they pile up while it is slow and drain when it is done.',
  checks: [C.lockQueued, C.http5xx],
  causes: ['lock-contention'],
};
const goroutinesLeak: Hypothesis = {
  id: 'goroutines-leak',
  title: 'Goroutines leak (started per request or connection, never return)',
  explanation: 'Leaked goroutines keep their memory, sockets and sometimes CPU; the process degrades with uptime.',
  checks: [C.goroutineGrowth],
  causes: ['goroutine-leak'],
  runtime: 'go',
};
const httpBodies: Hypothesis = {
  id: 'http-bodies-open',
  title: 'Outbound HTTP responses are not closed',
  explanation: 'Unclosed response bodies keep their connections: new connections for every call, goroutines and sockets pile up, latency and memory climb.',
  checks: [C.httpBodies, C.http5xx],
  causes: ['http-body-not-closed'],
  runtime: 'go',
};
const fdLeak: Hypothesis = {
  id: 'descriptor-leak',
  title: 'Sockets are opened and never closed',
  explanation: 'Connections that only accumulate end in EMFILE; the peer whose sockets grow tells which client code leaks them.',
  checks: [C.emfile, C.fdSocketGrowth, C.closeWait],
  causes: ['socket-leak'],
};
const fileLeak: Hypothesis = {
  id: 'file-leak',
  title: 'Files are opened and never closed',
  explanation: 'Files (or pipes, eventfds) that only accumulate end in EMFILE too; the path they are open on, and a dump of the code using them, tell where.',
  // EMFILE says the table is full, not what filled it: it weighs here but supports neither reading alone.
  checks: [{ ...C.emfile, corroborates: true }, C.fdFileGrowth],
  causes: ['file-leak'],
};
const busy: Hypothesis = {
  id: 'busy-loop',
  title: 'Code spins in a loop that never blocks',
  explanation: 'A loop that never waits burns a core per goroutine or thread running it.',
  checks: [C.busyGoroutines, C.busyThreads, C.cpuProfile, C.stuckOrLocked],
  causes: ['busy-loop'],
};
const gc: Hypothesis = {
  id: 'gc-thrashing',
  title: 'The JVM is collecting garbage most of the time',
  explanation: 'A nearly full heap makes the collector run back to back; CPU goes to GC and threads stop during pauses.',
  checks: [C.gcPauses, C.heapGrowth],
  causes: ['gc-pressure', 'memory-leak'],
  runtime: 'jvm',
};
const heapLeak: Hypothesis = {
  id: 'heap-leak',
  title: 'Objects accumulate on the heap',
  explanation: 'Live objects that only accumulate fill the heap until GC thrashes and the JVM fails.',
  checks: [C.heapGrowth, C.liveSetRising, C.oomHeap, C.gcPauses],
  causes: ['memory-leak', 'gc-pressure'],
  runtime: 'jvm',
};
const heapTooSmall: Hypothesis = {
  id: 'heap-too-small',
  title: 'The heap is too small for the work it is given',
  explanation: 'A job or a burst that needs most of the heap at once makes the collector run back to back; when it is done, the heap empties again.',
  checks: [C.liveSetFellBack, C.gcPauses, C.oomHeap],
  causes: ['gc-pressure'],
  runtime: 'jvm',
};
const classLoaderLeak: Hypothesis = {
  id: 'class-loader-leak',
  title: 'Classes pile up in metaspace (class-loader leak)',
  explanation: 'Class loaders kept reachable keep every class they loaded: metaspace fills until OutOfMemoryError: Metaspace.',
  checks: [C.oomMetaspace],
  causes: ['memory-leak'],
  runtime: 'jvm',
};
const threadLeak: Hypothesis = {
  id: 'thread-leak',
  title: 'Threads are created and never end',
  explanation: 'Every thread costs a stack outside the heap and a task of the OS: when they only accumulate, thread creation fails (unable to create native thread).',
  checks: [C.oomNativeThread],
  causes: ['thread-leak'],
  runtime: 'jvm',
};
const offHeap: Hypothesis = {
  id: 'off-heap',
  title: 'Direct buffers are allocated and not released (off-heap)',
  explanation: 'Direct ByteBuffers live outside the heap up to -XX:MaxDirectMemorySize; pools that never return them exhaust it while the heap looks fine.',
  checks: [C.oomDirect],
  causes: [],
  runtime: 'jvm',
};
const slowReader: Hypothesis = {
  id: 'slow-reader',
  title: 'A socket reader is stalled by the work it does',
  explanation: 'A reader that processes before reading the next message stops reading under load; heartbeats queue unread and the peer gives up.',
  checks: [C.recvBacklog, C.sendBacklog],
  causes: ['slow-reader'],
};
const peerFailing: Hypothesis = {
  id: 'peer-failing',
  title: 'A peer or the network drops connections',
  explanation: 'Resets, timeouts and refusals toward one peer point at that peer or the path to it.',
  checks: [C.peerErrors, C.dbRefused],
  causes: ['database-unavailable'],
};

export const SYMPTOMS: readonly Symptom[] = [
  {
    id: 'timeouts-5xx',
    title: 'Requests time out / 5xx',
    description: 'The service stops answering, answers slowly, or fails with server errors.',
    signals: { 'hikari-pool-timeout': 3, 'client-pool-timeout': 3, 'http-5xx-burst': 3, 'slow-responses': 2, 'call-timeouts': 2, 'hikari-starvation': 2, 'log-silence-gap': 1, 'pool-waiters': 2, 'go-sql-pool-waiters': 2, 'java-deadlock': 2, 'lock-contention': 1, 'go-lock-contention': 1 },
    hypotheses: [frozen, loopBlocked, poolExhausted, databaseDown, locked, lockContended, httpBodies],
  },
  {
    id: 'too-many-open-files',
    title: 'Too many open files',
    description: 'EMFILE / "too many open files": accepts, connects and opens fail.',
    signals: { 'node-emfile': 4, 'fd-growth': 3, 'close-wait-accumulation': 2, 'grpc-transport-growth': 1 },
    hypotheses: [fdLeak, fileLeak, goroutinesLeak, httpBodies],
  },
  {
    id: 'cpu-high',
    title: 'CPU high',
    description: 'The process burns CPU far beyond its load.',
    signals: { 'busy-goroutines': 4, 'busy-threads': 4, 'gc-overhead': 3, 'stuck-threads': 1, 'cpu-profile-hotspot': 1 },
    hypotheses: [busy, gc],
  },
  {
    id: 'memory-growing',
    title: 'Memory keeps growing / OutOfMemoryError',
    description:
      'Memory (and often latency and CPU) climb with uptime until a restart, or the JVM throws OutOfMemoryError: Java heap space, GC overhead ' +
      'limit exceeded, Metaspace, unable to create native thread, Direct buffer memory.',
    signals: { 'heap-growth': 3, 'gc-live-set': 3, 'mat-leak-suspect': 3, 'http-body-leak': 4, 'goroutine-growth': 3, 'goroutine-blocked': 2, 'jvm-out-of-memory': 3, 'thread-count-growth': 2 },
    hypotheses: [httpBodies, goroutinesLeak, heapLeak, heapTooSmall, classLoaderLeak, threadLeak, offHeap],
  },
  {
    id: 'db-connection-errors',
    title: 'Database connection errors',
    description: 'Connections to the database fail, time out or are found dead.',
    signals: { 'db-connection-refused': 3, 'hikari-broken-connection': 2, 'hikari-validation-failure': 2 },
    hypotheses: [databaseDown, frozen, poolExhausted],
  },
  {
    id: 'peers-disconnect',
    title: 'Peers disconnect',
    description: 'Clients or servers drop the connection: missed heartbeats, resets, timeouts.',
    signals: { 'recv-queue-backlog': 4, 'send-queue-backlog': 3, 'node-connection-errors': 2 },
    hypotheses: [slowReader, frozen, peerFailing],
  },
];
