/** Every signature Rootline detects, in display order. One module each. */
import { dbConnectionRefused } from './log/db-connection-refused';
import { dbSessionTimeouts } from './log/db-session-timeouts';
import { dbSlowQueries } from './log/db-slow-queries';
import { hikariBrokenConnection } from './log/hikari-broken-connection';
import { hikariLeak } from './log/hikari-leak';
import { hikariPoolSaturated } from './log/hikari-pool-saturated';
import { hikariPoolTimeout } from './log/hikari-pool-timeout';
import { clientPoolTimeout } from './log/client-pool-timeout';
import { poolNotReturned } from './log/pool-not-returned';
import { goSqlPoolWaiters } from './go/sql-pool-waiters';
import { hikariStarvation } from './log/hikari-starvation';
import { hikariValidationFailure } from './log/hikari-validation-failure';
import { http5xxBurst } from './log/http-5xx-burst';
import { jvmOutOfMemory } from './log/jvm-out-of-memory';
import { logSilenceGap } from './log/log-silence-gap';
import { eventLoopDelay } from './log/event-loop-delay';
import { nodeConnectionErrors } from './log/node-connection-errors';
import { nodeEmfile } from './log/node-emfile';
import { slowResponses } from './log/slow-responses';
import { callTimeouts } from './log/call-timeouts';
import { busyGoroutines } from './go/busy-goroutines';
import { processCpu } from './os/process-cpu';
import { cpuProfileHotspot } from './os/cpu-profile-hotspot';
import { busyThreads } from './jvm/busy-threads';
import { cpuThrottling } from './os/cpu-throttling';
import { goroutineBlocked } from './go/goroutine-blocked';
import { goroutineGrowth } from './go/goroutine-growth';
import { goLockContention } from './go/lock-contention';
import { grpcTransportGrowth } from './go/grpc-transport-growth';
import { httpBodyLeak } from './go/http-body-leak';
import { gcActivity } from './jvm/gc-activity';
import { gcLiveSet } from './jvm/gc-live-set';
import { gcOverhead } from './jvm/gc-overhead';
import { gcPause } from './jvm/gc-pause';
import { heapGrowth } from './jvm/heap-growth';
import { javaDeadlock } from './jvm/java-deadlock';
import { lockContention } from './jvm/lock-contention';
import { matLeakSuspect } from './jvm/mat-leak-suspect';
import { poolWaiters } from './jvm/pool-waiters';
import { stuckThreads } from './jvm/stuck-threads';
import { threadCountGrowth } from './jvm/thread-count-growth';
import { closeWaitAccumulation } from './net/close-wait-accumulation';
import { fdGrowth } from './net/fd-growth';
import { recvQueueBacklog } from './net/recv-queue-backlog';
import { sendQueueBacklog } from './net/send-queue-backlog';
import { pgIdleInTransaction } from './db/pg-idle-in-transaction';
import { pgLockWaits } from './db/pg-lock-waits';
import { pgUnreachable } from './db/pg-unreachable';
import type { FindingDraft } from '../model/finding';
import type { Signature } from './types';

export const SIGNATURES = [
  hikariStarvation,
  hikariPoolTimeout,
  clientPoolTimeout,
  hikariLeak,
  hikariPoolSaturated,
  poolNotReturned,
  hikariValidationFailure,
  hikariBrokenConnection,
  dbConnectionRefused,
  dbSessionTimeouts,
  dbSlowQueries,
  pgIdleInTransaction,
  pgLockWaits,
  pgUnreachable,
  jvmOutOfMemory,
  nodeEmfile,
  nodeConnectionErrors,
  callTimeouts,
  http5xxBurst,
  slowResponses,
  logSilenceGap,
  eventLoopDelay,
  fdGrowth,
  closeWaitAccumulation,
  recvQueueBacklog,
  sendQueueBacklog,
  javaDeadlock,
  poolWaiters,
  goSqlPoolWaiters,
  lockContention,
  stuckThreads,
  threadCountGrowth,
  heapGrowth,
  gcPause,
  gcOverhead,
  gcActivity,
  gcLiveSet,
  matLeakSuspect,
  goroutineGrowth,
  goroutineBlocked,
  goLockContention,
  httpBodyLeak,
  grpcTransportGrowth,
  busyGoroutines,
  busyThreads,
  processCpu,
  cpuProfileHotspot,
  cpuThrottling,
] as const;

/** Every signature as its own type, so that ids, data and occurrences are known per id. */
export type KnownSignature = (typeof SIGNATURES)[number];
export type SignatureId = KnownSignature['id'];
type SignatureOf<K extends SignatureId> = Extract<KnownSignature, { id: K }>;
/** The `data` of a finding of signature K. */
export type DataOf<K extends SignatureId> = SignatureOf<K> extends Signature<K, infer D, infer _O> ? D : never;
/** The occurrences of a finding of signature K. */
export type OccOf<K extends SignatureId> = SignatureOf<K> extends Signature<K, infer _D, infer O> ? O : never;
/** A finding of signature K, typed. */
export type FindingOf<K extends SignatureId> = FindingDraft<DataOf<K>, OccOf<K>> & { signature: K };

export type { AnySignature, Signature } from './types';
